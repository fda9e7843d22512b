package io.github.streamgear.examples.scaleout;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.bytedeco.javacpp.Loader;

/**
 * The FFmpeg and ffprobe the component would pick by default: on the PATH, else the ones in the org.bytedeco:ffmpeg
 * jar.
 */
final class Ffmpeg {

    private Ffmpeg() {
    }

    static Path ffmpeg() {
        return onPath("ffmpeg").orElseGet(() -> bundled(org.bytedeco.ffmpeg.ffmpeg.class));
    }

    static Path ffprobe() {
        return onPath("ffprobe").orElseGet(() -> bundled(org.bytedeco.ffmpeg.ffprobe.class));
    }

    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            Path exe = dir.isBlank() ? null : Path.of(dir, name);
            if (exe != null && Files.isRegularFile(exe) && Files.isExecutable(exe)) {
                return Optional.of(exe);
            }
        }
        return Optional.empty();
    }

    private static Path bundled(Class<?> program) {
        String path = Loader.load(program);
        if (path == null) {
            throw new IllegalStateException("No " + program.getSimpleName() + " on the PATH, and the org.bytedeco:ffmpeg jar"
                    + " has none for this platform");
        }
        return Path.of(path);
    }
}
