package io.github.streamgear.engine.live;

import java.time.Duration;
import java.time.Instant;

/**
 * A live network source was lost or came back while its stream went on.
 *
 * @param at     when it happened
 * @param lostFor for {@link Type#RESUMED}: how long the source was gone; zero for {@link Type#LOST}
 * @param detail why, for people: the source URL in it is masked
 */
public record SourceEvent(Type type, Instant at, Duration lostFor, String detail) {

    public enum Type {
        /** The source ended or stalled: the stream waits and the source is opened again, with back-off. */
        LOST,
        /** The source sends again: the stream goes on from where it was. */
        RESUMED
    }
}
