package io.github.streamgear.camel;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.streamgear.engine.StreamGearException;
import io.github.streamgear.engine.frames.PixelFormat;
import io.github.streamgear.testing.Processes;
import io.github.streamgear.testing.StreamInspector;
import io.github.streamgear.testing.TestFrames;
import io.github.streamgear.testing.TestMedia;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.github.streamgear.testing.StreamAssertions.assertDash;
import static io.github.streamgear.testing.StreamAssertions.assertHls;
import static io.github.streamgear.testing.StreamAssertions.assertReplyMatchesDisk;
import static io.github.streamgear.testing.StreamAssertions.size;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Raw frames made in Java, sent through a route one exchange per frame, checked with ffprobe. */
class FramesModeTest extends CamelTestSupport {

    private static final int FPS = 25;
    /**
     * Seconds of frames for the ladders whose bitrates are checked. The capped VBR lets x264 spend its 2 s buffer early:
     * over 3 s clips of these frames that measured up to 16% above the advertised rate (the check allows 15%).
     */
    private static final int CLIP_SECONDS = 5;

    @TempDir
    Path out;

    @AfterEach
    void noProcessLeft() {
        assertEquals(List.of(), Processes.leftoverFfmpeg(), "FFmpeg processes left running");
    }

    @ParameterizedTest
    @EnumSource(PixelFormat.class)
    void everyPixelFormatMakesAnAlignedLadder(PixelFormat format) throws Exception {
        String job = "px-" + format.ffmpegName();
        String uri = "streamgear:cam?format=dash&frameWidth=640&frameHeight=360&inputFramerate=" + FPS
                + "&segmentDuration=1&streams=320x180&pixelFormat=" + format.ffmpegName() + "&outputDir=" + out;
        List<Message> reply = stream(uri, job, format, 640, 360, CLIP_SECONDS * FPS);
        assertReplyMatchesDisk(reply, out, job);
        assertDash(out.resolve(job + "/manifest.mpd"), List.of(size(640, 360), size(320, 180)), CLIP_SECONDS, false);
        assertEquals(String.valueOf(CLIP_SECONDS * FPS), frameCount(out.resolve(job + "/init-0.m4s"), out.resolve(job)), "every frame encoded");
        assertTrue(Files.readString(out.resolve(job + "/manifest.mpd")).contains("frameRate=\"25/1\""), "frame rate kept");
    }

    /** StreamGear fails here: raw frames have no aspect ratio and 426x240 is not exactly 16:9. */
    @Test
    void rungsThatAreNotExactly16by9WorkFromRawFrames() throws Exception {
        String uri = "streamgear:cam?format=hls&frameWidth=640&frameHeight=360&inputFramerate=" + FPS
                + "&segmentDuration=1&streams=426x240&outputDir=" + out;
        stream(uri, "sar", PixelFormat.BGR24, 640, 360, 2 * FPS);
        assertHls(out.resolve("sar/manifest.m3u8"), List.of(size(640, 360), size(426, 240)), 2.0, false);
        String dash = "streamgear:cam2?format=dash&frameWidth=640&frameHeight=360&inputFramerate=" + FPS
                      + "&segmentDuration=1&streams=426x240&outputDir=" + out;
        stream(dash, "sar-dash", PixelFormat.BGR24, 640, 360, 2 * FPS);
        assertDash(out.resolve("sar-dash/manifest.mpd"), List.of(size(640, 360), size(426, 240)), 2.0, false);
    }

    @Test
    void externalAudioIsMuxedOnceAndTheStreamEndsWithTheFrames() throws Exception {
        String uri = "streamgear:cam?format=cmaf&frameWidth=640&frameHeight=360&inputFramerate=" + FPS
                + "&segmentDuration=1&streams=320x180&audio=" + TestMedia.standard() + "&outputDir=" + out;
        stream(uri, "with-audio", PixelFormat.BGR24, 640, 360, CLIP_SECONDS * FPS);
        assertDash(out.resolve("with-audio/manifest.mpd"), List.of(size(640, 360), size(320, 180)), CLIP_SECONDS, true);
        assertHls(out.resolve("with-audio/manifest.m3u8"), List.of(size(640, 360), size(320, 180)), CLIP_SECONDS, true);
    }

    @Test
    void bufferedImagesAndByteBuffers() throws Exception {
        String uri = "streamgear:cam?format=hls&inputFramerate=" + FPS + "&frameWidth=320&frameHeight=180&outputDir=" + out;
        for (int i = 0; i < 2 * FPS; i++) {
            byte[] bgr = TestFrames.frame(PixelFormat.BGR24, 320, 180, i);
            Object body;
            if (i % 2 == 0) {
                BufferedImage image = new BufferedImage(320, 180, BufferedImage.TYPE_3BYTE_BGR);
                byte[] raster = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
                System.arraycopy(bgr, 0, raster, 0, bgr.length);
                body = image;
            } else {
                body = ByteBuffer.allocateDirect(bgr.length).put(bgr).flip();
            }
            sendFrame(uri, "mixed", body);
        }
        end(uri, "mixed");
        assertHls(out.resolve("mixed/manifest.m3u8"), List.of(size(320, 180)), 2.0, false);
    }

