package io.github.streamgear.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Where the benchmarks read and write, what machine they run on, and the CPU/memory figures of this process. */
public final class Env {

    /** The bench module's folder (set by the Maven command), else the working directory. */
    public static final Path DIR = Path.of(System.getProperty("bench.dir", ".")).toAbsolutePath().normalize();
    /** Generated sources and outputs: git-ignored, reused across runs. */
    public static final Path WORK = DIR.resolve("work");
    /** Committed results. */
    public static final Path RESULTS = DIR.resolve("results");

    private static final long CLOCK_TICKS = clockTicks();

    private Env() {
    }

    /** An empty folder under work/ (deleted first if it exists). */
    public static Path cleanDir(String relative) {
        Path dir = WORK.resolve(relative);
        deleteTree(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The machine, for the results: cores, CPU model, memory, FFmpeg, JDK, OS. */
    public static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nproc", Runtime.getRuntime().availableProcessors());
        m.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        m.put("memTotalMiB", kib(firstValue(Path.of("/proc/meminfo"), "MemTotal")) / 1024);
        m.put("ffmpeg", firstLine(List.of("ffmpeg", "-hide_banner", "-version")));
        m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("commit", firstLine(List.of("git", "-C", DIR.toString(), "rev-parse", "--short", "HEAD")));
        return m;
    }

    /** The 1, 5 and 15 minute load averages. */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    /** CPU time of this JVM's own threads, in ms. */
    public static long selfCpuMillis() {
        long[] t = stat();
        return (t[0] + t[1]) * 1000 / CLOCK_TICKS;
    }

    /** CPU time of this JVM's children that have ended and been reaped (FFmpeg, ffprobe), in ms. */
    public static long childrenCpuMillis() {
        long[] t = stat();
        return (t[2] + t[3]) * 1000 / CLOCK_TICKS;
    }

    /** CPU time (user + system) of a running process, in ms; -1 when it has ended. */
    public static long processCpuMillis(long pid) {
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime, stime, cutime, cstime of /proc/self/stat, in clock ticks. */
    private static long[] stat() {
        try {
            String s = Files.readString(Path.of("/proc/self/stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state=0 ppid=1 ... utime=11 stime=12 cutime=13 cstime=14
            return new long[] { Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14]) };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A field of /proc/self/status in KiB, e.g. VmHWM (peak resident set) or VmRSS. */
    public static long statusKib(String field) {
        return kib(firstValue(Path.of("/proc/self/status"), field));
    }

    private static long kib(String value) {
        return value == null ? -1 : Long.parseLong(value.replace("kB", "").trim());
    }

    private static String firstValue(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return null;
    }

    static String firstLine(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(30, TimeUnit.SECONDS);
            return out.lines().findFirst().orElse("?").trim();
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private static long clockTicks() {
        try {
            return Long.parseLong(firstLine(List.of("getconf", "CLK_TCK")));
        } catch (RuntimeException e) {
            return 100;
        }
    }

    /** Runs a command to its end, failing with its output if it fails. */
    public static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("Failed (" + p.exitValue() + "): " + String.join(" ", command) + "\n" + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<String> args(String... a) {
        return new ArrayList<>(List.of(a));
    }
}
