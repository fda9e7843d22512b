package io.github.streamgear.engine;

import java.time.Duration;
import java.util.function.Consumer;

import io.github.streamgear.engine.ffmpeg.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns FFmpeg's progress reports into a log line every {@code interval}: how far, how fast. */
final class ProgressLog implements Consumer<Progress> {

    private static final Logger LOG = LoggerFactory.getLogger(Transcoder.class);

    private final String jobId;
    private final double durationSeconds;
    private final long intervalNanos;
    private long lastLog = System.nanoTime();

    ProgressLog(String jobId, double durationSeconds, Duration interval) {
        this.jobId = jobId;
        this.durationSeconds = durationSeconds;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public void accept(Progress p) {
        long now = System.nanoTime();
        if (p.ended() || intervalNanos <= 0 || now - lastLog < intervalNanos) {
            return;
        }
        lastLog = now;
        if (durationSeconds > 0) {
            LOG.info("Job {}: {}% ({})", jobId, Math.min(100, Math.round(100 * p.outTimeSeconds() / durationSeconds)), p);
        } else {
            LOG.info("Job {}: {}", jobId, p);
        }
    }
}
