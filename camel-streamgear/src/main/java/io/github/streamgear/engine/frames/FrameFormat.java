package io.github.streamgear.engine.frames;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;

import io.github.streamgear.engine.StreamGearException;
import io.github.streamgear.engine.command.FfmpegNumbers;
import io.github.streamgear.engine.command.RawFramesInput;

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

    /**
     * Fails unless {@code frame}'s remaining bytes are exactly one frame of this format: FFmpeg reads raw frames by
     * size alone, so a frame of any other size would shift every later one.
     */
    public void checkFrame(String session, ByteBuffer frame) {
        if (frame.remaining() != frameBytes()) {
            throw new StreamGearException("Session " + session + ": a frame of " + frame.remaining() + " bytes does not"
                    + " match " + this + " (" + frameBytes() + " bytes per frame); the frame was not written");
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%dx%d %s @ %s fps", width, height, pixelFormat.ffmpegName(),
                FfmpegNumbers.format(framerate));
    }
}
