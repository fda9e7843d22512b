package io.github.streamgear.engine.settings;

import java.util.Locale;

/** The adaptive streaming format a job produces. */
public enum StreamFormat {
    /** MPEG-DASH: an {@code .mpd} manifest over fragmented MP4 segments. */
    DASH,
    /** Apple HLS: a master playlist, one media playlist per rendition, MPEG-TS or fMP4 segments. */
    HLS,
    /** One encode into CMAF (fMP4) segments, described by both a DASH manifest and an HLS master playlist. */
    CMAF;

    public static StreamFormat parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Option 'format' is empty: use one of dash, hls, cmaf");
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Option 'format' has an unsupported value '" + value + "': use one of dash, hls, cmaf", e);
        }
    }

    public boolean writesDash() {
        return this != HLS;
    }

    public boolean writesHls() {
        return this != DASH;
    }
}
