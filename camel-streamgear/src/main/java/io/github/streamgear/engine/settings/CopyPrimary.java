package io.github.streamgear.engine.settings;

import java.util.Locale;

/**
 * Option {@code copyPrimary}: whether a ladder's primary rendition may be the source's video stream-copied, the other
 * renditions encoded with their keyframes at the source's (see {@code CopiedPrimary}): VOD jobs from a local file and
 * live sources other than folder channels.
 */
public enum CopyPrimary {
    /**
     * When the source is fit for it (codec, profile, regular keyframes, bitrate above the other rungs'; a live source's
     * keyframes and undeclared bitrate are trusted).
     */
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
