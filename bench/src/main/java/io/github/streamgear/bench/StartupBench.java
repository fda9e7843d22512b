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
 * the engine logs "Running [ffmpeg ...]"), and spawning FFmpeg (until a descendant process of this JVM executes the
 * ffmpeg binary). Against the floor: the same ffprobe command and an FFmpeg spawn run by hand. Also for a frames
 * session, from its first frame (no probe there). Both with the system FFmpeg (the one on the PATH, which the other
 * benchmarks use) and with the bundled FFmpeg jar ({@code org.bytedeco:ffmpeg}, set through ffmpegPath/ffprobePath).
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

    /** One FFmpeg build: its binaries (null: the component finds them, i.e. the PATH) and what was measured with it. */
    static final class Variant {
        final String name;
        final String ffmpeg;
        final String ffprobe;
        final List<Marks> vod = new ArrayList<>();
        final List<Marks> frames = new ArrayList<>();
        final List<Double> handProbe = new ArrayList<>();
        final List<Double> handSpawn = new ArrayList<>();

        Variant(String name, String ffmpeg, String ffprobe) {
            this.name = name;
            this.ffmpeg = ffmpeg;
            this.ffprobe = ffprobe;
        }

        String options() {
            return ffmpeg == null ? "" : "&ffmpegPath=" + ffmpeg + "&ffprobePath=" + ffprobe;
        }
    }

    public static void run(Bench.Options o) throws Exception {
        int runs = o.integer("runs", 10);
        Path source = Media.vod720p3s();
        Results results = new Results("startup", "Startup: exchange -> FFmpeg running (warm JVM), ms", "FFmpeg", "case",
                "to ffprobe start", "probe + command", "spawn", "total (median)", "total (p95)", "total (max)");
        results.param("runs", runs).param("source", Env.DIR.relativize(source).toString());
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("system " + Env.firstLine(List.of("ffmpeg", "-version")).split(" ")[2], null, null));
        bundled().ifPresent(variants::add);

        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (int v = 0; v < variants.size(); v++) {
                    from("direct:vod" + v).to("streamgear:startup" + v + "?streams=640x360@800k,426x240@400k&outputDir="
                            + Env.WORK.resolve("startup/vod") + variants.get(v).options());
                    from("direct:frames" + v).to("streamgear:startup-frames" + v + "?frameWidth=320&frameHeight=180"
                            + "&inputFramerate=25&preset=ultrafast&outputDir=" + Env.WORK.resolve("startup/frames")
                            + variants.get(v).options());
                }
            }
        });
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        List<byte[]> pattern = Media.frames(320, 180, 25);
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
                for (int v = 0; v < variants.size(); v++) {
                    Variant variant = variants.get(v);
                    // a VOD job through the route
                    Env.deleteTree(Env.WORK.resolve("startup/vod"));
                    Marks m = new Marks();
                    current[0] = m;
                    m.sent = System.nanoTime();
                    template.requestBody(context.getEndpoint("direct:vod" + v), source.toFile());
                    current[0] = null;
                    // by hand: the engine's ffprobe command, and spawning FFmpeg
                    double probeMs = Measured.command(List.of(variant.ffprobe == null ? "ffprobe" : variant.ffprobe, "-v",
                            "error", "-print_format", "json", "-show_format", "-show_streams", "-i", source.toString()))
                            .wallMs();
                    long spawnStart = System.nanoTime();
                    Process p = new ProcessBuilder(variant.ffmpeg == null ? "ffmpeg" : variant.ffmpeg, "-hide_banner",
                            "-version").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                    double spawnMs = (System.nanoTime() - spawnStart) / 1e6;
                    p.waitFor();
                    // a frames session: first frame -> FFmpeg
                    Env.deleteTree(Env.WORK.resolve("startup/frames"));
                    Marks f = new Marks();
                    current[0] = f;
                    String job = "s" + v + "-" + (round + 3);
                    Endpoint frames = context.getEndpoint("direct:frames" + v);
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
                    variant.vod.add(m);
                    variant.frames.add(f);
                    variant.handProbe.add(probeMs);
                    variant.handSpawn.add(spawnMs);
                    for (Map.Entry<String, Marks> e : List.of(Map.entry("vod", m), Map.entry("frames", f))) {
                        Marks x = e.getValue();
                        Map<String, Object> run = new LinkedHashMap<>();
                        run.put("ffmpeg", variant.name);
                        run.put("case", e.getKey());
                        run.put("round", round);
                        run.put("toFfprobeMs", x.ffprobe.get() == 0 ? null : ms(x.sent, x.ffprobe.get()));
                        run.put("toFfmpegCommandMs", ms(x.sent, x.ffmpeg.get()));
                        run.put("toFfmpegAliveMs", ms(x.sent, x.alive.get()));
                        run.put("handFfprobeMs", probeMs);
                        run.put("handSpawnMs", spawnMs);
                        run.put("load1", Env.loadAverage().split(" ")[0]);
                        results.run(run);
                    }
                    System.out.printf("   %s round %d: vod %.0f ms (ffprobe by hand %.0f ms), frames %.0f ms (load %s)%n",
                            variant.name, round, ms(m.sent, m.alive.get()), probeMs, ms(f.sent, f.alive.get()),
                            Env.loadAverage());
                }
            }
        } finally {
            context.stop();
        }

        for (Variant v : variants) {
            for (boolean vodCase : List.of(true, false)) {
                List<Marks> ms = vodCase ? v.vod : v.frames;
                List<Double> total = ms.stream().map(x -> ms(x.sent, x.alive.get())).toList();
                results.row(v.name, vodCase ? "VOD job (route)" : "frames session (route)",
                        vodCase ? Stats.median(ms.stream().map(x -> ms(x.sent, x.ffprobe.get())).toList()) : Double.NaN,
                        Stats.median(ms.stream().map(x -> ms(vodCase ? x.ffprobe.get() : x.sent, x.ffmpeg.get())).toList()),
                        Stats.median(ms.stream().map(x -> ms(x.ffmpeg.get(), x.alive.get())).toList()),
                        Stats.median(total), Stats.percentile(total, 95), Stats.max(total));
                results.target(v.name + ", " + (vodCase ? "VOD" : "frames") + ": exchange -> FFmpeg running, median",
                        Stats.median(total), "ms", 200, false);
            }
            results.row(v.name, "by hand: ffprobe + spawn", Double.NaN, Stats.median(v.handProbe),
                    Stats.median(v.handSpawn), Stats.median(v.handProbe) + Stats.median(v.handSpawn),
                    Stats.percentile(v.handProbe, 95) + Stats.percentile(v.handSpawn, 95), Double.NaN);
        }
        results.finish();
    }

    /** The bundled FFmpeg jar's binaries, unpacked by JavaCPP, if that jar is on the classpath. */
    static Optional<Variant> bundled() {
        try {
            String ffmpeg = org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
            String ffprobe = org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.ffprobe.class);
            String version = Env.firstLine(List.of(ffmpeg, "-version")).split(" ")[2];
            return Optional.of(new Variant("bundled " + version, ffmpeg, ffprobe));
        } catch (RuntimeException | LinkageError e) {
            System.out.println("   (bundled FFmpeg not available: " + e + ")");
            return Optional.empty();
        }
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
