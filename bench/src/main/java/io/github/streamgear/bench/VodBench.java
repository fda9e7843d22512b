package io.github.streamgear.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.streamgear.camel.StreamGearEndpoint;
import io.github.streamgear.engine.command.CommandBuilder;
import io.github.streamgear.engine.command.InputGuard;
import io.github.streamgear.engine.command.SourceSpec;
import io.github.streamgear.engine.command.VideoTracks;
import io.github.streamgear.engine.ffmpeg.FfmpegBinaries;
import io.github.streamgear.engine.ffmpeg.FfmpegLocator;
import io.github.streamgear.engine.ffmpeg.FfmpegRunner;
import io.github.streamgear.engine.ladder.Ladder;
import io.github.streamgear.engine.ladder.LadderPlanner;
import io.github.streamgear.engine.ladder.PlannedRendition;
import io.github.streamgear.engine.output.OutputLayout;
import io.github.streamgear.engine.tracks.TrackPlan;
import io.github.streamgear.engine.tracks.TrackPlanner;
import io.github.streamgear.engine.probe.MediaInfo;
import io.github.streamgear.engine.probe.MediaProbe;
import io.github.streamgear.engine.settings.StreamFormat;
import io.github.streamgear.engine.settings.TranscodeSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Benchmark 2, VOD ladder overhead. For DASH, HLS and CMAF, three contenders produce the same ladder from the same
 * source, interleaved round by round (the order rotates so that no contender always runs first):
 * <ol>
 * <li>{@code route}: {@code from("direct:F").to("streamgear:...")}, one exchange per job, its wall time from sending the
 * exchange to the reply (probe, FFmpeg, playlist fix-up, file collection; the CamelContext is already started);</li>
 * <li>{@code own}: the exact FFmpeg command the engine builds for that job ({@link CommandBuilder#forSource}, checked
 * against the command the route logged), run by hand;</li>
 * <li>{@code best}: the FFmpeg command written by hand for the same outputs (same renditions, bitrates, GOP, segments,
 * audio encoded once): no probe, no filters that do nothing, no progress reporting.</li>
 * </ol>
 * Ratios are taken within each round (route/own, own/best) and their median is reported; CPU time (JVM + FFmpeg) is
 * reported beside wall time because it is far less disturbed by other load on the machine.
 */
public final class VodBench {

    static final String STREAMS = "640x360@800k,426x240@400k";

    private VodBench() {
    }

    public static void run(Bench.Options o) throws Exception {
        int runs = o.integer("runs", 5);
        List<String> formats = o.list("formats", "dash,hls,cmaf");
        Path source = Media.vod720p20s();
        String job = "vod-720p30-20s";
        Results results = new Results("vod", "VOD ladder overhead (720p30 20 s + AAC, ladder 720p + " + STREAMS + ")",
                "format", "contender", "wall s (median)", "CPU s (median)", "ratio (median)", "ratio of", "output MB");
        results.param("source", Env.DIR.relativize(source).toString()).param("runs", runs).param("streams", STREAMS);

        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (String f : formats) {
                    from("direct:" + f).to(uri(f));
                }
            }
        });
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        Map<String, Contenders> byFormat = new LinkedHashMap<>();
        try (CommandLog log = new CommandLog()) {
            for (String f : formats) {
                Contenders c = new Contenders(f, source, job, context.getEndpoint(uri(f), StreamGearEndpoint.class));
                byFormat.put(f, c);
                results.param(f + ".own", String.join(" ", c.own));
                results.param(f + ".best", String.join(" ", c.best));
            }
            // warm-up round (JIT, page cache, FFmpeg's libraries): discarded, but used to check the "own" command is exact
            for (Contenders c : byFormat.values()) {
                log.drain();
                c.route(template);
                String routeArgv = log.drain().stream().filter(CommandLog.Started::isFfmpeg).findFirst().orElseThrow().argv();
                String expected = c.own.toString().replace(c.ownDir.toString(), c.routeJobDir().toString());
                if (!routeArgv.equals(expected)) {
                    throw new IllegalStateException("The route ran another command than CommandBuilder builds:\n  route "
                            + routeArgv + "\n  own   " + expected);
                }
                c.own();
                c.best();
            }
            for (int round = 0; round < runs; round++) {
                for (Contenders c : byFormat.values()) {
                    for (int k = 0; k < 3; k++) {
                        int which = (round + k) % 3;
                        log.drain();
                        long sent = System.nanoTime();
                        Measured m = switch (which) {
                            case 0 -> c.route(template);
                            case 1 -> c.own();
                            default -> c.best();
                        };
                        long replied = System.nanoTime();
                        if (which == 0) {
                            c.decompose(sent, replied, log);
                        }
                        String name = List.of("route", "own", "best").get(which);
                        c.add(name, m);
                        Map<String, Object> run = new LinkedHashMap<>();
                        run.put("format", c.format);
                        run.put("round", round);
                        run.put("position", k);
                        run.put("contender", name);
                        run.put("wallMs", m.wallMs());
                        run.put("jvmCpuMs", m.jvmCpuMs());
                        run.put("ffmpegCpuMs", m.childCpuMs());
                        run.put("load1", Env.loadAverage().split(" ")[0]);
                        results.run(run);
                        System.out.printf("   %s round %d %-5s %7.0f ms wall, %6d ms CPU (load %s)%n", c.format, round, name,
                                m.wallMs(), (long) m.cpuMs(), Env.loadAverage());
                    }
                }
            }
        } finally {
            context.stop();
        }

        for (Contenders c : byFormat.values()) {
            List<Double> routeOwn = Stats.ratios(c.wall.get("route"), c.wall.get("own"));
            List<Double> ownBest = Stats.ratios(c.wall.get("own"), c.wall.get("best"));
            List<Double> routeOwnCpu = Stats.ratios(c.cpu.get("route"), c.cpu.get("own"));
            List<Double> ownBestCpu = Stats.ratios(c.cpu.get("own"), c.cpu.get("best"));
            results.row(c.format, "route", Stats.median(c.wall.get("route")) / 1000, Stats.median(c.cpu.get("route")) / 1000,
                    Stats.median(routeOwn), "own (wall)", c.outputMb(c.routeJobDir()));
            results.row(c.format, "own", Stats.median(c.wall.get("own")) / 1000, Stats.median(c.cpu.get("own")) / 1000,
                    Stats.median(ownBest), "best (wall)", c.outputMb(c.ownDir));
            results.row(c.format, "best", Stats.median(c.wall.get("best")) / 1000, Stats.median(c.cpu.get("best")) / 1000,
                    1.0, "", c.outputMb(c.bestDir));
            results.row(c.format, "route CPU", "", "", Stats.median(routeOwnCpu), "own (CPU)", "");
            results.row(c.format, "own CPU", "", "", Stats.median(ownBestCpu), "best (CPU)", "");
            results.row(c.format, "route: before FFmpeg ms", Stats.median(c.before), "", "", "probe, plan", "");
            results.row(c.format, "route: after FFmpeg ms", Stats.median(c.after), "", "", "playlists, files", "");
            results.row(c.format, "route / its FFmpeg", "", "", Stats.median(c.sameRun), "same run", "");
            results.target(c.format + ": route / own command, wall (median of rounds)", Stats.median(routeOwn), "x", 1.03, false);
            results.target(c.format + ": route / its own FFmpeg process, same run (median)", Stats.median(c.sameRun), "x",
                    1.03, false);
            results.target(c.format + ": own command / best hand-written, wall", Stats.median(ownBest), "x", 1.05, false);
        }
        results.finish();
    }

    static String uri(String format) {
        return "streamgear:vod-" + format + "?format=" + format + "&streams=" + STREAMS + "&outputDir="
                + Env.WORK.resolve("vod/route/" + format);
    }

    /** The three contenders of one format, with their measurements. */
    static final class Contenders {
        final List<Double> before = new ArrayList<>();
        final List<Double> after = new ArrayList<>();
        final List<Double> sameRun = new ArrayList<>();
        final String format;
        final File source;
        final String job;
        final StreamGearEndpoint endpoint;
        final Path ownDir;
        final Path bestDir;
        final List<String> own;
        final List<String> best;
        final Map<String, List<Double>> wall = new LinkedHashMap<>();
        final Map<String, List<Double>> cpu = new LinkedHashMap<>();

        Contenders(String format, Path source, String job, StreamGearEndpoint endpoint) {
            this.format = format;
            this.source = source.toFile();
            this.job = job;
            this.endpoint = endpoint;
            this.ownDir = Env.WORK.resolve("vod/own/" + format).toAbsolutePath();
            this.bestDir = Env.WORK.resolve("vod/best/" + format).toAbsolutePath();
            TranscodeSettings settings = endpoint.getConfiguration().toSettings();
            try (FfmpegRunner runner = new FfmpegRunner()) {
                FfmpegBinaries bin = new FfmpegLocator(runner).locate(endpoint.getConfiguration().getFfmpegPath(),
                        endpoint.getConfiguration().getFfprobePath());
                SourceSpec spec = SourceSpec.file(source);
                MediaInfo media = new MediaProbe(bin, runner).probe(InputGuard.options(spec, settings.input()),
                        spec.location());
                Ladder ladder = new LadderPlanner(settings.encoding().bitsPerPixel()).plan(media.width(), media.height(),
                        media.fps(), settings.encoding().extraRenditions());
                TrackPlan tracks = new TrackPlanner(settings.tracks(), settings.encoding()).plan(media, List.of());
                OutputLayout layout = new OutputLayout(settings.segmenting(), ladder, tracks);
                this.own = CommandBuilder.forSource(bin.ffmpeg(), spec, media, ladder, tracks, layout, settings);
                this.best = bestCommand(bin.ffmpeg().toString(), source, media.fps(), ladder, settings, bestDir);
            }
        }

        Path routeJobDir() {
            return Path.of(endpoint.getConfiguration().getOutputDir()).resolve(job).toAbsolutePath();
        }

        Measured route(ProducerTemplate template) throws Exception {
            Env.deleteTree(routeJobDir());
            return Measured.of(() -> template.requestBody("direct:" + format, source));
        }

        Measured own() throws Exception {
            Env.cleanDir(Env.WORK.relativize(ownDir).toString());
            return Measured.command(own, ownDir);
        }

        Measured best() throws Exception {
            Env.cleanDir(Env.WORK.relativize(bestDir).toString());
            return Measured.command(best);
        }

        /**
         * Splits a route run at its FFmpeg process's start and end (the engine's DEBUG lines): the time before (probe,
         * ladder, command) and after it (playlist fix-up, file collection, reply), and the route's wall time over that
         * FFmpeg's, measured in the same run and so immune to the load changing between runs.
         */
        void decompose(long sent, long replied, CommandLog log) {
            CommandLog.Ended end = log.ended().stream().filter(CommandLog.Ended::isFfmpeg).reduce((a, b) -> b).orElseThrow();
            CommandLog.Started start = log.drain().stream().filter(CommandLog.Started::isFfmpeg).findFirst().orElseThrow();
            before.add((start.nanos() - sent) / 1e6);
            after.add((replied - end.nanos()) / 1e6);
            sameRun.add((double) (replied - sent) / (end.nanos() - start.nanos()));
        }

        void add(String contender, Measured m) {
            wall.computeIfAbsent(contender, k -> new ArrayList<>()).add(m.wallMs());
            cpu.computeIfAbsent(contender, k -> new ArrayList<>()).add(m.cpuMs());
        }

        double outputMb(Path dir) throws IOException {
            try (Stream<Path> files = Files.walk(dir)) {
                return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum() / 1e6;
            }
        }
    }

    /**
     * The command an FFmpeg user would write for the same outputs: decode once, split, scale only the rungs that change
     * size, the same encoder settings and rate control per rung, fixed GOP of 2 s (so keyframes fall on every 4 s
     * segment boundary of a constant-frame-rate source without {@code -force_key_frames}), audio encoded once and shared.
     */
    static List<String> bestCommand(String ffmpeg, Path source, double fps, Ladder ladder, TranscodeSettings s, Path dir) {
        List<PlannedRendition> rungs = ladder.renditions();
        StringBuilder graph = new StringBuilder("[0:v]split=" + rungs.size());
        for (PlannedRendition r : rungs) {
            graph.append(r.index() == 0 ? "[v0]" : "[in" + r.index() + "]");
        }
        for (PlannedRendition r : rungs.subList(1, rungs.size())) {
            graph.append(";[in").append(r.index()).append("]scale=").append(r.width()).append(':').append(r.height())
                    .append("[v").append(r.index()).append(']');
        }
        List<String> a = Env.args(ffmpeg, "-hide_banner", "-nostdin", "-y", "-loglevel", "warning", "-i", source.toString(),
                "-filter_complex", graph.toString());
        for (PlannedRendition r : rungs) {
            a.addAll(List.of("-map", "[v" + r.index() + "]"));
        }
        a.addAll(List.of("-map", "0:a:0", "-c:v", "libx264", "-preset", s.encoding().preset()));
        for (PlannedRendition r : rungs) {
            a.addAll(List.of("-b:v:" + r.index(), r.bitrateKbps() + "k", "-maxrate:v:" + r.index(), r.maxrateKbps() + "k",
                    "-bufsize:v:" + r.index(), r.bufsizeKbits() + "k"));
        }
        String gop = Integer.toString(VideoTracks.gop(s, fps));
        a.addAll(List.of("-g", gop, "-keyint_min", gop, "-sc_threshold", "0", "-c:a", s.encoding().audioCodec(), "-b:a",
                s.encoding().audioBitrate()));
        String seg = Long.toString((long) s.segmenting().segmentDuration());
        if (s.segmenting().format() == StreamFormat.HLS) {
            StringBuilder map = new StringBuilder();
            for (PlannedRendition r : rungs) {
                map.append("v:").append(r.index()).append(",agroup:audio,name:").append(r.name()).append(' ');
            }
            map.append("a:0,agroup:audio,name:audio");
            a.addAll(List.of("-f", "hls", "-hls_time", seg, "-hls_playlist_type", "vod", "-hls_segment_filename",
                    dir.resolve("stream_%v_%05d.ts").toString(), "-master_pl_name", "manifest.m3u8", "-var_stream_map",
                    map.toString(), dir.resolve("stream_%v.m3u8").toString()));
        } else {
            a.addAll(List.of("-f", "dash", "-seg_duration", seg, "-adaptation_sets", "id=0,streams=v id=1,streams=a"));
            if (s.segmenting().format() == StreamFormat.CMAF) {
                a.addAll(List.of("-hls_playlist", "1"));
            }
            a.add(dir.resolve("manifest.mpd").toString());
        }
        return a;
    }
}
