package io.github.streamgear.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.streamgear.camel.StreamGearConstants;
import io.github.streamgear.camel.StreamGearEndpoint;
import io.github.streamgear.engine.command.CommandBuilder;
import io.github.streamgear.engine.ffmpeg.FfmpegBinaries;
import io.github.streamgear.engine.ffmpeg.FfmpegLocator;
import io.github.streamgear.engine.ffmpeg.FfmpegRunner;
import io.github.streamgear.engine.frames.FrameFormat;
import io.github.streamgear.engine.frames.PixelFormat;
import io.github.streamgear.engine.ladder.Ladder;
import io.github.streamgear.engine.ladder.LadderPlanner;
import io.github.streamgear.engine.output.OutputLayout;
import io.github.streamgear.engine.tracks.TrackPlan;
import io.github.streamgear.engine.settings.TranscodeSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Benchmark 3, frame throughput. Raw bgr24 frames go through {@code from("direct:X").to("streamgear:X?frameWidth=...")}
 * (one exchange per frame, then an end-of-stream exchange whose reply comes once FFmpeg has finished), against the same
 * FFmpeg command reading the same frames from a file ({@code file}), and from an OS pipe fed by {@code cat}
 * ({@code pipe}: what the pipe alone costs). Cases: 1280x720 with a ladder of 1 and of 3 (preset ultrafast), and
 * 64x64 frames where FFmpeg is not the bottleneck, for the per-frame cost of the route. Wall time covers everything
 * from the first frame to FFmpeg's exit for every contender. FFmpeg CPU of the {@code pipe} contender includes
 * {@code cat}'s.
 */
public final class FramesBench {

    private FramesBench() {
    }

    record Case(String name, int width, int height, int frames, String streams) {
    }

