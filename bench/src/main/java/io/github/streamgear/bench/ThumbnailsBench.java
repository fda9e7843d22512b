package io.github.streamgear.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Benchmark 7, what thumbnails cost. For each format, three routes produce the same ladder from the same source,
 * interleaved round by round (the order rotates): {@code off}, the plain job; {@code on}, the same job with
 * {@code thumbnails=true} (tiles in the same FFmpeg run, the WebVTT track and manifest entries at the end); {@code all},
 * with {@code poster=true} too and, for HLS and CMAF, {@code iframePlaylists=true} (read from the segments at the end).
 * Each wall time is the route's, from sending the exchange to the reply; the ratios to {@code off} are taken within each
 * round and their median is reported, with CPU time (JVM + FFmpeg) beside it.
 */
public final class ThumbnailsBench {

    static final List<String> CONTENDERS = List.of("off", "on", "all");

    private ThumbnailsBench() {
    }

    public static void run(Bench.Options o) throws Exception {
        int runs = o.integer("runs", 5);
        List<String> formats = o.list("formats", "dash,hls");
        Path source = Media.vod720p20s();
        Results results = new Results("thumbnails", "Thumbnails on vs off (720p30 20 s + AAC, ladder 720p + "
                + VodBench.STREAMS + ", thumbnails at their defaults: every 5 s, 320 wide, 5x5; all: and poster, I-frame playlists)",
                "format", "contender", "wall s (median)", "CPU s (median)", "ratio to off, wall (median)",
                "ratio to off, CPU (median)");
        results.param("source", Env.DIR.relativize(source).toString()).param("runs", runs);
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (String f : formats) {
                    for (String c : CONTENDERS) {
                        from("direct:" + f + "-" + c).to(uri(f, c));
                    }
                }
            }
        });
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        Map<String, Map<String, List<Double>>> wall = new LinkedHashMap<>();
        Map<String, Map<String, List<Double>>> cpu = new LinkedHashMap<>();
        try {
            for (String f : formats) { // warm-up, not counted
                for (String c : CONTENDERS) {
                    route(template, f, c);
                }
            }
            for (int round = 0; round < runs; round++) {
                for (String f : formats) {
                    for (int k = 0; k < CONTENDERS.size(); k++) {
                        String name = CONTENDERS.get((round + k) % CONTENDERS.size());
                        Measured m = route(template, f, name);
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
                        System.out.printf("   %s round %d %-3s %7.0f ms wall, %6d ms CPU (load %s)%n", f, round, name,
                                m.wallMs(), (long) m.cpuMs(), Env.loadAverage());
                    }
                }
            }
        } finally {
            context.stop();
        }
        for (String f : formats) {
            for (String name : CONTENDERS) {
                List<Double> ratio = Stats.ratios(wall.get(f).get(name), wall.get(f).get("off"));
                List<Double> ratioCpu = Stats.ratios(cpu.get(f).get(name), cpu.get(f).get("off"));
                boolean off = name.equals("off");
                results.row(f, name, Stats.median(wall.get(f).get(name)) / 1000, Stats.median(cpu.get(f).get(name)) / 1000,
                        off ? "" : Stats.median(ratio), off ? "" : Stats.median(ratioCpu));
                if (name.equals("on")) {
                    results.target(f + ": thumbnails on / off, wall (median of rounds)", Stats.median(ratio), "x", 1.05,
                            false);
                    results.target(f + ": thumbnails on / off, CPU (median of rounds)", Stats.median(ratioCpu), "x", 1.05,
                            false);
                }
            }
        }
        results.finish();
    }

    private static Measured route(ProducerTemplate template, String format, String contender) throws Exception {
        Env.deleteTree(Env.WORK.resolve("thumbnails/" + format + "-" + contender));
        return Measured.of(() -> template.requestBody("direct:" + format + "-" + contender, Media.vod720p20s().toFile()));
    }

    static String uri(String format, String contender) {
        String uri = "streamgear:thumbs-" + format + "-" + contender + "?format=" + format + "&streams=" + VodBench.STREAMS
                     + "&outputDir=" + Env.WORK.resolve("thumbnails/" + format + "-" + contender);
        if (!contender.equals("off")) {
            uri += "&thumbnails=true";
        }
        if (contender.equals("all")) {
            uri += "&poster=true" + (format.equals("dash") ? "" : "&iframePlaylists=true");
        }
        return uri;
    }
}
