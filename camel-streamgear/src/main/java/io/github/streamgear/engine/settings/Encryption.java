package io.github.streamgear.engine.settings;

import java.util.Locale;

/** Content protection of the output (option {@code encryption}). */
public enum Encryption {
    /** Segments in the clear. */
    NONE("none"),
    /** HLS: every segment encrypted whole with AES-128-CBC, playlists signal it with {@code EXT-X-KEY}. */
    AES_128("aes-128"),
    /** DASH and CMAF, VOD: Common Encryption, {@code cenc} scheme (AES-CTR), the MPD signals it with ContentProtection. */
    CENC("cenc");

    private final String option;

    Encryption(String option) {
        this.option = option;
    }

    /** The option value: {@code none}, {@code aes-128}, {@code cenc}. */
    public String option() {
        return option;
    }

    public static Encryption parse(String value) {
        if (value != null) {
            String v = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            for (Encryption e : values()) {
                if (e.option.equals(v) || e.option.replace("-", "").equals(v)) {
                    return e;
                }
            }
        }
        throw new IllegalArgumentException("Option 'encryption' has an unsupported value '" + value
                + "': use none, aes-128 or cenc");
    }
}
