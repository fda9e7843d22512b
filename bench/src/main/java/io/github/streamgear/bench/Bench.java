package io.github.streamgear.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark launcher: {@code Bench <benchmark> [key=value ...]}, run by {@code mvn -f bench exec:exec -Dbench=NAME}
 * (see bench/README.md). Each benchmark prints its table and writes {@code results/NAME.json}, {@code NAME.csv} (the
 * table), {@code NAME-runs.csv} (every measurement) and {@code NAME.md} (the table in Markdown).
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> words = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.isBlank()) {
                continue;
            }
            int eq = arg.indexOf('=');
            if (eq > 0) {
                options.put(arg.substring(0, eq), arg.substring(eq + 1));
            } else {
                words.add(arg);
            }
        }
        String which = words.isEmpty() ? "all" : words.get(0);
        Options opts = new Options(options);
        int status = 0;
        switch (which) {
            case "vod" -> VodBench.run(opts);
            case "frames" -> FramesBench.run(opts);
            case "memory" -> MemoryBench.run(opts);
            case "memory-child" -> MemoryBench.child(opts); // one measurement, in a fresh JVM started by "memory"
            case "publish" -> PublishBench.run(opts);
            case "startup" -> StartupBench.run(opts);
            case "thumbnails" -> ThumbnailsBench.run(opts);
            case "copy" -> CopyBench.run(opts);
            case "quality" -> QualityBench.run(opts);
            case "live" -> LiveBench.run(opts);
            case "oneshot" -> OneShotBench.run(opts);
            case "oneshot-child" -> OneShotBench.child(opts); // one whole process, a fresh JVM started by "oneshot"
            case "report" -> Report.run(opts);
            case "all" -> {
                StartupBench.run(opts);
                VodBench.run(opts);
                FramesBench.run(opts);
                MemoryBench.run(opts);
                PublishBench.run(opts);
                Report.run(opts);
            }
            default -> {
                System.err.println("Unknown benchmark '" + which + "': use vod, frames, memory, publish, startup, thumbnails, copy, quality, live, oneshot, all or report");
                status = 2;
            }
        }
        System.exit(status); // Camel's and s3proxy's non-daemon threads must not keep the JVM alive
    }

    /** {@code key=value} options of a benchmark run, e.g. {@code runs=3}. */
    public record Options(Map<String, String> values) {

        public int integer(String key, int fallback) {
            String v = values.get(key);
            return v == null ? fallback : Integer.parseInt(v.trim());
        }

        public String string(String key, String fallback) {
            return values.getOrDefault(key, fallback);
        }

        public List<String> list(String key, String fallback) {
            return List.of(string(key, fallback).split(","));
        }
    }
}
