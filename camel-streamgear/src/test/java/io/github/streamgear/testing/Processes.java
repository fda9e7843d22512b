package io.github.streamgear.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Looks for FFmpeg/ffprobe processes this JVM started and did not reap. */
public final class Processes {

    private Processes() {
    }

    /** Command lines of the FFmpeg/ffprobe processes still descending from this JVM. */
    public static List<String> leftoverFfmpeg() {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .map(Processes::commandLine)
                .filter(c -> c.contains("ffmpeg") || c.contains("ffprobe"))
                .toList();
    }

    /**
     * The processes of {@link #leftoverFfmpeg()} that belong to one test case while others run at the same time: those
     * running in a folder under {@code dir} (the component runs its FFmpeg in the job folder) or whose command line
     * names {@code dir} or one of {@code tokens} (a probe names its source, e.g. {@code 127.0.0.1:PORT}).
     */
    public static List<String> leftoverFfmpeg(Path dir, String... tokens) {
        Path real = realPath(dir);
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> {
                    String c = commandLine(p);
                    if (!c.contains("ffmpeg") && !c.contains("ffprobe")) {
                        return false;
                    }
                    return c.contains(dir.toString()) || c.contains(real.toString())
                            || Arrays.stream(tokens).anyMatch(c::contains) || workingDir(p).startsWith(real);
                })
                .map(Processes::commandLine)
                .toList();
    }

    private static String commandLine(ProcessHandle p) {
        return p.info().commandLine().orElse(p.info().command().orElse("?"));
    }

    private static Path workingDir(ProcessHandle p) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd"));
        } catch (IOException | UnsupportedOperationException gone) {
            return Path.of("/proc-unreadable");
        }
    }

    private static Path realPath(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return dir.toAbsolutePath().normalize();
        }
    }
}