    @Test
    void wrongFrameSizeFailsThatExchangeOnlyAndFramesAfterTheEndAreRefused() throws Exception {
        String uri = "streamgear:cam?format=dash&frameWidth=320&frameHeight=180&inputFramerate=" + FPS + "&outputDir=" + out;
        for (int i = 0; i < FPS; i++) {
            sendFrame(uri, "sizes", TestFrames.frame(PixelFormat.BGR24, 320, 180, i));
        }
        Exchange wrong = template.request(uri, x -> x.getIn().setBody(new byte[1000]));
        assertInstanceOf(StreamGearException.class, wrong.getException());
        assertTrue(wrong.getException().getMessage().contains("1000 bytes does not match 320x180 bgr24"),
                wrong.getException().getMessage());
        for (int i = FPS; i < 2 * FPS; i++) {
            sendFrame(uri, "sizes", TestFrames.frame(PixelFormat.BGR24, 320, 180, i));
        }
        List<Message> reply = end(uri, "sizes");
        assertReplyMatchesDisk(reply, out, "sizes");
        assertEquals("50", frameCount(out.resolve("sizes/init-0.m4s"), out.resolve("sizes")), "the session kept going");

        Exchange late = template.request(uri, x -> {
            x.getIn().setBody(TestFrames.frame(PixelFormat.BGR24, 320, 180, 99));
            x.getIn().setHeader(StreamGearConstants.JOB_ID, "sizes");
        });
        assertTrue(late.getException().getMessage().contains("has ended"), late.getException().getMessage());
    }

    /** CMAF low-latency live must start: FFmpeg's experimental -lhls used to make it fail after two frames. */
    @Test
    void cmafLowLatencyLiveRuns() throws Exception {
        String uri = "streamgear:ll?format=cmaf&livestream=true&lowLatency=true&segmentDuration=1&frameWidth=320"
                + "&frameHeight=180&inputFramerate=" + FPS + "&preset=ultrafast&outputDir=" + out;
        stream(uri, "ll-cmaf", PixelFormat.BGR24, 320, 180, 2 * FPS);
        assertTrue(Files.readString(out.resolve("ll-cmaf/manifest.mpd")).contains("type=\"static\""));
        assertTrue(Files.readString(out.resolve("ll-cmaf/manifest.m3u8")).contains("RESOLUTION=320x180"));
    }

    @Test
    void modesAreNeverMixed() {
        Exchange frameToSource = template.request("streamgear:vod?outputDir=" + out,
                x -> x.getIn().setBody(TestFrames.frame(PixelFormat.BGR24, 64, 64, 0)));
        String message = frameToSource.getException().getMessage();
        assertTrue(message.contains("single-source mode") && message.contains("mode=frames"), message);

        Exchange fileToFrames = template.request("streamgear:cam?frameWidth=64&frameHeight=64&outputDir=" + out,
                x -> x.getIn().setBody(TestMedia.noAudio().toFile()));
        message = fileToFrames.getException().getMessage();
        assertTrue(message.contains("frames mode (frameWidth/frameHeight are set)") && message.contains("File"), message);

        assertThrows(ResolveEndpointFailedException.class,
                () -> context.getEndpoint("streamgear:x?frameWidth=64&frameHeight=64&pixelFormat=yuv444p&outputDir=" + out));
        ResolveEndpointFailedException live = assertThrows(ResolveEndpointFailedException.class,
                () -> context.getEndpoint("streamgear:x?livestream=true&outputDir=" + out));
        assertTrue(live.getMessage().contains("livestream"), live.getMessage());
    }

    private List<Message> stream(String uri, String job, PixelFormat format, int w, int h, int frames) {
        for (int i = 0; i < frames; i++) {
            sendFrame(uri, job, TestFrames.frame(format, w, h, i));
        }
        return end(uri, job);
    }

    private void sendFrame(String uri, String job, Object frame) {
        Exchange result = template.request(uri, x -> {
            x.getIn().setBody(frame);
            x.getIn().setHeader(StreamGearConstants.JOB_ID, job);
        });
        assertNull(result.getException(), () -> "frame refused: " + result.getException());
    }

    private List<Message> end(String uri, String job) {
        Exchange result = template.request(uri, x -> {
            x.getIn().setHeader(StreamGearConstants.JOB_ID, job);
            x.getIn().setHeader(StreamGearConstants.END_OF_STREAM, true);
        });
        if (result.getException() != null) {
            throw new AssertionError("end of stream failed", result.getException());
        }
        @SuppressWarnings("unchecked")
        List<Message> reply = result.getMessage().getBody(List.class);
        return reply;
    }

    /** Frames in representation 0, counted by decoding init + segments. */
    private static String frameCount(Path init, Path dir) throws Exception {
        Path joined = Files.createTempFile("frames-", ".mp4");
        try (var os = Files.newOutputStream(joined); var chunks = Files.list(dir)) {
            Files.copy(init, os);
            for (Path chunk : chunks.filter(p -> p.getFileName().toString().startsWith("chunk-0-")).sorted().toList()) {
                Files.copy(chunk, os);
            }
        }
        try {
            return StreamInspector.ffprobe("-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                    "stream=nb_read_frames", "-of", "csv=p=0", joined.toString()).trim();
        } finally {
            Files.deleteIfExists(joined);
        }
    }
}
