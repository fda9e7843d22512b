package io.github.streamgear.engine.output;

import java.util.Locale;

/** What a produced file is to a player. */
public enum FileKind {
    /** An entry point a player opens: the DASH MPD or the HLS master playlist. */
    MANIFEST,
    /** An HLS media playlist of one rendition. */
    PLAYLIST,
    /** An initialisation segment (fMP4 header) of one rendition. */
    INIT,
    /** A media segment. */
    SEGMENT,
    /** The preview page ({@code index.html}) that plays the output in a browser, with option {@code previewPage}. */
    PREVIEW;

    /** The value used in headers: {@code manifest}, {@code playlist}, {@code init}, {@code segment}. */
    public String headerValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
