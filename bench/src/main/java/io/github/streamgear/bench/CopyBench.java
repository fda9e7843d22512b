package io.github.streamgear.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.streamgear.camel.StreamGearEndpoint;
import io.github.streamgear.engine.ffmpeg.FfmpegBinaries;
import io.github.streamgear.engine.ffmpeg.FfmpegLocator;
import io.github.streamgear.engine.ffmpeg.FfmpegRunner;
import io.github.streamgear.engine.ladder.Ladder;
import io.github.streamgear.engine.ladder.LadderPlanner;
import io.github.streamgear.engine.settings.StreamFormat;
import io.github.streamgear.engine.settings.TranscodeSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Benchmark 8, packaging without re-encoding (issue 19). For each format, from the same streamable 720p30 source
 * ({@link Media#streamable720p10s}, or {@link Media#streamable720p} with option {@code seconds}), interleaved round by round (the order rotates):
 * <ol>
 * <li>{@code best}: the best hand-written full-transcode FFmpeg command for the ladder 720p + {@link VodBench#STREAMS}
 * ({@link VodBench#bestCommand}): what a job costs when every rendition is encoded;</li>
 * <li>{@code copy}: the route with {@code videoCodec=copy}, from sending the exchange to the reply (probe, FFmpeg,
 * playlist fix-up, file collection): the source's video and AAC packaged as they are;</li>
 * <li>{@code copy-hand}: the same packaging run by hand ({@code -c:v copy -c:a copy}), no probe, no fix-up;</li>
 * <li>{@code copied-primary}: the route with {@code copyPrimary=auto} and the same ladder: the 720p rung copied, the two
 * smaller ones encoded with keyframes at the source's (the keyframe probe included), the AAC copied.</li>
 * </ol>
 * The speed-ups {@code best / contender} are taken within each round and their median is reported; CPU time (JVM + FFmpeg)
 * beside wall time. Option {@code ffmpeg=bundled} runs every contender with the bundled FFmpeg jar's build (the one the
 * README's main job uses) instead of the one on the PATH: its programs start in a third of the time of Debian's, which
 * a job as short as packaging 10 s of video notices.
 */
public final class CopyBench {

    static final List<String> CONTENDERS = List.of("best", "copy", "copy-hand", "copied-primary");
    static final List<String> ROUTES = List.of("copy", "copied-primary");

    private CopyBench() {
    }

    public static void run(Bench.Options o) throws Exception {
        int runs = o.integer("runs", 3);
        List<String> formats = o.list("formats", "dash,hls");
        int seconds = o.integer("seconds", 10);
        boolean bundled = o.string("ffmpeg", "system").equals("bundled");
        StartupBench.Variant build = bundled ? StartupBench.bundled().orElseThrow(
                () -> new IllegalStateException("ffmpeg=bundled: the bundled FFmpeg jar cannot be loaded"))
                : new StartupBench.Variant("PATH", null, null);
        Path source = Media.streamable720p(seconds);
        Results results = new Results((seconds == 10 ? "copy" : "copy-" + seconds + "s") + (bundled ? "-bundled" : ""),
                "Packaging only (videoCodec=copy)"
                + " and a copied primary (copyPrimary=auto) vs the best full transcode (720p30 " + seconds + " s, keyframe"
                + " every 2 s, + AAC; ladder 720p + " + VodBench.STREAMS + ")", "format", "contender",
                "wall s (median)", "CPU s (median)", "best / contender, wall (median)", "best / contender, CPU (median)");
        results.param("source", Env.DIR.relativize(source).toString()).param("runs", runs).param("ffmpeg", build.name);
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (String f : formats) {
                    for (String r : ROUTES) {
                        from("direct:" + r + "-" + f).to(uri(f, r) + build.options());
                    }
                }
            }
        });
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        Map<String, Map<String, List<String>>> commands = new LinkedHashMap<>();
        for (String f : formats) {
            TranscodeSettings settings = context.getEndpoint(uri(f, "copy"), StreamGearEndpoint.class).getConfiguration()
                    .toSettings();
            TranscodeSettings transcode = settings.withEncoding(new io.github.streamgear.engine.settings.Encoding(
                    io.github.streamgear.engine.ladder.Rendition.parseList(VodBench.STREAMS),
                    settings.encoding().bitsPerPixel(), "libx264", settings.encoding().preset(),
                    settings.encoding().audioCodec(), settings.encoding().audioBitrate(), 0, 0, List.of()));
            Map<String, List<String>> byName = new LinkedHashMap<>();
            try (FfmpegRunner runner = new FfmpegRunner()) {
                FfmpegBinaries bin = new FfmpegLocator(runner).locate(build.ffmpeg, build.ffprobe);
                Ladder ladder = new LadderPlanner(transcode.encoding().bitsPerPixel()).plan(1280, 720, 30,
                        transcode.encoding().extraRenditions());
                byName.put("best", VodBench.bestCommand(bin.ffmpeg().toString(), source, 30, ladder, transcode,
                        dir(f, "best")));
                byName.put("copy-hand", handCopy(bin.ffmpeg().toString(), source, f, transcode, dir(f, "copy-hand")));
            }
            commands.put(f, byName);
            results.param(f + ".best", String.join(" ", byName.get("best")));
            results.param(f + ".copy-hand", String.join(" ", byName.get("copy-hand")));
        }
        Map<String, Map<String, List<Double>>> wall = new LinkedHashMap<>();
        Map<String, Map<String, List<Double>>> cpu = new LinkedHashMap<>();
        try {
            for (String f : formats) { // warm-up, not counted
                for (String c : CONTENDERS) {
                    run(template, commands, f, c, source);
                }
            }
            // the copied-primary figures mean something only if the source was found fit for it
            String log = java.nio.file.Files.readString(Env.WORK.resolve(System.getProperty("bench.log", "bench.log")));
            if (!log.contains("copyPrimary=auto: the source's")) {
                throw new IllegalStateException("copyPrimary=auto did not copy the primary rendition: see work/bench.log");
            }
            if (!log.contains("the audio is copied as the video is")) {
                throw new IllegalStateException("the route encoded the source's AAC: see work/bench.log");
            }
            for (int round = 0; round < runs; round++) {
                for (String f : formats) {
                    for (int k = 0; k < CONTENDERS.size(); k++) {
                        String name = CONTENDERS.get((round + k) % CONTENDERS.size());
                        Measured m = run(template, commands, f, name, source);
                        wall.computeIfAbsent(f, x -> new LinkedHashMap<>()).computeIfAbsent(name, x -> new ArrayList<>())
                                .add(m.wallMs());
                        cpu.computeIfAbsent(f, x -> new LinkedHashMap<>()).computeIfAbsent(name, x -> new ArrayList<>())
                                .add(m.cpuMs());
                        Map<String, Object> r = new LinkedHashMap<>();
                        r.put("format", f);
                        r.put("round", round);
                        r.put("position", k);
                        r.put("contender", name);
                        r.put("wallMs", m.wallMs());
                        r.put("jvmCpuMs", m.jvmCpuMs());
                        r.put("ffmpegCpuMs", m.childCpuMs());
                        r.put("load1", Env.loadAverage().split(" ")[0]);
                        results.run(r);
                        System.out.printf("   %s round %d %-9s %7.0f ms wall, %6d ms CPU (load %s)%n", f, round, name,
                                m.wallMs(), (long) m.cpuMs(), Env.loadAverage());
                    }
                }
            }
        } finally {
            context.stop();
        }
        for (String f : formats) {
            for (String name : CONTENDERS) {
                List<Double> speedup = Stats.ratios(wall.get(f).get("best"), wall.get(f).get(name));
                List<Double> speedupCpu = Stats.ratios(cpu.get(f).get("best"), cpu.get(f).get(name));
                results.row(f, name, Stats.median(wall.get(f).get(name)) / 1000, Stats.median(cpu.get(f).get(name)) / 1000,
                        Stats.median(speedup), Stats.median(speedupCpu));
                if (name.equals("copy")) {
                    results.target(f + ": packaging only (route, videoCodec=copy) speed-up over the best full transcode,"
                            + " wall (median of rounds)", Stats.median(speedup), "x", 20, true);
                }
                if (name.equals("copied-primary")) {
                    results.target(f + ": copied primary (route, copyPrimary=auto) speed-up over the best full"
                            + " transcode, wall (median of rounds)", Stats.median(speedup), "x", 2, true);
                }
            }
        }
        results.finish();
    }

    private static Measured run(ProducerTemplate template, Map<String, Map<String, List<String>>> commands, String format,
            String contender, Path source) throws Exception {
        Path dir = dir(format, contender);
        if (ROUTES.contains(contender)) {
            Env.deleteTree(dir);
            return Measured.of(() -> template.requestBody("direct:" + contender + "-" + format,
                    source.toFile()));
        }
        Env.cleanDir(Env.WORK.relativize(dir).toString());
        return Measured.command(commands.get(format).get(contender));
    }

    private static Path dir(String format, String contender) {
        return Env.WORK.resolve("copy/" + format + "-" + contender).toAbsolutePath();
    }

    static String uri(String format, String route) {
        String options = route.equals("copy") ? "videoCodec=copy" : "copyPrimary=auto&streams=" + VodBench.STREAMS;
        return "streamgear:" + route + "-" + format + "?format=" + format + "&" + options + "&outputDir="
               + dir(format, route);
    }

    /**
     * What an FFmpeg user writes to package the source: the video and the AAC copied, 4 s segments (as the route does
     * with this source since its audio is copied too; before, both encoded the AAC).
     */
    static List<String> handCopy(String ffmpeg, Path source, String format, TranscodeSettings s, Path dir) {
        List<String> a = Env.args(ffmpeg, "-hide_banner", "-nostdin", "-y", "-loglevel", "warning", "-i", source.toString(),
                "-map", "0:v:0", "-map", "0:a:0", "-c:v", "copy", "-c:a", "copy");
        String seg = Long.toString((long) s.segmenting().segmentDuration());
        if (StreamFormat.parse(format) == StreamFormat.HLS) {
            a.addAll(List.of("-f", "hls", "-hls_time", seg, "-hls_playlist_type", "vod", "-hls_segment_filename",
                    dir.resolve("stream_%v_%05d.ts").toString(), "-master_pl_name", "manifest.m3u8", "-var_stream_map",
                    "v:0,agroup:audio,name:720p a:0,agroup:audio,name:audio", dir.resolve("stream_%v.m3u8").toString()));
        } else {
            a.addAll(List.of("-f", "dash", "-seg_duration", seg, "-adaptation_sets", "id=0,streams=v id=1,streams=a"));
            if (StreamFormat.parse(format) == StreamFormat.CMAF) {
                a.addAll(List.of("-hls_playlist", "1"));
            }
            a.add(dir.resolve("manifest.mpd").toString());
        }
        return a;
    }
}
