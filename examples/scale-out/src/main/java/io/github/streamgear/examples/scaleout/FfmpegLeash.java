package io.github.streamgear.examples.scaleout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes FFmpeg die with the worker JVM. The component ends its FFmpeg processes when Camel stops and, through a JVM
 * shutdown hook, when the JVM exits normally or on SIGTERM; but a JVM that is killed (SIGKILL, the OOM killer, a
 * crash) runs no hook, and its FFmpeg would go on encoding, orphaned, for a job that another worker is already
 * redoing. On Linux, {@code setpriv --pdeathsig KILL} asks the kernel to kill FFmpeg when its parent dies; this class
 * writes {@code ffmpeg} and {@code ffprobe} scripts that start the real ones that way, for option {@code ffmpegPath}.
 */
final class FfmpegLeash {

    private static final Logger LOG = LoggerFactory.getLogger(FfmpegLeash.class);

    private FfmpegLeash() {
    }

    /** The folder holding the wrapper scripts, or empty when there is no setpriv (util-linux) on the PATH. */
    static Optional<Path> install(Path dir) throws IOException {
        Optional<Path> setpriv = Ffmpeg.onPath("setpriv");
        if (setpriv.isEmpty()) {
            LOG.warn("FFmpeg is not tied to the worker's life (no setpriv on the PATH): if this JVM is killed, its FFmpeg"
                    + " processes run on until they finish");
            return Optional.empty();
        }
        Files.createDirectories(dir);
        write(dir.resolve("ffmpeg"), setpriv.get(), Ffmpeg.ffmpeg());
        write(dir.resolve("ffprobe"), setpriv.get(), Ffmpeg.ffprobe());
        LOG.info("FFmpeg runs through {} so that it dies with this JVM", dir.resolve("ffmpeg"));
        return Optional.of(dir);
    }

    private static void write(Path script, Path setpriv, Path target) throws IOException {
        Files.writeString(script, "#!/bin/sh\nexec " + quote(setpriv) + " --pdeathsig KILL -- " + quote(target) + " \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String quote(Path path) {
        return "'" + path.toString().replace("'", "'\\''") + "'";
    }
}
