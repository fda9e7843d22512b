package io.github.streamgear.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.streamgear.testing.LogCapture;
import io.github.streamgear.testing.ManifestConformance;
import io.github.streamgear.testing.SourceServer;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A live source packaged without re-encoding ({@code videoCodec=copy}): an SRT source (H.264, a keyframe a second) into
 * live CMAF. The video in the segments is the source's (no encoder ran: the same H.264 parameters, and FFmpeg's command
 * has no video encoder), segments are cut at its keyframes, the window advances, the source drops and comes back and the
 * stream goes on (numbers and timeline continuous), and the route stop finalises it.
 */
class LiveSourceCopyTest extends CamelTestSupport {

    private static final Pattern EXTINF = Pattern.compile("#EXTINF:([0-9.]+),");

    @TempDir
    Path out;

    private final List<String> events = new CopyOnWriteArrayList<>();
    private SourceServer server;

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void srtSourceCopiedIntoLiveCmafAcrossAGap() throws Exception {
        int port = SourceServer.freePort();
        server = SourceServer.serve("-f mpegts srt://127.0.0.1:" + port + "?mode=listener", out.resolve("server.log"));
        LogCapture logs = new LogCapture();
        Level rootLevel = LogManager.getRootLogger().getLevel();
        Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.DEBUG); // FFmpeg's command lines are DEBUG
        logs.attach(Level.DEBUG);
        Path dir = out.resolve("cam");
        Path video = dir.resolve("media_0.m3u8");
        try {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("streamgear:cam?format=cmaf&videoCodec=copy&livestream=true&segmentDuration=1&windowSize=6"
                         + "&extraWindowSize=30&sourceStallTimeout=2s&sourceLostGrace=30s&outputDir=" + out
                         + "&videoSource=RAW(srt://127.0.0.1:" + port + ")").routeId("cam")
                            .process(e -> events.add(e.getIn().getHeader(StreamGearConstants.OPERATION, String.class)));
                }
            });
            await(() -> count(video, "#EXTINF") >= 3, "three segments listed");
            server.downFor(3_000);
            await(() -> events.contains("sourceResumed"), "the source came back");
            int before = count(video, "#EXTINF");
            await(() -> count(video, "#EXTINF") >= before + 2 || Files.readString(video).contains("MEDIA-SEQUENCE:2"),
                    "the window advances after the gap");
            context.getRouteController().stopRoute("cam");
        } finally {
            logs.detach();
            Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, rootLevel);
        }
        assertEquals(List.of(), SourceServer.componentFfmpeg(), "no FFmpeg of the component left");
        String playlist = Files.readString(video);
        assertTrue(playlist.contains("#EXT-X-ENDLIST"), "finalised: " + playlist);
        ManifestConformance.assertHlsConforms(dir.resolve("manifest.m3u8"));
        ManifestConformance.assertMpdValid(dir.resolve("manifest.mpd"));
        assertTrue(events.indexOf("sourceLost") < events.indexOf("sourceResumed"), "lost, then resumed: " + events);

        List<String> argv = logs.lines(Level.DEBUG, "").stream().filter(l -> l.contains("Running [")
                && l.contains("-f, dash")).toList();
        assertFalse(argv.isEmpty(), "the transcoder's command line was logged");
        argv.forEach(l -> assertTrue(l.contains("-c:v:0, copy") || l.contains("-c:v, copy"), "video copied: " + l));
        argv.forEach(l -> assertFalse(l.contains("libx264"), "no video encoder: " + l));

        // cut at the source's keyframes (one a second): 1 s segments; the one across the gap ends at the first keyframe of
        // the source that came back, at most a keyframe interval later
        Matcher m = EXTINF.matcher(playlist);
        List<Double> durations = new ArrayList<>();
        while (m.find()) {
            durations.add(Double.parseDouble(m.group(1)));
        }
        assertTrue(durations.size() >= 5, "segments " + durations);
        for (double d : durations.subList(0, durations.size() - 1)) {
            assertTrue(d > 0.95 && d < 2.05, "each segment ends on a source keyframe: " + durations);
        }
        byte[] init = Files.readAllBytes(dir.resolve("init-0.m4s"));
        try (var segments = Files.list(dir)) {
            for (Path segment : segments.filter(f -> f.getFileName().toString().startsWith("chunk-0-")).toList()) {
                Path whole = out.resolve("whole.mp4");
                Files.write(whole, init);
                Files.write(whole, Files.readAllBytes(segment), java.nio.file.StandardOpenOption.APPEND);
                assertTrue(firstPacketFlags(whole).startsWith("K"), "starts on a keyframe: " + segment);
            }
        }
        String probed = probe(out.resolve("whole.mp4")); // the init and the last segment
        assertTrue(probed.contains("codec_name=h264") && probed.contains("width=320") && probed.contains("height=180")
                   && probed.contains("profile=Constrained Baseline"), "the source's H.264 (x264 ultrafast): " + probed);
    }

    private static String probe(Path init) throws Exception {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "stream=codec_name,width,height,profile", "-of", "default=nw=1", init.toString()).redirectErrorStream(true)
                .start();
        String text = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return text;
    }

    private static String firstPacketFlags(Path file) throws Exception {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", "v:0", "-read_intervals", "%+#1",
                "-show_entries", "packet=flags", "-of", "csv=p=0", file.toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return text;
    }

    private static int count(Path file, String token) {
        try {
            return Files.exists(file) ? Files.readString(file).split(Pattern.quote(token), -1).length - 1 : 0;
        } catch (java.io.IOException e) {
            return 0; // replaced meanwhile
        }
    }

    private static void await(BooleanSupplier condition, String what) throws Exception {
        long deadline = System.currentTimeMillis() + 40_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }

    @FunctionalInterface
    private interface BooleanSupplier {
        boolean getAsBoolean() throws Exception;
    }
}
