package io.github.streamgear.bench;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Benchmark 4, memory. Each measurement is a fresh JVM (default flags, as a user would start it) that starts Camel with
 * {@code from("direct:in").to("streamgear:...")} and sends one source through it: as an {@code InputStream} body with
 * Camel's defaults ({@code stream}: stream caching on, in memory), as an {@code InputStream} body on a route with
 * {@code noStreamCaching()} ({@code stream-nocache}), as an {@code InputStream} body with stream cache spooling on
 * ({@code stream-spool}: bodies above 128 KiB cached in a temporary file), or as a {@code File} body ({@code file}); it reports its peak resident set ({@code VmHWM} of /proc/self/status) before the job (Camel
 * started) and after it, and the peak heap use. Sources: uncompressed 720p Matroska files of 100 MB and 1 GB (fast to
 * make, fast to transcode: the JVM's memory is what is measured, so the encode is ultrafast with a small ladder).
 */
public final class MemoryBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MemoryBench() {
    }

    public static void run(Bench.Options o) throws Exception {
        int runs = o.integer("runs", 2);
        List<String> bodies = o.list("bodies", "stream,stream-spool,stream-nocache,file");
        List<Long> sizes = o.list("sizes", "100,1000").stream().map(s -> Long.parseLong(s.trim()) * 1_000_000).toList();
        String childJvmArgs = o.string("childJvmArgs", "");
        Results results = new Results("memory", "Memory: peak RSS of the JVM running one job (fresh JVM, default flags)",
                "source", "body", "baseline MiB", "peak RSS MiB (max)", "peak heap MiB", "max heap MiB", "job s");
        results.param("childJvmArgs", childJvmArgs);
        Map<String, Path> sources = new LinkedHashMap<>();
        for (long size : sizes) {
            sources.put((size / 1_000_000) + " MB", Media.rawMkv(size));
        }
        Map<String, List<Map<String, Object>>> byCase = new LinkedHashMap<>();
        for (int round = 0; round < runs; round++) {
            for (Map.Entry<String, Path> source : sources.entrySet()) {
                for (String body : bodies) {
                    Map<String, Object> m = child(source.getValue(), body, childJvmArgs);
                    m.put("source", source.getKey());
                    m.put("sourceBytes", Files.size(source.getValue()));
                    m.put("round", round);
                    m.put("load1", Env.loadAverage().split(" ")[0]);
                    results.run(m);
                    byCase.computeIfAbsent(source.getKey() + "|" + body, k -> new ArrayList<>()).add(m);
                    System.out.printf("   %s %-6s baseline %4d MiB, peak %4d MiB, heap peak %4d MiB, %6.0f ms (load %s)%n",
                            source.getKey(), body, kibToMib(m.get("baselineHwmKib")), kibToMib(m.get("peakHwmKib")),
                            kibToMib(m.get("heapPeakKib")), ((Number) m.get("jobMs")).doubleValue(), Env.loadAverage());
                }
            }
        }
        double worst = 0;
        for (Map.Entry<String, List<Map<String, Object>>> e : byCase.entrySet()) {
            String[] key = e.getKey().split("\\|");
            List<Map<String, Object>> ms = e.getValue();
            double peak = Stats.max(ms.stream().map(m -> kibToMib(m.get("peakHwmKib"))).toList());
            worst = Math.max(worst, peak);
            results.row(key[0], key[1], Stats.median(ms.stream().map(m -> kibToMib(m.get("baselineHwmKib"))).toList()), peak,
                    Stats.max(ms.stream().map(m -> kibToMib(m.get("heapPeakKib"))).toList()),
                    kibToMib(ms.get(0).get("maxHeapKib")),
                    Stats.median(ms.stream().map(m -> ((Number) m.get("jobMs")).doubleValue() / 1000).toList()));
        }
        for (String body : bodies) {
            List<Map<String, Object>> small = byCase.get(sizes.get(0) / 1_000_000 + " MB|" + body);
            List<Map<String, Object>> large = byCase.get(sizes.get(sizes.size() - 1) / 1_000_000 + " MB|" + body);
            if (small != null && large != null && small != large) {
                double growth = Stats.max(large.stream().map(m -> kibToMib(m.get("peakHwmKib"))).toList())
                        - Stats.max(small.stream().map(m -> kibToMib(m.get("peakHwmKib"))).toList());
                results.target(body + " body: peak RSS growth from the smallest to the largest source", growth, "MiB", 32,
                        false);
            }
        }
        results.target("peak RSS of the JVM, worst case", worst, "MiB", 256, false);
        results.note("Camel stream caching: " + byCase.values().iterator().next().get(0).get("streamCaching"));
        results.finish();
    }

    private static long kibToMib(Object kib) {
        return ((Number) kib).longValue() / 1024;
    }

    /** Runs one measurement in a fresh JVM and returns what it printed. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> child(Path source, String body, String childJvmArgs) throws Exception {
        List<String> argv = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        for (String a : childJvmArgs.split(",")) {
            if (!a.isBlank()) {
                argv.add(a.trim());
            }
        }
        argv.addAll(List.of("-Dbench.dir=" + Env.DIR, "-Dbench.log=memory-child.log", "-cp", System.getProperty("java.class.path"), Bench.class.getName(),
                "memory-child", "source=" + source, "body=" + body));
        Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("Memory child failed (" + p.exitValue() + "): " + out);
        }
        String last = out.strip().lines().reduce((a, b) -> b).orElseThrow();
        return new LinkedHashMap<>(JSON.readValue(last, Map.class));
    }

    /** In the child JVM: one job, then one JSON line with the figures on stdout. */
    static void child(Bench.Options o) throws Exception {
        Path source = Path.of(o.string("source", ""));
        String body = o.string("body", "file");
        AtomicLong peakRss = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakRss.accumulateAndGet(Env.statusKib("VmRSS"), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();

        CamelContext context = new DefaultCamelContext();
        if (body.equals("stream-spool")) {
            context.getStreamCachingStrategy().setSpoolEnabled(true); // camel.main.streamCachingSpoolEnabled=true
        }
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                var route = from("direct:in");
                if (body.equals("stream-nocache")) {
                    route.noStreamCaching(); // what the route must say for big stream bodies (see docs/performance.md)
                }
                route.to("streamgear:memory?preset=ultrafast&streams=426x240&outputDir=" + Env.cleanDir("memory/" + body));
            }
        });
        context.start();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("body", body);
        out.put("streamCaching", context.isStreamCaching() + " (spool to disk "
                + context.getStreamCachingStrategy().isSpoolEnabled() + ", in-memory threshold "
                + context.getStreamCachingStrategy().getSpoolThreshold() + " B)");
        out.put("baselineHwmKib", Env.statusKib("VmHWM"));
        long start = System.nanoTime();
        if (body.startsWith("stream")) {
            try (InputStream in = Files.newInputStream(source)) {
                context.createProducerTemplate().requestBody("direct:in", in);
            }
        } else {
            context.createProducerTemplate().requestBody("direct:in", source.toFile());
        }
        out.put("jobMs", (System.nanoTime() - start) / 1e6);
        out.put("peakHwmKib", Env.statusKib("VmHWM"));
        out.put("peakRssSampledKib", peakRss.get());
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        out.put("heapPeakKib", heapPeak / 1024);
        out.put("maxHeapKib", Runtime.getRuntime().maxMemory() / 1024);
        context.stop();
        Env.deleteTree(Env.WORK.resolve("memory/" + body));
        System.out.println(JSON.writeValueAsString(out));
    }
}
