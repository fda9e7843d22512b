package io.github.streamgear.engine.job;

import java.time.Duration;
import java.util.function.Consumer;

import io.github.streamgear.engine.ffmpeg.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns FFmpeg's progress reports (several a second) into one report every {@code interval}: an INFO log line and, for
 * whoever listens, a {@link JobProgress}. FFmpeg's last report is always passed on, however soon it comes.
 */
public final class ProgressReporter implements Consumer<Progress> {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);

    private final String jobId;
    private final double durationSeconds;
    private final long intervalNanos;
    private final Consumer<JobProgress> listener;
    private long lastReport = System.nanoTime();

    /**
     * @param durationSeconds the source's duration, 0 if unknown
     * @param interval        how often to report; zero or negative: never (not even to the listener)
     * @param listener        receives each report (on FFmpeg's output reading thread: it must not block); may be null
     */
    public ProgressReporter(String jobId, double durationSeconds, Duration interval, Consumer<JobProgress> listener) {
        this.jobId = jobId;
        this.durationSeconds = durationSeconds;
        this.intervalNanos = interval.toNanos();
        this.listener = listener;
    }

    @Override
    public void accept(Progress p) {
        long now = System.nanoTime();
        if (intervalNanos <= 0 || (!p.ended() && now - lastReport < intervalNanos)) {
            return;
        }
        lastReport = now;
        JobProgress progress = new JobProgress(jobId, p.frame(), p.outTimeSeconds(), durationSeconds, p.speed(),
                p.totalSizeBytes(), p.ended());
        if (!p.ended()) {
            LOG.info("{}", progress);
        }
        if (listener != null) {
            try {
                listener.accept(progress);
            } catch (RuntimeException e) {
                LOG.warn("Job {}: a progress listener failed: {}", jobId, e.toString());
            }
        }
    }
}
