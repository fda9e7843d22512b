package io.github.streamgear.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The inputs of the benchmarks, generated once into work/media (git-ignored) with FFmpeg's lavfi sources, or in Java
 * for raw frames, and reused by later runs.
 */
public final class Media {

    static final Path DIR = Env.WORK.resolve("media");

    private Media() {
    }

    /** 1280x720, 30 fps, 20 s, H.264 + AAC stereo (testsrc2 and a sine), the VOD benchmark's source. */
    public static Path vod720p20s() {
        return h264("vod-720p30-20s.mp4", 20);
    }

    /** The same picture and sound, 3 s: the startup benchmark's source (probing does not depend on duration). */
    public static Path vod720p3s() {
        return h264("vod-720p30-3s.mp4", 3);
    }

    /** The same, 8 s: the one-shot benchmark's job. */
    public static Path vod720p8s() {
        return h264("vod-720p30-8s.mp4", 8);
    }

    /**
     * 1280x720, 30 fps, 10 s, H.264 (a keyframe every 2 s, no scene-cut keyframes) + AAC: a source already fit for
     * streaming, what {@code videoCodec=copy} packages (the copy benchmark's source).
     */
    public static Path streamable720p10s() {
        return streamable720p(10);
    }

    /**
     * The same picture and sound as {@link #streamable720p10s()}, {@code seconds} long: the copy benchmark's longer
     * source, where the fixed costs of a job (process starts, probe) weigh less than on 10 s.
     */
    public static synchronized Path streamable720p(int seconds) {
        Path out = DIR.resolve("streamable-720p30-" + seconds + "s.mp4");
        if (Files.exists(out)) {
            return out;
        }
        generate(out, tmp -> List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000,aformat=channel_layouts=stereo",
                "-t", Integer.toString(seconds), "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt",
                "yuv420p", "-g", "60", "-keyint_min", "60", "-sc_threshold", "0", "-c:a", "aac", "-b:a", "128k",
                "-shortest", tmp.toString()));
        return out;
    }

    private static synchronized Path h264(String name, int seconds) {
        Path out = DIR.resolve(name);
        if (Files.exists(out)) {
            return out;
        }
        generate(out, tmp -> List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000,aformat=channel_layouts=stereo",
                "-t", Integer.toString(seconds), "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-b:a", "128k", "-shortest", tmp.toString()));
        return out;
    }

    /**
     * An uncompressed 1280x720 yuv420p Matroska file (PCM audio) of at least {@code bytes}: a mezzanine-like source that
     * is big without taking long to transcode (1 GB is 24 s of video).
     */
    public static synchronized Path rawMkv(long bytes) {
        long frameBytes = 1280L * 720 * 3 / 2;
        long frames = (bytes + frameBytes - 1) / frameBytes;
        String seconds = String.format(Locale.ROOT, "%.4f", frames / 30.0);
        Path out = DIR.resolve("raw-720p-" + (bytes / 1_000_000) + "MB.mkv");
        if (Files.exists(out)) {
            return out;
        }
        generate(out, tmp -> List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30:duration=" + seconds,
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + seconds,
                "-c:v", "rawvideo", "-pix_fmt", "yuv420p", "-c:a", "pcm_s16le", tmp.toString()));
        return out;
    }

    /** {@code count} bgr24 frames of the {@link #frames} pattern, one after the other: FFmpeg's input "by hand". */
    public static synchronized Path rawFrames(int width, int height, int count, List<byte[]> pattern) {
        Path out = DIR.resolve("frames-" + width + "x" + height + "-bgr24-" + count + ".raw");
        if (Files.exists(out)) {
            return out;
        }
        try {
            Files.createDirectories(DIR);
            Path tmp = DIR.resolve("tmp-" + out.getFileName());
            try (OutputStream os = Files.newOutputStream(tmp)) {
                for (int i = 0; i < count; i++) {
                    os.write(pattern.get(i % pattern.size()));
                }
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** {@code count} distinct bgr24 frames: a bar moving over a noisy gradient (noise keeps the encoder honest). */
    public static List<byte[]> frames(int width, int height, int count) {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            frames.add(frame(width, height, i));
        }
        return frames;
    }

    static byte[] frame(int width, int height, long index) {
        byte[] data = new byte[width * height * 3];
        SplittableRandom random = new SplittableRandom(index * 7919L);
        int barX = (int) ((index * 8) % width);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean bar = x >= barX && x < barX + width / 10;
                int base = bar ? 230 : (x * 160 / width + y * 60 / height);
                for (int c = 0; c < 3; c++) {
                    int v = base + random.nextInt(48) - 24 + c * 10;
                    data[(y * width + x) * 3 + c] = (byte) Math.max(0, Math.min(255, v));
                }
            }
        }
        return data;
    }

    private interface Command {
        List<String> argv(Path tmp);
    }

    private static void generate(Path out, Command command) {
        try {
            Files.createDirectories(DIR);
            Path tmp = DIR.resolve("tmp-" + out.getFileName());
            System.out.println("   generating " + Env.DIR.relativize(out) + " ...");
            Env.run(command.argv(tmp));
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
