package io.github.streamgear.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.streamgear.testing.LogCapture;
import io.github.streamgear.testing.Processes;
import io.github.streamgear.testing.StreamInspector;
import io.github.streamgear.testing.StreamInspector.Track;
import io.github.streamgear.testing.TestMedia;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.streamgear.testing.StreamAssertions.assertDash;
import static io.github.streamgear.testing.StreamAssertions.assertReplyMatchesDisk;
import static io.github.streamgear.testing.StreamAssertions.assertSegmentDurations;
import static io.github.streamgear.testing.StreamAssertions.size;
import static io.github.streamgear.testing.StreamAssertions.assertStreamQuality;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code copyPrimary=auto}: from a source with a keyframe every 2 s the primary rendition is the source's video copied
 * bit for bit, the smaller one encoded with keyframes at the same times; the stream-quality checks (keyframes aligned
 * across renditions, measured bitrates, exact durations) pass in DASH, HLS-TS and CMAF. A source whose keyframes are
 * too far apart for the segment duration is transcoded as before, with one log line saying why.
 */
class CopiedPrimaryTest extends CamelTestSupport {

    private static final double SECONDS = 6;

    @TempDir
    Path out;

    private final LogCapture logs = new LogCapture();

    @BeforeEach
    void captureLogs() {
        logs.attach(Level.INFO);
    }

    @AfterEach
    void noProcessLeft() {
        logs.detach();
        assertEquals(List.of(), Processes.leftoverFfmpeg(), "FFmpeg processes left running");
    }

    /** Two encoded rungs: the 256x144 is scaled from the 320x180 (the chain of scales beside a copied primary). */
    @Test
    void dash() throws Exception {
        check("format=dash", "320x180,256x144", "manifest.mpd");
    }

    @Test
    void hlsMpegts() throws Exception {
        check("format=hls", "320x180", "manifest.m3u8");
    }

    @Test
    void cmaf() throws Exception {
        check("format=cmaf", "320x180", "manifest.mpd", "manifest.m3u8");
    }

    private void check(String format, String streams, String... manifests) throws Exception {
        Path source = VideoCopyTest.gop50();
        List<Message> reply = transcode(format + "&copyPrimary=auto&streams=" + streams, source);
        int renditions = 1 + streams.split(",").length;
        assertReplyMatchesDisk(reply, out, "gop50");
        assertEquals(1, logs.lines(Level.INFO, "the primary rendition, copied").size(), logs.all().toString());
        for (String manifest : manifests) {
            Path m = out.resolve("gop50").resolve(manifest);
            assertStreamQuality(m, SECONDS, 4, true);
            List<Track> video = StreamInspector.readTracks(m).stream().filter(t -> !t.audio()).toList();
            assertEquals(renditions, video.size(), "the copied primary and the encoded " + streams + " in " + manifest);
            for (Track t : video) {
                assertEquals(List.of(4.0, 2.0), t.segmentDurations(), "segments of " + t.id() + " in " + manifest);
                VideoCopyTest.assertDeclaredDurationsExact(t);
            }
            assertEquals(VideoCopyTest.packets(source), VideoCopyTest.packets(VideoCopyTest.joined(video.get(0), out)),
                    "the primary's packets are the source's (" + manifest + ")");
            if (manifest.endsWith(".m3u8")) {
                for (String line : Files.readAllLines(m)) {
                    assertTrue(!line.startsWith("#EXT-X-STREAM-INF") || line.contains("CODECS=\"avc1."),
                            "every variant names its video codec: " + line);
                }
            }
        }
    }

    /** An MPEG-TS source starts at 1.4 s: the forced keyframe times are counted from there, as FFmpeg's output is. */
    @Test
    void mpegtsSourceWithAStartTime() throws Exception {
        Path ts = out.resolve("in/gop50ts.ts");
        Files.createDirectories(ts.getParent());
        TestMediaSupport.ffmpeg("-i", VideoCopyTest.gop50().toString(), "-c", "copy", "-f", "mpegts", ts.toString());
        transcode("format=dash&copyPrimary=auto&streams=320x180", ts);
        assertEquals(1, logs.lines(Level.INFO, "the primary rendition, copied").size(), logs.all().toString());
        Path mpd = out.resolve("gop50ts/manifest.mpd");
        // the stream-quality checks but the audio/video start: this source's video starts 21 ms after its audio,
        // which copying keeps (the encoded AAC adds its own 21 ms of priming before)
        List<Track> video = assertDash(mpd, List.of(size(640, 360), size(320, 180)), SECONDS, true);
        assertSegmentDurations(StreamInspector.readTracks(mpd), 4);
        for (Track t : video) {
            assertEquals(List.of(4.0, 2.0), t.segmentDurations(), "segments of " + t.id());
        }
    }

    @Test
    void sparseKeyframesFallBackToTranscodingWithOneLogLine() throws Exception {
        // x264's default: a keyframe every 250 frames (8.3 s at 30 fps), longer than the 4 s segments
        Path source = TestMedia.standard();
        transcode("format=dash&copyPrimary=auto&streams=320x180", source);
        List<String> why = logs.lines(Level.INFO, "copyPrimary=auto: every rendition is encoded");
        assertEquals(1, why.size(), logs.all().toString());
        assertTrue(why.get(0).contains("keyframes"), why.get(0));
        Path mpd = out.resolve("standard/manifest.mpd");
        assertStreamQuality(mpd, 8, 4, true);
        Track primary = StreamInspector.readTracks(mpd).get(0);
        assertNotEquals(VideoCopyTest.packets(source), VideoCopyTest.packets(VideoCopyTest.joined(primary, out)),
                "the primary was encoded");
    }

    private List<Message> transcode(String options, Path source) {
        Exchange result = template.request("streamgear:test?outputDir=" + out + "&" + options,
                e -> e.getIn().setBody(source.toFile()));
        if (result.getException() != null) {
            throw new AssertionError("transcode failed", result.getException());
        }
        @SuppressWarnings("unchecked")
        List<Message> reply = result.getMessage().getBody(List.class);
        return reply;
    }
}
