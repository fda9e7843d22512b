package io.github.streamgear.testing;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.github.streamgear.engine.frames.PixelFormat;

/** Raw frames made in Java: a bar moving across a noisy background, in any supported pixel format. */
public final class TestFrames {

    private TestFrames() {
    }

    /** A frame sender that may fail, e.g. a ProducerTemplate request. */
    @FunctionalInterface
    public interface FrameSender {
        void send(int index) throws Exception;
    }

    /** Calls {@code sender} for frames 0 .. count-1, each at its real-time instant (frame i at i / fps seconds). */
    public static void paceRealTime(int fps, int count, FrameSender sender) {
        try {
            if (count > 0) {
                sender.send(0);
            }
            // the first frame starts the producer (which tries its encoding options) and the session's FFmpeg: the
            // stream's clock starts when that is done, or the next frames would arrive as a burst
            long start = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(1000L / fps);
            for (int i = 1; i < count; i++) {
                long wait = start + TimeUnit.MILLISECONDS.toNanos(i * 1000L / fps) - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                sender.send(i);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new AssertionError("sending frames at real time failed", e);
        }
    }

    /** Frame {@code index} of a moving pattern; noise keeps the encoder busy so bitrates can be checked. */
    public static byte[] frame(PixelFormat format, int width, int height, long index) {
        byte[] data = new byte[(int) format.frameBytes(width, height)];
        SplittableRandom random = new SplittableRandom(index * 7919L);
        int barX = (int) ((index * 8) % width);
        int channels = switch (format) {
            case GRAY -> 1;
            case BGR24, RGB24 -> 3;
            case BGRA, RGBA -> 4;
            case YUV420P, NV12 -> 1; // luma plane first
        };
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean bar = x >= barX && x < barX + width / 10;
                int base = bar ? 230 : (x * 160 / width + y * 60 / height);
                for (int c = 0; c < channels; c++) {
                    int v = base + random.nextInt(48) - 24 + c * 10;
                    data[(y * width + x) * channels + c] = (byte) Math.max(0, Math.min(255, v));
                }
                if (channels == 4) {
                    data[(y * width + x) * 4 + 3] = (byte) 255; // opaque alpha
                }
            }
        }
        if (format == PixelFormat.YUV420P || format == PixelFormat.NV12) {
            for (int i = width * height; i < data.length; i++) {
                data[i] = (byte) (128 + random.nextInt(32) - 16);
            }
        }
        return data;
    }
}
