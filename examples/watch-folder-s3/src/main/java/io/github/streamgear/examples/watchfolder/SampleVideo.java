package io.github.streamgear.examples.watchfolder;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bytedeco.javacpp.Loader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates a 6 second 1280x720 30 fps test video (H.264 colour pattern with a clock, AAC 440 Hz tone) with
 * FFmpeg's built-in {@code testsrc2} and {@code sine} sources, so that the example needs no video of its own.
 * (A copy of the vod-file example's class, shortened: examples do not depend on each other.)
 */
final class SampleVideo {

    private static final Logger LOG = LoggerFactory.getLogger(SampleVideo.class);
    private static final int SECONDS = 6;
    private static final long TIMEOUT_MINUTES = 5;

    private SampleVideo() {
    }

    static Path create(Path file) throws IOException, InterruptedException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path ffmpeg = ffmpeg();
        LOG.info("Generating a {} s sample video {} with {}", SECONDS, file, ffmpeg);
        List<String> command = List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30:duration=" + SECONDS,
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + SECONDS,
                "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-b:a", "128k",
                "-shortest", "-movflags", "+faststart", file.toString());
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("FFmpeg did not finish the sample video within " + TIMEOUT_MINUTES + " minutes");
        }
        if (process.exitValue() != 0) {
            throw new IOException("FFmpeg could not generate the sample video (exit code " + process.exitValue() + ")");
        }
        return file;
    }

    /** The FFmpeg the component uses too: {@code ffmpeg} on the PATH, else the one in the org.bytedeco:ffmpeg jar. */
    static Path ffmpeg() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = dir.isBlank() ? null : Path.of(dir, "ffmpeg");
                if (candidate != null && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        String bundled = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        if (bundled == null) {
            throw new IllegalStateException("No ffmpeg on the PATH and the org.bytedeco:ffmpeg jar has none for this platform");
        }
        return Path.of(bundled);
    }
}
