package io.github.streamgear.camel;

/** What each exchange of a producer carries (option {@code mode}); unset, frame options mean frames. */
public enum StreamGearMode {
    /** A whole video file (or URL) per exchange. */
    SOURCE,
    /** One raw frame per exchange, piped to FFmpeg's stdin. */
    FRAMES
}
