package io.github.streamgear.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of this JVM's descendant processes over a window, the live benchmark's sources apart from the component's
 * FFmpeg processes. Read from {@code /proc/PID/stat} at every {@link #sample()} (once a second): the JVM's
 * {@code cutime} would count only children that ended and were reaped, and would mix the sources in; sampling also
 * keeps most of the CPU of a process that ends within the window (an ingest replaced on reconnect).
 */
final class CpuSampler {

    private final Map<Long, Long> base = new HashMap<>();
    private final Map<Long, Long> latest = new HashMap<>();
    private final Map<Long, Boolean> isSource = new HashMap<>();
    private boolean first = true;

    void sample() {
        ProcessHandle.current().descendants().forEach(p -> {
            long ms = Env.processCpuMillis(p.pid());
            if (ms < 0) {
                return;
            }
            isSource.computeIfAbsent(p.pid(), CpuSampler::isSource);
            if (first) {
                base.put(p.pid(), ms);
            }
            latest.put(p.pid(), ms);
        });
        first = false;
    }

    long component() {
        return sum(false);
    }

    long sources() {
        return sum(true);
    }

    private long sum(boolean sources) {
        long total = 0;
        for (Map.Entry<Long, Long> e : latest.entrySet()) {
            if (isSource.get(e.getKey()) == sources) {
                total += e.getValue() - base.getOrDefault(e.getKey(), 0L);
            }
        }
        return total;
    }

    /** A source FFmpeg: its filter graph stamps the wall clock (read from /proc: ProcessHandle.Info may have no arguments). */
    private static boolean isSource(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"))).contains("RTCTIME");
        } catch (IOException e) {
            return false;
        }
    }
}
