package io.github.streamgear.engine.settings;

import java.util.Locale;

/**
 * Option {@code copyPrimary}: whether a VOD ladder's primary rendition may be the source's video stream-copied, the
 * other renditions encoded with their keyframes at the source's (see {@code CopiedPrimary}).
 */
public enum CopyPrimary {
    /** When the source is fit for it (codec, profile, regular keyframes, bitrate above the other rungs'). */
    AUTO,
    /** Every rendition is encoded (the default). */
    NEVER;

    public static CopyPrimary parse(String value) {
        if (value != null) {
            for (CopyPrimary c : values()) {
                if (c.name().equalsIgnoreCase(value.trim())) {
                    return c;
                }
            }
        }
        throw new IllegalArgumentException("Option 'copyPrimary' has an unsupported value '" + value
                                           + "': use auto or never");
    }

    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }
}
