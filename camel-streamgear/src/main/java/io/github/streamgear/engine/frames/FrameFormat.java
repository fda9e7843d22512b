package io.github.streamgear.engine.frames;

import java.util.Locale;

/**
 * The raw frames of a session: their size, pixel layout and rate. FFmpeg reads them from stdin as
 * {@code -f rawvideo -pix_fmt P -video_size WxH -framerate F}.
 */
public record FrameFormat(int width, int height, PixelFormat pixelFormat, double framerate) {

    public FrameFormat {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Frame size must be positive, got " + width + "x" + height
                    + ": set options frameWidth and frameHeight (or headers CamelStreamGearFrameWidth/Height)");
        }
        if (!(framerate > 0) || framerate > 1000) {
            throw new IllegalArgumentException("Option 'inputFramerate' must be between 0 and 1000, got " + framerate);
        }
    }

    public long frameBytes() {
        return pixelFormat.frameBytes(width, height);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%dx%d %s @ %s fps", width, height, pixelFormat.ffmpegName(), rate(framerate));
    }

    /** The rate as FFmpeg reads it: {@code 25}, {@code 29.97}. */
    public static String rate(double fps) {
        return fps == Math.rint(fps) ? Long.toString((long) fps) : Double.toString(fps);
    }
}
