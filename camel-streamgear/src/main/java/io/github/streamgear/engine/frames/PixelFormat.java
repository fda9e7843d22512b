package io.github.streamgear.engine.frames;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Layout of one raw frame, named as FFmpeg names it ({@code -pix_fmt}). */
public enum PixelFormat {
    GRAY(1, 1),
    BGR24(3, 1),
    RGB24(3, 1),
    BGRA(4, 1),
    RGBA(4, 1),
    /** Planar 4:2:0: a full-size luma plane then two quarter-size chroma planes. */
    YUV420P(3, 2),
    /** 4:2:0 with a full-size luma plane then one half-size interleaved chroma plane. */
    NV12(3, 2);

    private final int numerator;
    private final int denominator;

    PixelFormat(int numerator, int denominator) {
        this.numerator = numerator;
        this.denominator = denominator;
    }

    /** Bytes of one frame of this format at the given size. */
    public long frameBytes(int width, int height) {
        if (denominator == 1) {
            return (long) width * height * numerator;
        }
        // 4:2:0 chroma planes round up on odd sizes, as FFmpeg's rawvideo demuxer does
        long chroma = (long) ((width + 1) / 2) * ((height + 1) / 2);
        return (long) width * height + 2 * chroma;
    }

    public String ffmpegName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PixelFormat parse(String value) {
        if (value != null) {
            for (PixelFormat f : values()) {
                if (f.ffmpegName().equalsIgnoreCase(value.trim())) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException("Option 'pixelFormat' has an unsupported value '" + value + "': use one of "
                + Arrays.stream(values()).map(PixelFormat::ffmpegName).collect(Collectors.joining(", ")));
    }
}
