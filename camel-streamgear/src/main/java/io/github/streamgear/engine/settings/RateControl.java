package io.github.streamgear.engine.settings;

import java.util.Locale;

/** How a video rendition's bits are spent (option {@code rateControl}). */
public enum RateControl {
    /**
     * Capped average bitrate: each rendition gets its bitrate ({@code -b:v}) with the same figure as its VBV cap
     * ({@code -maxrate}, {@code -bufsize}). Predictable: what a rendition spends is what its ladder says, whatever the
     * content.
     */
    CAPPED_VBR("capped-vbr"),
    /**
     * Capped quality: constant quality ({@code -crf}) with the rendition's bitrate as its VBV cap. Easy content spends
     * only what that quality needs; hard content is held to the cap, where it gets what capped-vbr gives it.
     */
    CAPPED_QUALITY("capped-quality");

    private final String option;

    RateControl(String option) {
        this.option = option;
    }

    /** The option value: {@code capped-vbr}, {@code capped-quality}. */
    public String option() {
        return option;
    }

    public static RateControl parse(String value) {
        if (value != null) {
            String v = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            for (RateControl r : values()) {
                if (r.option.equals(v)) {
                    return r;
                }
            }
        }
        throw new IllegalArgumentException("Option 'rateControl' has an unsupported value '" + value
                + "': use capped-vbr or capped-quality");
    }
}
