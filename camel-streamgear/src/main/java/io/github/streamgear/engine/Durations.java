package io.github.streamgear.engine;

import java.time.Duration;
import java.util.Locale;

/** Durations as people read them in log lines and messages: {@code 600 ms}, {@code 30 s}, {@code 2 min 5 s}. */
public final class Durations {

    private Durations() {
    }

    public static String describe(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = Math.round(ms / 1000.0);
        return s % 60 == 0 ? s / 60 + " min" : s / 60 + " min " + s % 60 + " s";
    }
}
