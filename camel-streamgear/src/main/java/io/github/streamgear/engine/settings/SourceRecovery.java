package io.github.streamgear.engine.settings;

import java.time.Duration;

/**
 * How a live network source that drops is reconnected while the stream goes on.
 *
 * @param stallTimeout how long the source may send nothing before it counts as lost (a UDP sender that stopped, a
 *                     connection that hangs without being closed)
 * @param lostLimit    how long the source may stay lost before the stream is finalised (as when the source ends); zero
 *                     finalises it at the first loss
 */
public record SourceRecovery(Duration stallTimeout, Duration lostLimit) {

    public static final String DEFAULT_STALL_TIMEOUT = "10000";
    public static final String DEFAULT_LOST_LIMIT = "300000";

    public static final SourceRecovery DEFAULTS = new SourceRecovery(Duration.ofMillis(Long.parseLong(DEFAULT_STALL_TIMEOUT)),
            Duration.ofMillis(Long.parseLong(DEFAULT_LOST_LIMIT)));

    public SourceRecovery {
        if (stallTimeout.toMillis() < 100) {
            throw new IllegalArgumentException("Option 'sourceStallTimeout' must be at least 100 ms, got "
                    + stallTimeout.toMillis() + " ms");
        }
        if (lostLimit.isNegative()) {
            throw new IllegalArgumentException("Option 'sourceLostLimit' cannot be negative, got " + lostLimit.toMillis()
                    + " ms");
        }
    }
}
