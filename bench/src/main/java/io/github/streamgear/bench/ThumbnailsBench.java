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
 * Benchmark 7, what thumbnails cost. For each format, two routes produce the same ladder from the same source,
 * interleaved round by round (the order alternates): {@code off}, the plain job, and {@code on}, the same job with
 * {@code thumbnails=true&poster=true} (tiles and poster in the same FFmpeg run, the WebVTT track and manifest entries at
 * the end) and, for HLS and CMAF, {@code iframePlaylists=true} (read from the segments at the end). Each wall time is
 * the route's, from sending the exchange to the reply; the ratio on/off is taken within each round and its median is
 * reported, with CPU time (JVM + FFmpeg) beside it.
 */
public final class ThumbnailsBench {

    private ThumbnailsBench() {
    }

    public static void run(Bench.Options o) throws Exception {
        int runs = o.integer("runs", 5);
        List<String> formats = o.list("formats", "dash,hls");
        Path source = Media.vod720p20s();
        Results results = new Results("thumbnails", "Thumbnails on vs off (720p30 20 s + AAC, ladder 720p + "
                + VodBench.STREAMS + ", thumbnails at their defaults: every 5 s, 320 wide, 5x5; poster)",
                "format", "contender", "wall s (median)", "CPU s (median)", "ratio on/off wall (median)",
                "ratio on/off CPU (median)");
        results.param("source", Env.DIR.relativize(source).toString()).param("runs", runs);
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (String f : formats) {
                    from("direct:" + f + "-off").to(uri(f, false));
                    from("direct:" + f + "-on").to(uri(f, true));
                }
            }
        });
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        Map<String, Map<String, List<Double>>> wall = new LinkedHashMap<>();
        Map<String, Map<String, List<Double>>> cpu = new LinkedHashMap<>();
        try {
            for (String f : formats) { // warm-up, not counted
                route(template, f, false);
                route(template, f, true);
            }
            for (int round = 0; round < runs; round++) {
                for (String f : formats) {
                    for (int k = 0; k < 2; k++) {
                        boolean on = (round + k) % 2 == 1;
                        Measured m = route(template, f, on);
                        String name = on ? "on" : "off";
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
            List<Double> ratio = Stats.ratios(wall.get(f).get("on"), wall.get(f).get("off"));
            List<Double> ratioCpu = Stats.ratios(cpu.get(f).get("on"), cpu.get(f).get("off"));
            for (String name : List.of("off", "on")) {
                results.row(f, name, Stats.median(wall.get(f).get(name)) / 1000, Stats.median(cpu.get(f).get(name)) / 1000,
                        name.equals("on") ? Stats.median(ratio) : "", name.equals("on") ? Stats.median(ratioCpu) : "");
            }
            results.target(f + ": thumbnails on / off, wall (median of rounds)", Stats.median(ratio), "x", 1.05, false);
        }
        results.finish();
    }

    private static Measured route(ProducerTemplate template, String format, boolean on) throws Exception {
        Env.deleteTree(Env.WORK.resolve("thumbnails/" + format + (on ? "-on" : "-off")));
        return Measured.of(() -> template.requestBody("direct:" + format + (on ? "-on" : "-off"),
                Media.vod720p20s().toFile()));
    }

    static String uri(String format, boolean on) {
        String uri = "streamgear:thumbs-" + format + (on ? "-on" : "-off") + "?format=" + format + "&streams="
                     + VodBench.STREAMS + "&outputDir=" + Env.WORK.resolve("thumbnails/" + format + (on ? "-on" : "-off"));
        if (on) {
            uri += "&thumbnails=true&poster=true" + (format.equals("dash") ? "" : "&iframePlaylists=true");
        }
        return uri;
    }
}