    public static void run(Bench.Options o) throws Exception {
        int runs = o.integer("runs", 5);
        int hdFrames = o.integer("frames", 300);
        int tinyFrames = o.integer("tinyFrames", 20000);
        List<Case> cases = new ArrayList<>();
        for (String c : o.list("cases", "720p-1,720p-3,64x64")) {
            cases.add(switch (c) {
                case "720p-1" -> new Case(c, 1280, 720, hdFrames, "");
                case "720p-3" -> new Case(c, 1280, 720, hdFrames, "640x360,426x240");
                case "64x64" -> new Case(c, 64, 64, tinyFrames, "");
                default -> throw new IllegalArgumentException("Unknown case " + c + ": use 720p-1, 720p-3, 64x64");
            });
        }
        Results results = new Results("frames", "Frame throughput (bgr24, 30 fps, preset ultrafast, DASH)", "case",
                "contender", "frames", "fps (median)", "us/frame wall", "JVM CPU us/frame", "FFmpeg CPU us/frame",
                "ratio to pipe (median)", "ratio to file (median)", "load1 (median)");
        results.param("runs", runs);

        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (Case c : cases) {
                    from("direct:" + c.name).to(uri(c));
                }
            }
        });
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        try (CommandLog log = new CommandLog()) {
            for (Case c : cases) {
                List<byte[]> pattern = Media.frames(c.width, c.height, 30);
                Path raw = Media.rawFrames(c.width, c.height, c.frames, pattern);
                StreamGearEndpoint endpoint = context.getEndpoint(uri(c), StreamGearEndpoint.class);
                Path handDir = Env.WORK.resolve("frames/hand/" + c.name).toAbsolutePath();
                List<String> fromFile = handCommand(endpoint, c, handDir);
                List<String> fromPipe = new ArrayList<>(fromFile);
                fromFile.set(fromFile.indexOf("pipe:0"), raw.toString());
                fromFile.add(1, "-nostdin"); // as the engine does when stdin is not the input
                results.param(c.name + ".file", String.join(" ", fromFile));
                Endpoint direct = context.getEndpoint("direct:" + c.name);

                Map<String, List<Measured>> m = new LinkedHashMap<>();
                List<Double> beforeStart = new ArrayList<>();
                List<Double> afterEnd = new ArrayList<>();
                List<String> names = List.of("route", "file", "pipe");
                int count = names.size();
                for (int round = -1; round < runs; round++) { // round -1 warms up
                    for (int k = 0; k < count; k++) {
                        int which = ((round + 1) + k) % count;
                        Env.cleanDir("frames/route/" + c.name);
                        Env.cleanDir("frames/hand/" + c.name);
                        String job = "run" + (round + 1);
                        log.drain();
                        long sent = System.nanoTime();
                        Measured x = switch (which) {
                            case 0 -> Measured.of(() -> {
                                for (int i = 0; i < c.frames; i++) {
                                    template.sendBodyAndHeader(direct, pattern.get(i % pattern.size()),
                                            StreamGearConstants.JOB_ID, job);
                                }
                                template.requestBodyAndHeaders(direct, null,
                                        Map.of(StreamGearConstants.JOB_ID, job, StreamGearConstants.END_OF_STREAM, true));
                            });
                            case 1 -> Measured.command(fromFile, handDir);
                            default -> Measured.pipeline(List.of("cat", raw.toString()), fromPipe, handDir);
                        };
                        if (round < 0) {
                            continue;
                        }
                        if (which == 0) { // the route's wall time outside its FFmpeg process: start, and after its exit
                            long replied = sent + (long) (x.wallMs() * 1e6);
                            CommandLog.Ended end = log.ended().stream().filter(CommandLog.Ended::isFfmpeg)
                                    .reduce((a, b) -> b).orElseThrow();
                            CommandLog.Started start = log.drain().stream().filter(CommandLog.Started::isFfmpeg)
                                    .findFirst().orElseThrow();
                            beforeStart.add((start.nanos() - sent) / 1e6);
                            afterEnd.add((replied - end.nanos()) / 1e6);
                        }
                        String name = names.get(which);
                        m.computeIfAbsent(name, n -> new ArrayList<>()).add(x);
                        Map<String, Object> run = new LinkedHashMap<>();
                        run.put("case", c.name);
                        run.put("round", round);
                        run.put("position", k);
                        run.put("contender", name);
                        run.put("frames", c.frames);
                        run.put("wallMs", x.wallMs());
                        run.put("fps", c.frames / (x.wallMs() / 1000));
                        run.put("jvmCpuMs", x.jvmCpuMs());
                        run.put("ffmpegCpuMs", x.childCpuMs());
                        run.put("load1", Env.loadAverage().split(" ")[0]);
                        results.run(run);
                        System.out.printf("   %s round %d %-17s %6.1f fps, %6d ms JVM CPU, %6d ms FFmpeg CPU (load %s)%n", c.name,
                                round, name, c.frames / (x.wallMs() / 1000), x.jvmCpuMs(), x.childCpuMs(), Env.loadAverage());
                    }
                }
                List<Double> fileWall = wall(m.get("file"));
                List<Double> pipeWall = wall(m.get("pipe"));
                for (String name : names) {
                    List<Double> wall = wall(m.get(name));
                    List<Double> fps = wall.stream().map(w -> c.frames / (w / 1000)).toList();
                    List<Double> jvm = m.get(name).stream().map(x -> (double) x.jvmCpuMs()).toList();
                    List<Double> ffmpeg = m.get(name).stream().map(x -> (double) x.childCpuMs()).toList();
                    double ratio = Stats.median(Stats.ratios(fileWall, wall)); // fps ratio = inverse wall ratio
                    double toPipe = Stats.median(Stats.ratios(pipeWall, wall));
                    List<Double> load = results.runs().stream().filter(r -> c.name.equals(r.get("case"))
                            && name.equals(r.get("contender"))).map(r -> Double.parseDouble((String) r.get("load1"))).toList();
                    results.row(c.name, name, c.frames, Stats.median(fps), Stats.median(wall) * 1000 / c.frames,
                            name.equals("route") ? Stats.median(jvm) * 1000 / c.frames : Double.NaN,
                            Stats.median(ffmpeg) * 1000 / c.frames, toPipe, ratio, Stats.median(load));
                    if (name.equals("route")) {
                        results.note(String.format(java.util.Locale.ROOT, "%s: route wall outside FFmpeg, median:"
                                + " %.1f ms before it starts, %.1f ms after it exits (manifests checked, files listed)",
                                c.name, Stats.median(beforeStart), Stats.median(afterEnd)));
                        if (c.width > 64) {
                            // the target: against FFmpeg fed the same frames by cat through a pipe, as the
                            // route feeds it (a file-fed FFmpeg does not pay for the pipe at all)
                            results.target(c.name + ": route fps / FFmpeg fed by cat through a pipe", toPipe, "x", 0.95, true);
                            results.note(String.format(java.util.Locale.ROOT, "%s: route fps / FFmpeg reading the file %.3f",
                                    c.name, ratio));
                        } else {
                            results.note(String.format(java.util.Locale.ROOT,
                                    "%s: route %.1f us/frame wall vs %.1f from the file: %.1f us/frame added by the route"
                                            + " (%.1f us/frame of JVM CPU)", c.name, Stats.median(wall) * 1000 / c.frames,
                                    Stats.median(fileWall) * 1000 / c.frames,
                                    (Stats.median(wall) - Stats.median(fileWall)) * 1000 / c.frames,
                                    Stats.median(jvm) * 1000 / c.frames));
                        }
                    }
                }
                Env.deleteTree(Env.WORK.resolve("frames"));
            }
        } finally {
            context.stop();
        }
        results.finish();
    }

    private static List<Double> wall(List<Measured> m) {
        return m.stream().map(Measured::wallMs).toList();
    }

    static String uri(Case c) {
        return "streamgear:frames-" + c.name + "?frameWidth=" + c.width + "&frameHeight=" + c.height
                + "&inputFramerate=30&preset=ultrafast&outputDir=" + Env.WORK.resolve("frames/route/" + c.name)
                + (c.streams.isEmpty() ? "" : "&streams=" + c.streams);
    }

    /** The command the engine builds for such a session ({@link CommandBuilder#forFrames}), writing into {@code dir}. */
    static List<String> handCommand(StreamGearEndpoint endpoint, Case c, Path dir) {
        TranscodeSettings settings = endpoint.getConfiguration().toSettings();
        try (FfmpegRunner runner = new FfmpegRunner()) {
            FfmpegBinaries bin = new FfmpegLocator(runner).locate(endpoint.getConfiguration().getFfmpegPath(),
                    endpoint.getConfiguration().getFfprobePath());
            FrameFormat format = new FrameFormat(c.width, c.height, PixelFormat.BGR24, 30);
            Ladder ladder = new LadderPlanner(settings.encoding().bitsPerPixel()).plan(c.width, c.height, 30,
                    settings.encoding().extraRenditions());
            OutputLayout layout = new OutputLayout(settings.segmenting(), ladder, false);
            return new ArrayList<>(CommandBuilder.forFrames(bin.ffmpeg(), format.asInput(settings.input().inputOptions()), null,
                    ladder, TrackPlan.NONE, layout, settings));
        }
    }
}
