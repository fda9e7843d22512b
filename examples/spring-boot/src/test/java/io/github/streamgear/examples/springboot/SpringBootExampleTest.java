package io.github.streamgear.examples.springboot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.github.streamgear.camel.StreamGearComponent;
import io.github.streamgear.camel.StreamGearEndpoint;
import io.github.streamgear.engine.settings.StreamFormat;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example application as shipped ({@code application.properties}), with its folders in a temporary directory
 * and FFmpeg named by {@code camel.component.streamgear.ffmpeg-path}: the {@code streamgear:vod} endpoint, which sets
 * no option in its URI, transcodes with the format and segment duration of the properties.
 */
@SpringBootTest(properties = "camel.main.run-controller=false")
class SpringBootExampleTest {

    @TempDir
    static Path home;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("app.home", () -> home.toString());
        registry.add("camel.component.streamgear.ffmpeg-path", () -> TestMedia.ffmpegOnPath().toString());
    }

    @Autowired
    CamelContext camelContext;

    @Autowired
    ProducerTemplate template;

    @Test
    void theEndpointStartsFromThePropertiesOfApplicationProperties() {
        StreamGearComponent component = camelContext.getComponent("streamgear", StreamGearComponent.class);
        assertEquals(TestMedia.ffmpegOnPath().toString(), component.getFfmpegPath());

        StreamGearEndpoint endpoint = camelContext.getEndpoint("streamgear:vod", StreamGearEndpoint.class);
        assertEquals(StreamFormat.CMAF, endpoint.getConfiguration().getFormat());   // default dash
        assertEquals(2.0, endpoint.getConfiguration().getSegmentDuration());        // default 4
        assertEquals("640x360@800k,426x240", endpoint.getConfiguration().getStreams());
        assertEquals(home + "/output", endpoint.getConfiguration().getOutputDir());
    }

    /** A 6 s video comes out as CMAF (an MPD and an HLS master playlist) in 2 s segments, not the default 4 s. */
    @Test
    void aVideoBecomesDashAndHlsInSegmentsOfTheConfiguredDuration() throws Exception {
        Path video = TestMedia.video(home.resolve("sources/talk.mp4"), 6);

        Exchange exchange = template.request("direct:transcode", e -> e.getIn().setBody(video.toFile()));

        assertNull(exchange.getException(), () -> "the job failed: " + exchange.getException());
        assertEquals("talk/manifest.mpd", exchange.getMessage().getHeader("CamelStreamGearManifest"));
        @SuppressWarnings("unchecked")
        List<Message> files = exchange.getMessage().getBody(List.class);
        assertTrue(files.size() > 5, "one message per file written: " + files.size());

        Path job = home.resolve("output/talk");
        assertTrue(Files.size(job.resolve("manifest.mpd")) > 0, "DASH manifest");
        String master = Files.readString(job.resolve("manifest.m3u8"));
        assertTrue(master.contains("#EXT-X-STREAM-INF"), "HLS master playlist:\n" + master);

        // every segment 2 s (the last may be shorter; audio segments end on AAC frames), the default would be 4 s
        for (Path playlist : mediaPlaylists(job)) {
            String text = Files.readString(playlist);
            List<Double> segments = text.lines().filter(l -> l.startsWith("#EXTINF:"))
                    .map(l -> Double.parseDouble(l.substring(8, l.indexOf(',')))).toList();
            assertTrue(text.contains("#EXT-X-TARGETDURATION:2\n"), playlist.getFileName() + ":\n" + text);
            assertTrue(segments.size() >= 3, playlist.getFileName() + " lists 6 s in 2 s segments:\n" + text);
            for (int i = 0; i < segments.size() - 1; i++) {
                assertEquals(2.0, segments.get(i), 0.1, playlist.getFileName() + " segment " + i + ":\n" + text);
            }
            assertEquals(6.0, segments.stream().mapToDouble(Double::doubleValue).sum(), 0.2, playlist + ":\n" + text);
        }
    }

    private static List<Path> mediaPlaylists(Path job) throws IOException {
        try (Stream<Path> files = Files.list(job)) {
            List<Path> playlists = files.filter(f -> f.toString().endsWith(".m3u8"))
                    .filter(f -> !f.getFileName().toString().equals("manifest.m3u8")).sorted().toList();
            assertTrue(playlists.size() >= 2, "video and audio media playlists: " + playlists);
            return playlists;
        }
    }
}
