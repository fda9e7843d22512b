package io.github.streamgear.engine.ffmpeg;

import java.util.Locale;

/**
 * One report of FFmpeg's {@code -progress} output.
 *
 * @param frame          frames encoded so far (of the first output stream)
 * @param outTimeSeconds media time written so far
 * @param speed          encoding speed relative to real time (2.0 = twice as fast), 0 if unknown
 * @param totalSizeBytes bytes written so far, -1 if unknown
 * @param ended          whether this is FFmpeg's last report
 */
public record Progress(long frame, double outTimeSeconds, double speed, long totalSizeBytes, boolean ended) {

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "frame %d, %.1f s encoded, speed %.2fx", frame, outTimeSeconds, speed);
    }
}
