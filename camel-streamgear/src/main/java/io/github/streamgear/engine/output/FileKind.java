package io.github.streamgear.engine.output;

import java.util.Locale;

/**
 * What a produced file is to a player. Declared in publication order (the natural order of this enum): a file is
 * published only after those it depends on, so a player that follows a manifest finds every file it lists.
 */
public enum FileKind {
    /** An initialisation segment (fMP4 header) of one rendition. */
    INIT,
    /** A media segment. */
    SEGMENT,
    /** A WebVTT subtitle file: a segment of an HLS subtitle playlist, or the whole track a DASH text set refers to. */
    SUBTITLES,
    /**
     * A still image: a thumbnail tile ({@code tile_00001.jpg}) or the poster ({@code poster.jpg}), with options
     * {@code thumbnails} and {@code poster}. The WebVTT thumbnails track and the HLS image and I-frame playlists that
     * list them are {@link #PLAYLIST}s.
     */
    THUMBNAIL,
    /** An HLS media playlist of one rendition. */
    PLAYLIST,
    /** An entry point a player opens: the DASH MPD or the HLS master playlist. */
    MANIFEST,
    /**
     * The player script the preview page loads from beside it ({@code hls.min.js} or {@code shaka-player.compiled.js}),
     * with options {@code previewPage} and {@code previewPlayer=copy}.
     */
    PLAYER,
    /** The preview page ({@code index.html}) that plays the output in a browser, with option {@code previewPage}. */
    PREVIEW;

    /** The value used in headers: {@code init}, {@code segment}, {@code subtitles}, {@code thumbnail}, {@code playlist},
     * {@code manifest}, {@code player}, {@code preview}. */
    public String headerValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
