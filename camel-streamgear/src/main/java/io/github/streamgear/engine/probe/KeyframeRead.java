package io.github.streamgear.engine.probe;

import java.time.Duration;

import io.github.streamgear.engine.ffmpeg.FfmpegRunner;
import io.github.streamgear.engine.ffmpeg.RunningProcess;

/**
 * A read of the source's video packets that is under way ({@link MediaProbe#startKeyframes}): awaited for its
 * {@link VideoKeyframes}, or closed unread, which ends the ffprobe run and waits until it has exited.
 */
public final class KeyframeRead implements AutoCloseable {

    /** ffprobe ends at once on SIGTERM; the runner kills it after its grace otherwise. */
    private static final Duration EXIT_WAIT = FfmpegRunner.KILL_GRACE.plusSeconds(2);

    private final RunningProcess run;
    private final String source;

    KeyframeRead(RunningProcess run, String source) {
        this.run = run;
        this.source = source;
    }

    /** Waits for the read to end; fails naming the source when ffprobe could not read its packets. */
    public VideoKeyframes await() {
        return MediaProbe.keyframes(run.await(), source);
    }

    @Override
    public void close() {
        if (run.isAlive()) {
            run.stop();
            run.awaitFor(EXIT_WAIT);
        }
    }
}
