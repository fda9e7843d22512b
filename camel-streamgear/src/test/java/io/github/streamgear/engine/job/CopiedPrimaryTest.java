package io.github.streamgear.engine.job;

import java.util.ArrayList;
import java.util.List;

import io.github.streamgear.engine.probe.MediaInfo;
import io.github.streamgear.engine.probe.VideoKeyframes;
import io.github.streamgear.engine.settings.HlsSegmentType;
import io.github.streamgear.engine.settings.Segmenting;
import io.github.streamgear.engine.settings.StreamFormat;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When {@code copyPrimary=auto} copies the primary rendition, and the reason it gives when it does not. */
class CopiedPrimaryTest {

    private static final Segmenting DASH = new Segmenting(StreamFormat.DASH, HlsSegmentType.MPEGTS, 4, "manifest");
    private static final Segmenting HLS_TS = new Segmenting(StreamFormat.HLS, HlsSegmentType.MPEGTS, 4, "manifest");
    private static final MediaInfo H264 = new MediaInfo(1280, 720, 25, 20, "h264", true, "aac", "mov,mp4,m4a,3gp,3g2,mj2");
    private static final MediaInfo HEVC = new MediaInfo(1280, 720, 25, 20, "hevc", true, "aac", "mov,mp4,m4a,3gp,3g2,mj2");

    @Test
    void regularKeyframesAreCopied() {
        CopiedPrimary.Decision d = CopiedPrimary.decide(H264, keyframes("High", 2, 20, 3000), DASH, 800);
        assertNull(d.reason());
        assertEquals(10, d.copied().keyframeTimes().size());
        assertEquals(51, d.copied().gop(), "longer than the source's 2 s at 25 fps");
    }

    @Test
    void keyframesThatMissTheSegmentDurationAreNot() {
        // every 2.5 s: the muxers cut at 5 s and 10 s, 25% over 4 s
        String reason = CopiedPrimary.decide(H264, keyframes("High", 2.5, 20, 3000), DASH, 800).reason();
        assertNotNull(reason);
        assertTrue(reason.contains("keyframes") && reason.contains("5.00 s"), reason);
        // every 10 s: too sparse
        assertTrue(CopiedPrimary.decide(H264, keyframes("High", 10, 20, 3000), DASH, 800).reason().contains("10.00"));
        // every 1 s and every 4 s: every cut on a multiple of 4 s
        assertNull(CopiedPrimary.decide(H264, keyframes("Main", 1, 20, 3000), DASH, 800).reason());
        assertNull(CopiedPrimary.decide(H264, keyframes("Main", 4, 20, 3000), DASH, 800).reason());
    }

    @Test
    void profilesCodecsAndBitratesPlayersCannotUseAreNot() {
        assertTrue(CopiedPrimary.decide(H264, keyframes("High 4:4:4 Predictive", 2, 20, 3000), DASH, 800).reason()
                .contains("High 4:4:4 Predictive"));
        assertTrue(CopiedPrimary.decide(HEVC, keyframes("Main", 2, 20, 3000), HLS_TS, 800).reason().contains("hevc"));
        assertNull(CopiedPrimary.decide(HEVC, keyframes("Main", 2, 20, 3000), DASH, 800).reason());
        assertTrue(CopiedPrimary.decide(H264, keyframes("High", 2, 20, 600), DASH, 800).reason().contains("600 kbit/s"));
        assertTrue(CopiedPrimary.unsuitableCodec(new MediaInfo(640, 360, 25, 5, "vp9", false, null, "webm"), DASH)
                .contains("vp9"));
    }

    @Test
    void aLiveSourceIsJudgedByCodecProfileAndDeclaredBitrate() {
        CopiedPrimary.Decision d = CopiedPrimary.decideLive(live("h264", "High", "yuv420p", 0), DASH, 800);
        assertNull(d.reason());
        assertTrue(d.copied().atSourceKeyframes());
        assertTrue(d.copied().keyframeTimes().isEmpty());
        assertEquals(1500, d.copied().gop(), "a minute at 25 fps");
        assertEquals(1500, CopiedPrimary.liveGop(25, 4));
        assertEquals(250 * 10, CopiedPrimary.liveGop(25, 10), "ten segments of 10 s");
        assertTrue(CopiedPrimary.decideLive(live("h264", "High 4:4:4 Predictive", "yuv444p", 0), DASH, 800).reason()
                .contains("High 4:4:4 Predictive"));
        assertTrue(CopiedPrimary.decideLive(live("h264", "High 10", "yuv420p10le", 0), DASH, 800).reason()
                .contains("High 10"));
        assertTrue(CopiedPrimary.decideLive(live("hevc", "Main", "yuv420p", 0), HLS_TS, 800).reason().contains("hevc"));
        assertNull(CopiedPrimary.decideLive(live("hevc", "Main", "yuv420p", 0), DASH, 800).reason());
        assertTrue(CopiedPrimary.decideLive(live("mpeg2video", "Main", "yuv420p", 0), DASH, 800).reason()
                .contains("mpeg2video"));
        // a declared bitrate keeps the ladder in order; an unknown one (most live sources) is trusted
        assertTrue(CopiedPrimary.decideLive(live("h264", "Main", "yuv420p", 600), DASH, 800).reason()
                .contains("600 kbit/s"));
        assertNull(CopiedPrimary.decideLive(live("h264", "Main", "yuv420p", 3000), DASH, 800).reason());
    }

    private static MediaInfo live(String codec, String profile, String pixelFormat, long kbps) {
        return new MediaInfo(1280, 720, 25, 0, codec, false, null, "mpegts", List.of(), List.of(), profile, pixelFormat,
                kbps);
    }

    @Test
    void segmentsAreCutAsTheMuxersCutThem() {
        assertEquals(List.of(4.0, 4.0, 2.0), CopiedPrimary.segments(List.of(0.0, 2.0, 4.0, 6.0, 8.0), 10, 4));
        assertEquals(List.of(6.0, 3.0, 3.0, 1.0), CopiedPrimary.segments(List.of(0.0, 3.0, 6.0, 9.0, 12.0), 13, 4));
    }

    private static VideoKeyframes keyframes(String profile, double every, double seconds, long kbps) {
        List<Double> times = new ArrayList<>();
        for (double t = 0; t < seconds - 1e-9; t += every) {
            times.add(t);
        }
        return new VideoKeyframes(profile, "yuv420p", kbps, times, seconds);
    }
}
