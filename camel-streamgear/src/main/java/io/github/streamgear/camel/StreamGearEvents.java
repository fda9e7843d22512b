package io.github.streamgear.camel;

/** What a {@code from("streamgear:NAME")} consumer receives (option {@code events}). */
public enum StreamGearEvents {
    /** One message per file completed or removed. */
    FILES,
    /** One message per progress report, best effort. */
    PROGRESS
}
