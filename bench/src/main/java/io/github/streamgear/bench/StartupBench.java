package io.github.streamgear.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.github.streamgear.camel.StreamGearConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Benchmark 6, startup: with a warm JVM (the context started and a few jobs done), the time from sending the exchange
 * to the FFmpeg process running, split into: until the engine starts ffprobe, probing and building the command (until
 * the engine logs "Running [ffmpeg ...]"), and spawning FFmpeg (until a descendant process of this JVM is executing
 * the ffmpeg binary). Against the floor: the same ffprobe command and an FFmpeg spawn run by hand. Also for a frames
 * session, from its first frame (no probe there).
 */
public final class StartupBench {

    private StartupBench() {
    }

    /** Times (ns, {@code System.nanoTime}) of one start: the exchange sent, ffprobe and FFmpeg started, FFmpeg alive. */
    static final class Marks {
        long sent;
        final AtomicLong ffprobe = new AtomicLong();
        final AtomicLong ffmpeg = new AtomicLong();
        final AtomicLong alive = new AtomicLong();
    }

    public static void run(Bench.Options o) throws Exception {
        int runs = o.integer("runs", 10);
        Path source = Media.vod720p3s();
        Results results = new Results("startup", "Startup: exchange -> FFmpeg running (warm JVM), ms", "case",
                "to ffprobe start", "probe + command", "spawn", "total (median)", "total (p95)", "total (max)");
        results.param("runs", runs).param("source", Env.DIR.relativize(source).toString());

        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:vod").to("streamgear:startup?streams=640x360@800k,426x240@400k&outputDir="
                        + Env.WORK.resolve("startup/vod"));
                from("direct:frames").to("streamgear:startup-frames?frameWidth=320&frameHeight=180&inputFramerate=25"
                        + "&preset=ultrafast&outputDir=" + Env.WORK.resolve("startup/frames"));
            }
        });
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        Endpoint vod = context.getEndpoint("direct:vod");
        Endpoint frames = context.getEndpoint("direct:frames");
        List<byte[]> pattern = Media.frames(320, 180, 25);
        List<String> probe = List.of("ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", "-i",
                source.toString());
        Map<String, List<Marks>> marks = new LinkedHashMap<>();
        List<Double> handProbe = new ArrayList<>();
        List<Double> handSpawn = new ArrayList<>();
        try (CommandLog log = new CommandLog()) {
            Marks[] current = { null };
            log.onStart(s -> {
                Marks m = current[0];
                if (m == null) {
                    return;
                }
                if (s.isFfprobe()) {
                    m.ffprobe.compareAndSet(0, s.nanos());
                } else if (s.isFfmpeg() && m.ffmpeg.compareAndSet(0, s.nanos())) {
                    Thread watcher = new Thread(() -> m.alive.set(awaitFfmpegProcess()), "bench-spawn-watch");
                    watcher.setDaemon(true);
                    watcher.start();
                }
            });
            for (int round = -3; round < runs; round++) { // 3 warm-up rounds
                // VOD job through the route
                Env.deleteTree(Env.WORK.resolve("startup/vod"));
                Marks m = new Marks();
                current[0] = m;
                m.sent = System.nanoTime();
                template.requestBody(vod, source.toFile());
                // by hand: ffprobe, and spawning FFmpeg
                double probeMs = Measured.command(probe).wallMs();
                long spawnStart = System.nanoTime();
                Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-version")
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                double spawnMs = (System.nanoTime() - spawnStart) / 1e6;
                p.waitFor();
                // frames session: first frame -> FFmpeg
                Env.deleteTree(Env.WORK.resolve("startup/frames"));
                Marks f = new Marks();
                current[0] = f;
                String job = "s" + (round + 3);
                f.sent = System.nanoTime();
                for (int i = 0; i < 25; i++) {
                    template.sendBodyAndHeader(frames, pattern.get(i), StreamGearConstants.JOB_ID, job);
                }
                template.requestBodyAndHeaders(frames, null,
                        Map.of(StreamGearConstants.JOB_ID, job, StreamGearConstants.END_OF_STREAM, true));
                current[0] = null;
                if (round < 0) {
                    continue;
                }
                marks.computeIfAbsent("vod", k -> new ArrayList<>()).add(m);
                marks.computeIfAbsent("frames", k -> new ArrayList<>()).add(f);
                handProbe.add(probeMs);
                handSpawn.add(spawnMs);
                for (Map.Entry<String, Marks> e : Map.of("vod", m, "frames", f).entrySet()) {
                    Marks x = e.getValue();
                    Map<String, Object> run = new LinkedHashMap<>();
                    run.put("case", e.getKey());
                    run.put("round", round);
                    run.put("toFfprobeMs", x.ffprobe.get() == 0 ? null : ms(x.sent, x.ffprobe.get()));
                    run.put("toFfmpegCommandMs", ms(x.sent, x.ffmpeg.get()));
                    run.put("toFfmpegAliveMs", ms(x.sent, x.alive.get()));
                    run.put("load1", Env.loadAverage().split(" ")[0]);
                    results.run(run);
                }
                Map<String, Object> hand = new LinkedHashMap<>();
                hand.put("case", "hand");
                hand.put("round", round);
                hand.put("ffprobeMs", probeMs);
                hand.put("spawnMs", spawnMs);
                results.run(hand);
                System.out.printf("   round %d: vod %.0f ms (probe by hand %.0f ms), frames %.0f ms (load %s)%n", round,
                        ms(m.sent, m.alive.get()), probeMs, ms(f.sent, f.alive.get()), Env.loadAverage());
            }
        } finally {
            context.stop();
        }

        for (Map.Entry<String, List<Marks>> e : marks.entrySet()) {
            List<Marks> ms = e.getValue();
            boolean vodCase = e.getKey().equals("vod");
            List<Double> total = ms.stream().map(x -> ms(x.sent, x.alive.get())).toList();
            results.row(vodCase ? "VOD job (route)" : "frames session (route)",
                    vodCase ? Stats.median(ms.stream().map(x -> ms(x.sent, x.ffprobe.get())).toList()) : Double.NaN,
                    Stats.median(ms.stream().map(x -> ms(vodCase ? x.ffprobe.get() : x.sent, x.ffmpeg.get())).toList()),
                    Stats.median(ms.stream().map(x -> ms(x.ffmpeg.get(), x.alive.get())).toList()),
                    Stats.median(total), Stats.percentile(total, 95), Stats.max(total));
            results.target(e.getKey() + ": exchange -> FFmpeg running, median", Stats.median(total), "ms", 200, false);
        }
        results.row("by hand: ffprobe + spawn", Double.NaN, Stats.median(handProbe), Stats.median(handSpawn),
                Stats.median(handProbe) + Stats.median(handSpawn), Double.NaN, Double.NaN);
        results.finish();
    }

    private static double ms(long from, long to) {
        return to == 0 || from == 0 ? Double.NaN : (to - from) / 1e6;
    }

    /** Polls this JVM's descendants until one executes the ffmpeg binary (after fork and exec); its discovery time. */
    static long awaitFfmpegProcess() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> p = ProcessHandle.current().descendants()
                    .filter(h -> h.info().command().map(c -> c.endsWith("/ffmpeg")).orElse(false)).findAny();
            if (p.isPresent()) {
                return System.nanoTime();
            }
            LockSupport.parkNanos(200_000); // leave the CPU to the spawning thread between /proc scans
        }
        return 0;
    }
}
