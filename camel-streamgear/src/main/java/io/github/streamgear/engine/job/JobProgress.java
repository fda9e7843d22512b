package io.github.streamgear.engine.job;

import java.util.Locale;

/**
 * How far a running job or frame session is, from FFmpeg's progress reports.
 *
 * @param jobId           the job or session id
 * @param frame           video frames encoded so far
 * @param encodedSeconds  media time written so far, in seconds
 * @param durationSeconds the source's duration in seconds; 0 when unknown (frame sessions, live, streams)
 * @param speed           encoding speed relative to real time (2.0 = twice as fast), 0 if unknown
 * @param bytes           bytes FFmpeg has written so far, -1 if unknown
 * @param ended           whether this is FFmpeg's last report (encoding ended; the job may still fail after it)
 */
public record JobProgress(String jobId, long frame, double encodedSeconds, double durationSeconds, double speed,
        long bytes, boolean ended) {

    /** The share done, 0 to 1, or -1 when the duration is unknown. */
    public double fraction() {
        if (durationSeconds <= 0) {
            return -1;
        }
        return Math.min(1.0, Math.max(0.0, encodedSeconds / durationSeconds));
    }

    @Override
    public String toString() {
        String done = durationSeconds > 0 ? Math.round(100 * fraction()) + "% done" : "encoding";
        return String.format(Locale.ROOT, "Job %s: %s (frame %d, %.1f s encoded, speed %.2fx)%s", jobId, done, frame,
                encodedSeconds, speed, ended ? ", encoding ended" : "");
    }
}
