package io.github.streamgear.engine.frames;

import io.github.streamgear.engine.command.RawFramesInput;
import java.util.List;
import java.util.Locale;

import io.github.streamgear.engine.command.FfmpegNumbers;

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

    /** The frames as FFmpeg reads them from its stdin, after the raw input options. */
    public RawFramesInput asInput(List<String> rawOptions) {
        return new RawFramesInput(width, height, pixelFormat.ffmpegName(), framerate, rawOptions);
    }

    public long frameBytes() {
        return pixelFormat.frameBytes(width, height);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%dx%d %s @ %s fps", width, height, pixelFormat.ffmpegName(),
                FfmpegNumbers.format(framerate));
    }
}
