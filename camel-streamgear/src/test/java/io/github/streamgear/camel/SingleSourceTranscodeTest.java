package io.github.streamgear.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.streamgear.testing.Processes;
import io.github.streamgear.testing.StreamAssertions.Size;
import io.github.streamgear.testing.StreamInspector;
import io.github.streamgear.testing.TestMedia;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.streamgear.testing.StreamAssertions.assertDash;
import static io.github.streamgear.testing.StreamAssertions.assertHls;
import static io.github.streamgear.testing.StreamAssertions.assertReplyMatchesDisk;
import static io.github.streamgear.testing.StreamAssertions.size;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Single-source jobs through the {@code streamgear:} producer, checked with ffprobe and the parsed manifests. */
class SingleSourceTranscodeTest extends CamelTestSupport {

    @TempDir
    Path out;

    @AfterEach
    void noProcessLeft() {
        assertEquals(List.of(), Processes.leftoverFfmpeg(), "FFmpeg processes left running");
    }

    @Test
    void dashThreeRungLadderFrom720p() throws Exception {
        List<Message> reply = transcode("format=dash&streams=640x360@800k,426x240@400k", TestMedia.hd());
        assertReplyMatchesDisk(reply, out, "hd");
        assertDash(out.resolve("hd/manifest.mpd"), List.of(size(1280, 720), size(640, 360), size(426, 240)), 6, true);
    }

    @Test
    void hlsMpegtsWithEstimatedBitrates() throws Exception {
        List<Message> reply = transcode("format=hls&streams=426x240,256x144", TestMedia.standard());
        assertReplyMatchesDisk(reply, out, "standard");
        assertTrue(reply.stream().anyMatch(m -> m.getHeader("CamelFileName", String.class).endsWith(".ts")));
        assertHls(out.resolve("standard/manifest.m3u8"), List.of(size(640, 360), size(426, 240), size(256, 144)), 8, true);
    }

    @Test
    void hlsFmp4() throws Exception {
        List<Message> reply = transcode("format=hls&hlsSegmentType=fmp4&streams=320x180@250k", TestMedia.standard());
        assertReplyMatchesDisk(reply, out, "standard");
        assertTrue(reply.stream().anyMatch(m -> "init".equals(m.getHeader("CamelStreamGearFileKind"))), "fMP4 init files");
        assertHls(out.resolve("standard/manifest.m3u8"), List.of(size(640, 360), size(320, 180)), 8, true);
    }

    @Test
    void cmafWritesBothManifestsOverTheSameSegments() throws Exception {
        List<Message> reply = transcode("format=cmaf&streams=320x180@250k", TestMedia.standard());
        assertReplyMatchesDisk(reply, out, "standard");
        List<Size> ladder = List.of(size(640, 360), size(320, 180));
        assertDash(out.resolve("standard/manifest.mpd"), ladder, 8, true);
        assertHls(out.resolve("standard/manifest.m3u8"), ladder, 8, true);
        List<String> manifests = reply.stream().filter(m -> "manifest".equals(m.getHeader("CamelStreamGearFileKind")))
                .map(m -> m.getHeader("CamelFileName", String.class)).toList();
        assertEquals(List.of("standard/manifest.mpd", "standard/manifest.m3u8"), manifests);
    }

    @Test
    void oddDimensionsBecomeEven() throws Exception {
        transcode("format=dash&streams=320x180", TestMedia.oddDimensions());
        assertDash(out.resolve("odd-641x361/manifest.mpd"), List.of(size(640, 360), size(320, 180)), 6, true);
    }

    @Test
    void sourceWithoutAudio() throws Exception {
        transcode("format=hls&streams=320x180", TestMedia.noAudio());
        assertHls(out.resolve("no-audio/manifest.m3u8"), List.of(size(640, 360), size(320, 180)), 6, false);
        transcode("format=dash&streams=320x180", TestMedia.noAudio());
        assertDash(out.resolve("no-audio/manifest.mpd"), List.of(size(640, 360), size(320, 180)), 6, false);
    }

    @Test
    void ntscFrameRate() throws Exception {
        transcode("format=dash&streams=320x180", TestMedia.ntsc());
        assertDash(out.resolve("ntsc-29.97/manifest.mpd"), List.of(size(640, 360), size(320, 180)), 6, true);
        assertTrue(Files.readString(out.resolve("ntsc-29.97/manifest.mpd")).contains("frameRate=\"30000/1001\""));
    }

    @Test
    void portraitSourceKeepsItsOrientation() throws Exception {
        transcode("format=hls&streams=640x360", TestMedia.portrait());
        // 640x360 is a box: the portrait source fits into it as 202x360
        assertHls(out.resolve("portrait-360x640/manifest.m3u8"), List.of(size(360, 640), size(202, 360)), 6, true);
    }

    @Test
    void upscalingAndDuplicateRungsAreDropped() throws Exception {
        List<Message> reply = transcode("format=dash&streams=1280x720@3000k,640x360,320x180", TestMedia.standard());
        assertDash(out.resolve("standard/manifest.mpd"), List.of(size(640, 360), size(320, 180)), 8, true);
        assertFalse(reply.isEmpty());
    }

    @Test
    void jobIdHeaderNamesTheFolder() throws Exception {
        Exchange result = template.request(uri("format=dash"), e -> {
            e.getIn().setBody(TestMedia.noAudio().toFile());
            e.getIn().setHeader(StreamGearConstants.JOB_ID, "customer-7/intro");
        });
        assertNull(result.getException());
        assertEquals("customer-7/intro/manifest.mpd", result.getMessage().getHeader(StreamGearConstants.MANIFEST));
        assertTrue(Files.exists(out.resolve("customer-7/intro/manifest.mpd")));
    }

    @Test
    void audioChannelsDownmixesA51SourceToStereo() throws Exception {
        Path surround = out.resolve("in/surround.mp4");
        Files.createDirectories(surround.getParent());
        TestMediaSupport.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000,aformat=channel_layouts=5.1", "-t", "3", "-c:v", "libx264", "-preset",
                "ultrafast", "-c:a", "aac", "-shortest", surround.toString());
        transcode("format=hls&segmentDuration=1", surround);
        Path kept = out.resolve("surround/stream_audio.m3u8");
        assertEquals(6, StreamInspector.probedAudioChannels(StreamInspector.readHlsMedia(kept, true)), "by default");

        transcode("format=hls&segmentDuration=1&audioChannels=2&clearPrevAssets=true", surround);
        assertEquals(2, StreamInspector.probedAudioChannels(StreamInspector.readHlsMedia(kept, true)), "downmixed");
    }

    private List<Message> transcode(String options, Path source) {
        Exchange result = template.request(uri(options), e -> e.getIn().setBody(source.toFile()));
        if (result.getException() != null) {
            throw new AssertionError("transcode failed", result.getException());
        }
        @SuppressWarnings("unchecked")
        List<Message> reply = result.getMessage().getBody(List.class);
        return reply;
    }

    private String uri(String options) {
        return "streamgear:test?outputDir=" + out + "&" + options;
    }
}
