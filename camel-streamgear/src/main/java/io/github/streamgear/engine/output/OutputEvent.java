package io.github.streamgear.engine.output;

import java.time.Instant;

/**
 * Something that happened to an output file of a running job, reported by {@link OutputWatcher}.
 *
 * @param type what happened
 * @param file the file; for {@link Type#COMPLETED} its size when the event was delivered, for {@link Type#REMOVED}
 *             size {@code -1}
 * @param at   when the event was delivered
 */
public record OutputEvent(Type type, OutputFile file, Instant at) {

    public enum Type {
        /** The file is complete on disk and may be published; a manifest or playlist completes once per version. */
        COMPLETED,
        /** The file was deleted (an old segment leaving a live sliding window). */
        REMOVED
    }
}
