package io.github.streamgear.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Small test videos made with FFmpeg's lavfi sources, generated once per build into {@code target/test-media}.
 */
public final class TestMedia {

    private static final Path DIR = Path.of("target", "test-media").toAbsolutePath();

    private TestMedia() {
    }

    /** 640x360, 30 fps, 8 s, H.264 + AAC stereo. */
    public static Path standard() {
        return make("standard.mp4", 640, 360, "30", 8, true, "yuv420p");
    }

    /** 1280x720, 30 fps, 6 s, H.264 + AAC: room for a three-rung ladder. */
    public static Path hd() {
        return make("hd.mp4", 1280, 720, "30", 6, true, "yuv420p");
    }

    /** 641x361 (odd dimensions, 4:4:4 chroma), 25 fps, 6 s, with audio. */
    public static Path oddDimensions() {
        return make("odd-641x361.mp4", 641, 361, "25", 6, true, "yuv444p");
    }

    /** 640x360, 30 fps, 6 s, video only. */
    public static Path noAudio() {
        return make("no-audio.mp4", 640, 360, "30", 6, false, "yuv420p");
    }

    /** 640x360 at 29.97 fps (30000/1001), 6 s, with audio. */
    public static Path ntsc() {
        return make("ntsc-29.97.mp4", 640, 360, "30000/1001", 6, true, "yuv420p");
    }

    /** 360x640 portrait, 30 fps, 6 s, with audio. */
    public static Path portrait() {
        return make("portrait-360x640.mp4", 360, 640, "30", 6, true, "yuv420p");
    }

    /** A copy of {@code source} cut to its first {@code keep} bytes: a damaged upload. */
    public static Path truncated(Path source, long keep, Path dir) throws IOException {
        Path out = dir.resolve("truncated-" + source.getFileName());
        try (var in = Files.newInputStream(source)) {
            Files.write(out, in.readNBytes((int) keep));
        }
        return out;
    }

    private static synchronized Path make(String name, int width, int height, String rate, int seconds, boolean audio,
            String pixFmt) {
        Path out = DIR.resolve(name);
        if (Files.exists(out)) {
            return out;
        }
        try {
            Files.createDirectories(DIR);
            Path tmp = DIR.resolve("tmp-" + name);
            List<String> argv = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                    "-f", "lavfi", "-i", "testsrc2=size=" + (width + width % 2) + "x" + (height + height % 2) + ":rate=" + rate));
            if (audio) {
                argv.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000,aformat=channel_layouts=stereo"));
            }
            argv.addAll(List.of("-t", Integer.toString(seconds), "-vf", "scale=" + width + ":" + height + ",format=" + pixFmt,
                    "-c:v", "libx264", "-preset", "veryfast", "-crf", "20"));
            if (audio) {
                argv.addAll(List.of("-c:a", "aac", "-b:a", "128k", "-shortest"));
            }
            argv.add(tmp.toString());
            run(argv);
            Files.move(tmp, out);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot make test media " + name, e);
        }
    }

    /** Runs a command (FFmpeg) to its end within 2 minutes; fails with its output otherwise. */
    public static void run(List<String> argv) throws IOException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(argv + " failed: " + output);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
