package io.github.streamgear.examples.springboot;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** FFmpeg from the PATH (the tests need it) and a short generated video. */
final class TestMedia {

    private TestMedia() {
    }

    static Path ffmpegOnPath() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = dir.isBlank() ? null : Path.of(dir, "ffmpeg");
            if (candidate != null && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("The tests need ffmpeg on the PATH (e.g. apt-get install ffmpeg)");
    }

    /** {@code seconds} of 640x360 25 fps H.264 with an AAC tone. */
    static Path video(Path file, int seconds) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        Process process = new ProcessBuilder(List.of(ffmpegOnPath().toString(), "-hide_banner", "-nostdin",
                "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=" + seconds,
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + seconds,
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
                file.toString())).redirectErrorStream(true).start();
        String log = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("FFmpeg could not make " + file + ": " + log);
        }
        return file;
    }
}
