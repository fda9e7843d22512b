package io.github.streamgear.engine.command;

import io.github.streamgear.engine.StreamGearException;
import io.github.streamgear.engine.probe.MediaInfo;
import io.github.streamgear.engine.settings.HlsSegmentType;
import io.github.streamgear.engine.settings.Segmenting;
import io.github.streamgear.engine.settings.StreamFormat;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which source codecs {@code videoCodec=copy} packages into which output, and how a refusal reads. */
class StreamCopyTest {

    @Test
    void h264GoesEverywhere() {
        for (Segmenting s : outputs()) {
            assertDoesNotThrow(() -> StreamCopy.check(source("h264"), s, "in.mp4"));
        }
    }

    @Test
    void hevcGoesIntoFmp4OnlyWithAHint() {
        assertDoesNotThrow(() -> StreamCopy.check(source("hevc"), seg(StreamFormat.DASH, HlsSegmentType.MPEGTS), "in.mp4"));
        assertDoesNotThrow(() -> StreamCopy.check(source("hevc"), seg(StreamFormat.CMAF, HlsSegmentType.MPEGTS), "in.mp4"));
        assertDoesNotThrow(() -> StreamCopy.check(source("hevc"), seg(StreamFormat.HLS, HlsSegmentType.FMP4), "in.mp4"));
        StreamGearException e = assertThrows(StreamGearException.class,
                () -> StreamCopy.check(source("hevc"), seg(StreamFormat.HLS, HlsSegmentType.MPEGTS), "in.mp4"));
        assertTrue(e.getMessage().contains("hevc") && e.getMessage().contains("format=hls with mpegts segments")
                   && e.getMessage().contains("hlsSegmentType=fmp4"), e.getMessage());
    }

    @Test
    void vp9OnlyIntoDash() {
        assertDoesNotThrow(() -> StreamCopy.check(source("vp9"), seg(StreamFormat.DASH, HlsSegmentType.MPEGTS), "in.webm"));
        StreamGearException e = assertThrows(StreamGearException.class,
                () -> StreamCopy.check(source("vp9"), seg(StreamFormat.CMAF, HlsSegmentType.MPEGTS), "in.webm"));
        assertTrue(e.getMessage().contains("vp9") && e.getMessage().contains("format=cmaf")
                   && e.getMessage().contains("h264, hevc, av1"), e.getMessage());
    }

    @Test
    void otherCodecsAreRefusedEverywhere() {
        for (Segmenting s : outputs()) {
            StreamGearException e = assertThrows(StreamGearException.class,
                    () -> StreamCopy.check(source("mpeg4"), s, "old.avi"));
            assertTrue(e.getMessage().contains("mpeg4") && e.getMessage().contains("old.avi"), e.getMessage());
        }
    }

    private static Segmenting[] outputs() {
        return new Segmenting[] {seg(StreamFormat.DASH, HlsSegmentType.MPEGTS), seg(StreamFormat.CMAF, HlsSegmentType.MPEGTS),
            seg(StreamFormat.HLS, HlsSegmentType.MPEGTS), seg(StreamFormat.HLS, HlsSegmentType.FMP4)};
    }

    private static Segmenting seg(StreamFormat format, HlsSegmentType type) {
        return new Segmenting(format, type, 4, "manifest");
    }

    private static MediaInfo source(String codec) {
        return new MediaInfo(1280, 720, 25, 10, codec, true, "aac", "mov,mp4,m4a,3gp,3g2,mj2");
    }
}
