package io.github.streamgear.engine.output;

import java.time.Instant;

/**
 * Something that happened to an output file of a running job, reported by {@link OutputWatcher}.
 *
 * @param type    what happened
 * @param file    the file; for {@link Type#COMPLETED} its size when the event was delivered, for {@link Type#REMOVED}
 *                size {@code -1}
 * @param at      when the event was delivered
 * @param version for a live manifest or playlist: the bytes of the version this event reports, read when the watcher
 *                saw it (the file on disk may be a later version by the time the event is handled, one that names
 *                segments not reported yet); null for every other event, whose file does not change once complete
 */
public record OutputEvent(Type type, OutputFile file, Instant at, byte[] version) {

    public OutputEvent(Type type, OutputFile file, Instant at) {
        this(type, file, at, null);
    }

    public enum Type {
        /** The file is complete on disk and may be published; a manifest or playlist completes once per version. */
        COMPLETED,
        /** The file was deleted (an old segment leaving a live sliding window). */
        REMOVED
    }
}
