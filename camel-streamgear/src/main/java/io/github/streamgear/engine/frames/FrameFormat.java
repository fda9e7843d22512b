package io.github.streamgear.engine.frames;

import java.nio.ByteBuffer;
import java.util.Locale;

import io.github.streamgear.engine.StreamGearException;

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
        return String.format(Locale.ROOT, "%dx%d %s @ %s fps", width, height, pixelFormat.ffmpegName(), rate(framerate));
    }

    /** The rate as FFmpeg reads it: {@code 25}, {@code 29.97}. */
    public static String rate(double fps) {
        return fps == Math.rint(fps) ? Long.toString((long) fps) : Double.toString(fps);
    }
}
