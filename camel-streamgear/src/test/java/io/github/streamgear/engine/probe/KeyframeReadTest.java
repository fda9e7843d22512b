package io.github.streamgear.engine.probe;

import java.util.List;

import io.github.streamgear.engine.ffmpeg.FfmpegBinaries;
import io.github.streamgear.engine.ffmpeg.FfmpegLocator;
import io.github.streamgear.engine.ffmpeg.FfmpegRunner;
import io.github.streamgear.testing.Processes;
import io.github.streamgear.testing.TestMedia;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A keyframe read started ahead of the decision that needs it: the same answer awaited, no ffprobe left if closed. */
class KeyframeReadTest {

    private static final FfmpegRunner RUNNER = new FfmpegRunner();
    private static final FfmpegBinaries BINARIES = new FfmpegLocator(RUNNER).locate(null, null);
    private static final MediaProbe PROBE = new MediaProbe(BINARIES, RUNNER);

    @AfterAll
    static void close() {
        RUNNER.close();
    }

    @Test
    void aReadStartedAheadGivesTheKeyframes() {
        String source = TestMedia.streamable().toString();
        try (KeyframeRead read = PROBE.startKeyframes(List.of(), source)) {
            VideoKeyframes k = read.await();
            assertEquals(List.of(0.0, 2.0, 4.0), k.keyframeTimes().stream().map(t -> Math.round(t * 100) / 100.0)
                    .toList(), "keyframes every 50 frames at 25 fps");
            assertEquals(6.0, k.endSeconds(), 0.05);
            assertEquals("yuv420p", k.pixelFormat());
        }
    }

    /** An endless source: the read is still going when its answer is not wanted, and closing it ends ffprobe. */
    @Test
    void aReadClosedUnreadLeavesNoFfprobeRunning() throws Exception {
        String endless = "testsrc2=size=64x64:rate=25";
        KeyframeRead read = PROBE.startKeyframes(List.of("-f", "lavfi"), endless);
        Thread.sleep(500);
        assertFalse(Processes.leftoverFfmpeg().stream().filter(c -> c.contains(endless)).toList().isEmpty(),
                "the read of an endless source is under way");
        read.close();
        List<String> left = Processes.leftoverFfmpeg().stream().filter(c -> c.contains(endless)).toList();
        assertTrue(left.isEmpty(), "ffprobe still running after close: " + left);
    }
}
