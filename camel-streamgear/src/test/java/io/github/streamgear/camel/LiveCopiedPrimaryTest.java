package io.github.streamgear.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Pattern;

import io.github.streamgear.testing.LogCapture;
import io.github.streamgear.testing.ManifestConformance;
import io.github.streamgear.testing.SourceServer;
import io.github.streamgear.testing.StreamInspector;
import io.github.streamgear.testing.StreamInspector.Track;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.streamgear.testing.StreamAssertions.assertAlignedKeyframes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code copyPrimary=auto} with a live source: an SRT source (320x180 H.264, a keyframe a second) into live CMAF with a
 * 160x90 rung. The primary is the source's video copied, the 160x90 encoded with a keyframe on each of the source's
 * ({@code -force_key_frames source}): every segment of both starts on a keyframe at the same time, their durations
 * agree, and the finalised MPD is valid and names only files that exist. A source no player decodes everywhere (H.264
 * High 4:4:4) is transcoded as before, with one log line saying why.
 */
class LiveCopiedPrimaryTest extends CamelTestSupport {

    /** One frame of the 25 fps source. */
    private static final double FRAME = 0.04;
    /** How much shorter the encoded rung's last segment may be: the frames in its decoder at the stop. */
    private static final double LAST_SEGMENT_TOLERANCE = 5 * FRAME;

    @TempDir
    Path out;

    private SourceServer server;
    private final LogCapture logs = new LogCapture();
    private Level rootLevel;

    @AfterEach
    void stopServer() throws Exception {
        logs.detach();
        if (rootLevel != null) {
            Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, rootLevel);
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void fitSourceCopiedBesideAnEncodedRungAlignedOnItsKeyframes() throws Exception {
        Path dir = stream(SourceServer.GENERATOR);
        assertEquals(1, logs.lines(Level.INFO, "the primary rendition, copied").size(), logs.all().toString());
        String argv = transcoderCommand();
        assertTrue(argv.contains("-c:v:0, copy") && argv.contains("-c:v:1, libx264"), "primary copied, rung encoded: "
                                                                                      + argv);
        assertTrue(argv.contains("-force_key_frames, source,"), "the rung keyed on the source's keyframes: " + argv);

        Path mpd = dir.resolve("manifest.mpd");
        ManifestConformance.assertMpdValid(mpd);
        ManifestConformance.assertHlsConforms(dir.resolve("manifest.m3u8"));
        List<Track> video = StreamInspector.readDash(mpd).stream().filter(t -> !t.audio()).toList();
        assertEquals(2, video.size(), "the copied 320x180 and the encoded 160x90: " + video);
        assertEquals(320, video.get(0).width());
        assertEquals(160, video.get(1).width());
        for (Track t : video) {
            assertTrue(t.segments().size() >= 4, "segments of " + t.id() + ": " + t.segments());
            assertTrue(Files.exists(t.init()), "the MPD names " + t.init());
            t.segments().forEach(s -> assertTrue(Files.exists(s), "the MPD names " + s + ", which does not exist"));
        }
        assertAlignedKeyframes(video);
        List<Double> copied = video.get(0).segmentDurations();
        List<Double> encoded = video.get(1).segmentDurations();
        assertEquals(copied.size(), encoded.size(), copied + " vs " + encoded);
        for (int i = 0; i < copied.size(); i++) {
            // the last one ends where the stop (SIGTERM) found each: the encoded rung 2 frames short once (most likely
            // what the frame-threaded decoder still held), the copied one not
            double tolerance = i < copied.size() - 1 ? FRAME : LAST_SEGMENT_TOLERANCE;
            assertEquals(copied.get(i), encoded.get(i), tolerance + 1e-6, "segment " + i + ": " + copied + " vs " + encoded);
        }
        Path first = out.resolve("first.mp4");
        Files.write(first, Files.readAllBytes(video.get(0).init()));
        Files.write(first, Files.readAllBytes(video.get(0).segments().get(0)), StandardOpenOption.APPEND);
        String profile = StreamInspector.ffprobe("-v", "error", "-select_streams", "v:0", "-show_entries",
                "stream=profile", "-of", "default=nw=1:nk=1", first.toString()).trim();
        assertEquals("Constrained Baseline", profile, "the source's H.264 (x264 ultrafast) in the primary");
    }

    @Test
    void unfitSourceIsTranscodedWithOneLogLine() throws Exception {
        String high444 = SourceServer.GENERATOR.replace("-pix_fmt yuv420p", "-pix_fmt yuv444p");
        Path dir = stream(high444);
        List<String> why = logs.lines(Level.INFO, "copyPrimary=auto: every rendition is encoded");
        assertEquals(1, why.size(), logs.all().toString());
        assertTrue(why.get(0).contains("High 4:4:4"), why.get(0));
        String argv = transcoderCommand();
        assertFalse(argv.contains("copy"), "nothing copied: " + argv);
        ManifestConformance.assertMpdValid(dir.resolve("manifest.mpd"));
    }

    /** Streams the source of {@code generator} until the 160x90 has 4 segments, then stops the route; its folder. */
    private Path stream(String generator) throws Exception {
        int port = SourceServer.freePort();
        server = SourceServer.serve(generator, "-f mpegts srt://127.0.0.1:" + port + "?mode=listener",
                out.resolve("server.log"));
        rootLevel = LogManager.getRootLogger().getLevel();
        Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.DEBUG); // FFmpeg's command lines are DEBUG
        logs.attach(Level.DEBUG);
        Path dir = out.resolve("cam");
        Path rung = dir.resolve("media_1.m3u8");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("streamgear:cam?format=cmaf&copyPrimary=auto&streams=160x90&preset=ultrafast&livestream=true"
                     + "&segmentDuration=1&windowSize=30&outputDir=" + out
                     + "&videoSource=RAW(srt://127.0.0.1:" + port + ")").routeId("cam").to("mock:events");
            }
        });
        long deadline = System.currentTimeMillis() + 60_000;
        while (count(rung, "#EXTINF") < 4) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for 4 segments of the 160x90: " + logs.all());
            }
            Thread.sleep(100);
        }
        context.getRouteController().stopRoute("cam");
        assertEquals(List.of(), SourceServer.componentFfmpeg(), "no FFmpeg of the component left");
        assertTrue(Files.readString(rung).contains("#EXT-X-ENDLIST"), "finalised");
        return dir;
    }

    private String transcoderCommand() {
        List<String> argv = logs.lines(Level.DEBUG, "").stream().filter(l -> l.contains("Running [")
                && l.contains("-f, dash")).toList();
        assertEquals(1, argv.size(), "the transcoder's command line: " + argv);
        return argv.get(0);
    }

    private static int count(Path file, String token) {
        try {
            return Files.exists(file) ? Files.readString(file).split(Pattern.quote(token), -1).length - 1 : 0;
        } catch (java.io.IOException e) {
            return 0; // replaced meanwhile
        }
    }
}
