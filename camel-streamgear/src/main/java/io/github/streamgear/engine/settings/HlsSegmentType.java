package io.github.streamgear.engine.settings;

import java.util.Locale;

/** Container of HLS media segments (format {@code hls} only; CMAF always uses fMP4). */
public enum HlsSegmentType {
    MPEGTS("ts"),
    FMP4("m4s");

    private final String extension;

    HlsSegmentType(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    public String ffmpegName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static HlsSegmentType parse(String value) {
        if (value != null) {
            for (HlsSegmentType type : values()) {
                if (type.ffmpegName().equalsIgnoreCase(value.trim())) {
                    return type;
                }
            }
        }
        throw new IllegalArgumentException(
                "Option 'hlsSegmentType' has an unsupported value '" + value + "': use mpegts or fmp4");
    }
}
