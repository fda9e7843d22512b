package io.github.streamgear.engine.tracks;

import java.nio.file.Path;

/**
 * A text subtitle track as it is published, in WebVTT: a whole file for DASH, segments and a playlist for HLS.
 *
 * @param name      the rendition name in file names and headers: the language ({@code en}), made unique with
 *                  {@code -forced} or a number when two tracks share one; {@code und} when untagged
 * @param streamIndex the stream's index in the source, or -1 for a side-car file
 * @param sidecar   the side-car subtitle file, null for a stream of the source
 * @param language  RFC 5646 tag, null if unknown
 * @param label     what a player shows in its menu: the title, else the language's own name
 * @param forced    forced subtitles (only the foreign-language parts): HLS {@code FORCED=YES}, DASH role
 *                  {@code forced-subtitle}
 * @param isDefault shown without the viewer asking
 */
public record SubtitleRendition(String name, int streamIndex, Path sidecar, String language, String label, boolean forced,
        boolean isDefault) {
}
