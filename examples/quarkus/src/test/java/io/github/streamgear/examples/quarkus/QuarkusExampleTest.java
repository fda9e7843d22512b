package io.github.streamgear.examples.quarkus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.streamgear.camel.StreamGearEndpoint;
import io.github.streamgear.engine.settings.StreamFormat;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example application as shipped ({@code application.properties}) on Camel Quarkus in JVM mode, with its folders in
 * a temporary directory and FFmpeg named by {@code camel.component.streamgear.ffmpeg-path}: the
 * {@code streamgear:vod} endpoint, which sets no option in its URI, transcodes with the properties' format and segment
 * duration.
 */
@QuarkusTest
@TestProfile(QuarkusExampleTest.TempHome.class)
class QuarkusExampleTest {

    /** app.home in a new temporary folder, FFmpeg from the PATH named explicitly. */
    public static class TempHome implements QuarkusTestProfile {
        static final Path HOME;

        static {
            try {
                HOME = Files.createTempDirectory("streamgear-quarkus");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("app.home", HOME.toString(),
                    "camel.component.streamgear.ffmpeg-path", TestMedia.ffmpegOnPath().toString());
        }
    }

    @AfterAll
    static void deleteHome() throws IOException {
        try (Stream<Path> files = Files.walk(TempHome.HOME)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    @Inject
    CamelContext camelContext;

    @Inject
    ProducerTemplate template;

    @Test
    void theEndpointStartsFromThePropertiesOfApplicationProperties() {
        StreamGearEndpoint endpoint = camelContext.getEndpoint("streamgear:vod", StreamGearEndpoint.class);
        assertEquals(StreamFormat.CMAF, endpoint.getConfiguration().getFormat());   // default dash
        assertEquals(2.0, endpoint.getConfiguration().getSegmentDuration());        // default 4
        assertEquals("640x360@800k,426x240", endpoint.getConfiguration().getStreams());
        assertEquals(TempHome.HOME + "/output", endpoint.getConfiguration().getOutputDir());
        assertEquals(TestMedia.ffmpegOnPath().toString(), endpoint.getConfiguration().getFfmpegPath());
    }

    /** A 6 s video comes out as CMAF (an MPD and an HLS master playlist) in 2 s segments, not the default 4 s. */
    @Test
    void aVideoBecomesDashAndHlsInSegmentsOfTheConfiguredDuration() throws Exception {
        Path video = TestMedia.video(TempHome.HOME.resolve("sources/talk.mp4"), 6);

        Exchange exchange = template.request("direct:transcode", e -> e.getIn().setBody(video.toFile()));

        assertNull(exchange.getException(), () -> "the job failed: " + exchange.getException());
        Path job = TempHome.HOME.resolve("output/talk");
        assertTrue(Files.size(job.resolve("manifest.mpd")) > 0, "DASH manifest");
        assertTrue(Files.readString(job.resolve("manifest.m3u8")).contains("#EXT-X-STREAM-INF"), "HLS master playlist");
        try (Stream<Path> files = Files.list(job)) {
            List<Path> playlists = files.filter(f -> f.toString().endsWith(".m3u8"))
                    .filter(f -> !f.getFileName().toString().equals("manifest.m3u8")).toList();
            assertTrue(playlists.size() >= 2, "video and audio media playlists: " + playlists);
            for (Path playlist : playlists) {
                String text = Files.readString(playlist);
                assertTrue(text.contains("#EXT-X-TARGETDURATION:2\n"), playlist.getFileName() + ":\n" + text);
            }
        }
    }
}
