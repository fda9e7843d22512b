package io.github.streamgear.engine.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which tracks of the source are carried besides the video.
 *
 * @param audioTracks      {@code all}, {@code first}, {@code none}, or a comma-separated list of stream indexes (as
 *                         ffprobe numbers them: {@code Stream #0:2}) and ISO 639 languages ({@code eng,fra} or
 *                         {@code en,fr})
 * @param subtitleTracks   {@code all}, {@code first}, {@code none}, or such a list; bitmap subtitles are always skipped
 * @param sidecarSubtitles whether subtitle files next to a source file ({@code movie.fr.srt} beside {@code movie.mp4})
 *                         are carried as well
 */
public record TrackSelection(String audioTracks, String subtitleTracks, boolean sidecarSubtitles) {

    public static final String ALL = "all";
    public static final String FIRST = "first";
    public static final String NONE = "none";
    public static final String DEFAULT_AUDIO_TRACKS = ALL;
    public static final String DEFAULT_SUBTITLE_TRACKS = ALL;
    public static final String DEFAULT_SIDECAR_SUBTITLES = "true";

    public static final TrackSelection DEFAULTS = new TrackSelection(DEFAULT_AUDIO_TRACKS, DEFAULT_SUBTITLE_TRACKS,
            Boolean.parseBoolean(DEFAULT_SIDECAR_SUBTITLES));

    public TrackSelection {
        audioTracks = normalise(audioTracks, "audioTracks");
        subtitleTracks = normalise(subtitleTracks, "subtitleTracks");
    }

    /** The selectors of a list, or empty for {@code all}, {@code first} and {@code none}. */
    public static List<String> selectors(String value) {
        if (value.equals(ALL) || value.equals(FIRST) || value.equals(NONE)) {
            return List.of();
        }
        return List.of(value.split(","));
    }

    private static String normalise(String value, String option) {
        if (value == null || value.isBlank()) {
            return ALL;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals(ALL) || v.equals(FIRST) || v.equals(NONE)) {
            return v;
        }
        List<String> items = new ArrayList<>();
        for (String item : v.split(",")) {
            String s = item.trim();
            if (!s.matches("\\d{1,3}|[a-z]{2,3}(-[a-z0-9]{2,8})*")) {
                throw new IllegalArgumentException("Option '" + option + "' must be all, first, none or a list of stream"
                        + " indexes and ISO 639 languages such as 'eng,fra' or '1,2'; '" + item.trim() + "' is neither");
            }
            items.add(s);
        }
        return String.join(",", items);
    }
}
