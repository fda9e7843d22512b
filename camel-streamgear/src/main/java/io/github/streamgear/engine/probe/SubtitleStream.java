package io.github.streamgear.engine.probe;

import java.util.Set;

/**
 * A subtitle stream of the source, as ffprobe reports it.
 *
 * @param index    the stream's index in the source
 * @param codec    ffprobe's codec name, e.g. {@code subrip}, {@code ass}, {@code dvd_subtitle}
 * @param language its {@code language} tag, null if untagged
 * @param title    its {@code title} tag, null if none
 * @param forced   disposition {@code forced}
 * @param isDefault disposition {@code default}
 */
public record SubtitleStream(int index, String codec, String language, String title, boolean forced, boolean isDefault) {

    /** Subtitle codecs FFmpeg can turn into WebVTT text; bitmap ones (DVD, PGS, DVB) and teletext cannot. */
    private static final Set<String> TEXT_CODECS = Set.of("subrip", "srt", "ass", "ssa", "mov_text", "webvtt", "text",
            "microdvd", "subviewer", "subviewer1", "sami", "realtext", "mpl2", "pjs", "vplayer", "jacosub", "stl");

    public boolean isText() {
        return TEXT_CODECS.contains(codec);
    }
}
