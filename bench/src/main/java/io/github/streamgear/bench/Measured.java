package io.github.streamgear.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Wall time and CPU time of one thing: CPU time of this JVM's own threads, and of the processes it started and reaped
 * meanwhile (FFmpeg, ffprobe). CPU time is much less disturbed by other load on the machine than wall time.
 */
public record Measured(double wallMs, long jvmCpuMs, long childCpuMs) {

    public interface Action {
        void run() throws Exception;
    }

    public static Measured of(Action action) throws Exception {
        long cpu = Env.selfCpuMillis();
        long children = Env.childrenCpuMillis();
        long start = System.nanoTime();
        action.run();
        double wall = (System.nanoTime() - start) / 1e6;
        return new Measured(wall, Env.selfCpuMillis() - cpu, Env.childrenCpuMillis() - children);
    }

    /** Runs a command to its end with stdout/stderr discarded (as FFmpeg run by hand from a script would be). */
    public static Measured command(List<String> argv) throws Exception {
        return command(argv, null);
    }

    /** Same, in {@code dir} (null: this process's): the engine runs FFmpeg in the job folder with relative names. */
    public static Measured command(List<String> argv, Path dir) throws Exception {
        return of(() -> {
            ProcessBuilder pb = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            if (dir != null) {
                Files.createDirectories(dir);
                pb.directory(dir.toFile());
            }
            Process p = pb.start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("Exit code " + p.exitValue() + ": " + String.join(" ", argv));
            }
        });
    }

    /** Runs {@code first | second} through an OS pipe (e.g. {@code cat frames.raw | ffmpeg -i pipe:0 ...}), second in dir. */
    public static Measured pipeline(List<String> first, List<String> second, Path dir) throws Exception {
        return of(() -> {
            List<Process> ps;
            try {
                Files.createDirectories(dir);
                ps = ProcessBuilder.startPipeline(List.of(new ProcessBuilder(first),
                        new ProcessBuilder(second).directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                                .redirectError(ProcessBuilder.Redirect.DISCARD)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (Process p : ps) {
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("Exit code " + p.exitValue() + ": " + String.join(" ", second));
                }
            }
        });
    }

    public double cpuMs() {
        return jvmCpuMs + childCpuMs;
    }
}
