package io.github.streamgear.bench;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.streamgear.camel.StreamGearEndpoint;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Benchmark 10, one-shot processes: a program whose whole life is one VOD job (8 s of 720p30 H.264/AAC into DASH,
 * ladder 720p + {@value VodBench#STREAMS}): a fresh JVM starts, starts Camel with one route, sends the file, stops
 * Camel and exits. Contenders, interleaved: {@code process} (that JVM, from spawn to exit), {@code process-cds} (the
 * same with an AppCDS archive of the classes a first run loaded, {@code -XX:SharedArchiveFile}), {@code process-cds-c1}
 * (the same, and {@code -XX:TieredStopAtLevel=1}: no C2 compilations), {@code camel-floor} (a fresh JVM with the
 * same class path and logger that starts Camel with a route doing nothing, sends it one message and stops: what any
 * Camel program pays before and after its work, so that the component's own share can be told apart), and {@code ffmpeg}
 * (the exact command the engine runs for that job, by hand). The child also reports its own phases: JVM start to
 * {@code main}, Camel start, the first job (exchange to reply), Camel stop.
 */
public final class OneShotBench {

    /**
     * The jars of a one-shot application (the component and its dependencies, camel-direct, a logger): not the
     * benchmark module's 190 jars (s3proxy, the AWS SDK, the bundled FFmpeg), which a program running one job would
     * not carry and which slow down every class lookup. -Doneshot.fullClassPath=true keeps them. Jackson is the
     * component's three jars only: the Jackson data formats the benchmark module brings (YAML, XML, JSR-310) make
     * log4j load its YAML configuration support at start, about 0.2 s of CPU no one-shot program of the component pays.
     */
    static final List<String> APP_JARS = List.of("/io/github/streamgear/", "/org/apache/camel/", "/commons-exec/",
            "/com/fasterxml/jackson/core/", "/org/slf4j/slf4j-api/", "/org/apache/logging/log4j/");
    /** In the folders above but not the component's dependencies: the benchmark's S3 publishing. */
    static final List<String> NOT_APP_JARS = List.of("/camel-aws");
    static final String JOB = "oneshot-720p30-8s";

    private static String classPath;

    private OneShotBench() {
    }

    static String uri(Path outputDir) {
        return "streamgear:oneshot?streams=" + VodBench.STREAMS + "&outputDir=" + outputDir;
    }

    public static void run(Bench.Options o) throws Exception {
        int runs = o.integer("runs", 5);
        String childJvmArgs = o.string("childJvmArgs", "");
        Path source = Media.vod720p8s();
        Path archive = Env.WORK.resolve("oneshot.jsa").toAbsolutePath();
        Results results = new Results("oneshot", "One-shot process: one 8 s 720p VOD job in a fresh JVM vs FFmpeg alone",
                "contender", "wall ms (median)", "CPU ms (median)", "ratio to ffmpeg (median)", "CPU ratio to ffmpeg (median)",
                "load1 (median)");
        results.param("runs", runs).param("source", Env.DIR.relativize(source).toString())
                .param("streams", VodBench.STREAMS).param("childJvmArgs", childJvmArgs);

        // the engine's own command for this job, checked against what the child ran (as the vod benchmark does)
        CamelContext context = new DefaultCamelContext();
        context.start();
        VodBench.Contenders own;
        try {
            own = new VodBench.Contenders("dash", source, JOB, context.getEndpoint(
                    uri(Env.WORK.resolve("oneshot/route").toAbsolutePath()), StreamGearEndpoint.class));
        } finally {
            context.stop();
        }
        results.param("ffmpeg", String.join(" ", own.own));

        // the AppCDS archive: the classes one run of the child loads, dumped at its exit
        Files.deleteIfExists(archive);
        Map<String, Object> dump = child(source, childJvmArgs, "-XX:ArchiveClassesAtExit=" + archive, false);
        String childArgv = (String) dump.get("ffmpegArgv");
        String expected = own.own.toString().replace(own.ownDir.toString(), own.routeJobDir().toString());
        if (!expected.equals(childArgv)) {
            throw new IllegalStateException("The child ran another command than CommandBuilder builds:\n  child "
                    + childArgv + "\n  own   " + expected);
        }

        List<String> names = List.of("process", "process-cds", "process-cds-c1", "camel-floor", "ffmpeg");
        Map<String, List<Double>> wall = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        Map<String, List<Double>> load = new LinkedHashMap<>();
        Map<String, List<Map<String, Object>>> phases = new LinkedHashMap<>();
        for (int round = -1; round < runs; round++) { // round -1 warms up (page cache, FFmpeg's libraries)
            for (int k = 0; k < names.size(); k++) {
                String name = names.get(((round + 1) + k) % names.size());
                Map<String, Object> inside = null;
                Measured m;
                if (name.equals("ffmpeg")) {
                    m = own.own();
                } else {
                    Map<String, Object>[] out = new Map[1];
                    String extra = switch (name) {
                        case "process-cds" -> "-XX:SharedArchiveFile=" + archive;
                        // and no C2: a one-shot JVM does not live long enough to repay C2's compilations, whose CPU
                        // is taken from FFmpeg on 2 cores
                        case "process-cds-c1" -> "-XX:SharedArchiveFile=" + archive + ",-XX:TieredStopAtLevel=1";
                        default -> "";
                    };
                    m = Measured.of(() -> out[0] = child(source, childJvmArgs, extra, name.equals("camel-floor")));
                    inside = out[0];
                }
                if (round < 0) {
                    continue;
                }
                String load1 = Env.loadAverage().split(" ")[0];
                wall.computeIfAbsent(name, n -> new ArrayList<>()).add(m.wallMs());
                cpu.computeIfAbsent(name, n -> new ArrayList<>()).add((double) m.childCpuMs());
                load.computeIfAbsent(name, n -> new ArrayList<>()).add(Double.parseDouble(load1));
                Map<String, Object> run = new LinkedHashMap<>();
                run.put("round", round);
                run.put("position", k);
                run.put("contender", name);
                run.put("wallMs", m.wallMs());
                run.put("cpuMs", m.childCpuMs()); // the child JVM or FFmpeg, and every process it started
                if (inside != null) {
                    inside.remove("ffmpegArgv");
                    run.putAll(inside);
                    phases.computeIfAbsent(name, n -> new ArrayList<>()).add(inside);
                }
                run.put("load1", load1);
                results.run(run);
                System.out.printf("   round %d %-12s %6.0f ms wall, %6d ms CPU %s (load %s)%n", round, name, m.wallMs(),
                        m.childCpuMs(), inside == null ? "" : inside, Env.loadAverage());
            }
        }
        List<Double> ffmpeg = wall.get("ffmpeg");
        for (String name : names) {
            double ratio = Stats.median(Stats.ratios(wall.get(name), ffmpeg));
            results.row(name, Stats.median(wall.get(name)), Stats.median(cpu.get(name)), ratio,
                    Stats.median(Stats.ratios(cpu.get(name), cpu.get("ffmpeg"))), Stats.median(load.get(name)));
            if (!name.equals("ffmpeg")) {
                List<Map<String, Object>> p = phases.get(name);
                List<Double> firstJob = p.stream().map(x -> ((Number) x.get("jobMs")).doubleValue()).toList();
                results.row(name + ": first job (exchange to reply)", Stats.median(firstJob), Double.NaN,
                        Stats.median(Stats.ratios(firstJob, ffmpeg)), Double.NaN, Double.NaN);
                for (String phase : List.of("jvmToMainMs", "camelStartMs", "stopMs", "cpuAtCamelStartedMs",
                        "cpuAtJobDoneMs", "cpuAtStoppedMs")) {
                    results.row(name + ": " + phase, Stats.median(p.stream()
                            .map(x -> ((Number) x.get(phase)).doubleValue()).toList()), Double.NaN, Double.NaN, Double.NaN,
                            Double.NaN);
                }
            }
        }
        // the floor: FFmpeg plus a Camel program with the same class path and logger whose route does nothing, per round
        List<Double> floorWall = new ArrayList<>();
        List<Double> oursWall = new ArrayList<>();
        List<Double> oursCpu = new ArrayList<>();
        for (int r = 0; r < ffmpeg.size(); r++) {
            floorWall.add((ffmpeg.get(r) + wall.get("camel-floor").get(r)) / ffmpeg.get(r));
            oursWall.add(wall.get("process").get(r) - wall.get("camel-floor").get(r) - ffmpeg.get(r));
            oursCpu.add(cpu.get("process").get(r) - cpu.get("camel-floor").get(r) - cpu.get("ffmpeg").get(r));
        }
        results.row("ffmpeg + camel-floor (a Camel program doing nothing)", Double.NaN, Double.NaN, Stats.median(floorWall),
                Double.NaN, Double.NaN);
        results.row("process - camel-floor - ffmpeg (the component's own)", Stats.median(oursWall), Stats.median(oursCpu),
                Double.NaN, Double.NaN, Double.NaN);
        results.target("whole process / FFmpeg alone, median of per-round ratios", Stats.median(Stats.ratios(
                wall.get("process"), ffmpeg)), "x", 1.3, false);
        results.target("whole process with AppCDS / FFmpeg alone", Stats.median(Stats.ratios(wall.get("process-cds"),
                ffmpeg)), "x", 1.3, false);
        results.target("whole process with AppCDS and C1 only / FFmpeg alone", Stats.median(Stats.ratios(
                wall.get("process-cds-c1"), ffmpeg)), "x", 1.3, false);
        results.note("CPU: the child JVM and every process it ran (ffmpeg -version, ffprobe, FFmpeg) against FFmpeg alone;"
                + " on 2 cores that FFmpeg keeps busy, the JVM's CPU is taken from FFmpeg, so on a quiet machine the wall"
                + " ratio follows the CPU ratio");
        results.finish();
    }

    /** Runs the one-shot program in a fresh JVM; what it printed (its phases, the FFmpeg command it ran). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> child(Path source, String childJvmArgs, String extra, boolean floor) throws Exception {
        List<String> argv = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        for (String a : (childJvmArgs + "," + extra).split(",")) {
            if (!a.isBlank()) {
                argv.add(a.trim());
            }
        }
        argv.addAll(List.of("-Dbench.dir=" + Env.DIR, "-Dbench.log=oneshot-child.log", "-cp", classPath(),
                Bench.class.getName(), "oneshot-child", "source=" + source, "floor=" + floor));
        Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("One-shot child failed (" + p.exitValue() + "): " + out);
        }
        // the JVM's own -Xlog lines (e.g. the CDS dump's warnings) go to stdout too
        String last = out.strip().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow();
        return new LinkedHashMap<>(new ObjectMapper().readValue(last, Map.class)); // not a static: the child needs none
    }

    /**
     * This JVM's class path with its directories (the bench's own classes) packed into a jar: a class-data sharing
     * archive only takes jars. Both process contenders use it, so that they differ only in the archive.
     */
    static synchronized String classPath() throws IOException {
        if (classPath != null) { // packed once: the archive is only used with the very jars it was dumped with
            return classPath;
        }
        boolean fullClassPath = Boolean.getBoolean("oneshot.fullClassPath");
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                entries.add(jar(p).toString());
            } else if (fullClassPath || APP_JARS.stream().anyMatch(entry.replace(File.separatorChar, '/')::contains)
                    && NOT_APP_JARS.stream().noneMatch(entry.replace(File.separatorChar, '/')::contains)) {
                entries.add(entry);
            }
        }
        classPath = String.join(File.pathSeparator, entries);
        return classPath;
    }

    private static Path jar(Path dir) throws IOException {
        Path jar = Env.WORK.resolve("oneshot-" + dir.getFileName() + ".jar").toAbsolutePath();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                out.putNextEntry(new JarEntry(dir.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    /** In the child JVM: what a one-shot program does (start Camel, one job, stop), timed; one JSON line on stdout. */
    static void child(Bench.Options o) throws Exception {
        long mainAt = System.currentTimeMillis();
        long t0 = System.nanoTime();
        Path source = Path.of(o.string("source", ""));
        Path outputDir = Env.WORK.resolve("oneshot/route").toAbsolutePath();
        Env.deleteTree(outputDir);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jvmToMainMs", mainAt - ManagementFactory.getRuntimeMXBean().getStartTime());
        boolean floor = Boolean.parseBoolean(o.string("floor", "false"));
        try (CommandLog log = new CommandLog()) {
            CamelContext context = new DefaultCamelContext();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    if (floor) { // what any Camel program with this logger pays, whatever its route does
                        from("direct:in").process(e -> e.getMessage().setBody(List.of()));
                    } else {
                        from("direct:in").to(uri(outputDir));
                    }
                }
            });
            context.start();
            long started = System.nanoTime();
            long cpuStarted = Env.selfCpuMillis();
            log.drain(); // the start's "ffmpeg -version": the job's command is the one wanted
            context.createProducerTemplate().requestBody("direct:in", source.toFile());
            long done = System.nanoTime();
            long cpuDone = Env.selfCpuMillis();
            context.stop();
            long stopped = System.nanoTime();
            out.put("camelStartMs", (started - t0) / 1e6);
            out.put("cpuAtCamelStartedMs", cpuStarted);
            out.put("cpuAtJobDoneMs", cpuDone);
            out.put("jobMs", (done - started) / 1e6);
            out.put("stopMs", (stopped - done) / 1e6);
            if (!floor) {
                out.put("ffmpegArgv", log.drain().stream().filter(CommandLog.Started::isFfmpeg).findFirst().orElseThrow()
                        .argv());
            }
        }
        out.put("cpuAtStoppedMs", Env.selfCpuMillis());
        System.out.println(json(out));
    }

    /**
     * The child's report, written by hand: Jackson's serialising side is not something a one-shot program running one
     * job loads (the component only reads ffprobe's JSON), so the measured JVM must not pay for it either.
     */
    static String json(Map<String, Object> values) {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, Object> e : values.entrySet()) {
            b.append(b.length() > 1 ? "," : "").append('"').append(e.getKey()).append("\":");
            Object v = e.getValue();
            b.append(v instanceof Number ? v.toString()
                    : '"' + v.toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"');
        }
        return b.append('}').toString();
    }
}
