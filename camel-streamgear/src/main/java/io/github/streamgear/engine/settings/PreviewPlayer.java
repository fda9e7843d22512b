package io.github.streamgear.engine.settings;

/** Where the preview page ({@code previewPage=true}) loads its player script from (option {@code previewPlayer}). */
public enum PreviewPlayer {
    /** The pinned version on cdn.jsdelivr.net (or option {@code previewPlayerUrl}): the browser needs the internet. */
    CDN,
    /**
     * The same version, written from the component jar beside {@code index.html} and loaded by a relative URL: the page
     * plays from an offline or intranet server.
     */
    COPY
}
