package io.github.streamgear.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.streamgear.camel.StreamGearConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Benchmark 10, live sources (issue 18): glass-to-manifest latency and CPU per live channel. Each case runs N channels,
 * each an SRT source ({@link TimestampSource}: FFmpeg in listener mode, the wall-clock capture time of every frame burnt
 * in as a barcode) read by a {@code from("streamgear:chN?videoSource=srt://...&livestream=true&format=dash")} consumer.
 *
 * <p>Latency: a segment is <em>listed</em> when the first MPD message (the consumer's {@code manifest} write) whose
 * SegmentTimeline covers its number enters the route; the route copies the primary rendition's segments aside, and
 * after the run each is decoded and the barcodes of its first and last frames read: latency = listed - captured.
 *
 * <p>CPU: over a steady window (after the first MPD and a warm-up), the CPU time of the component's FFmpeg processes
 * (ingest and transcoder: every descendant of this JVM that is not a source, sampled from {@code /proc} every second)
 * plus this JVM's, divided by the window's wall time and the number of channels. The sources' own CPU (the "camera"
 * encoding 720p) is reported beside it, not counted.
 */
public final class LiveBench {

    private static final Pattern START_NUMBER = Pattern.compile("startNumber=\"(\\d+)\"");
    private static final Pattern S = Pattern.compile("<S\\b([^>]*)/>");
    private static final Pattern R = Pattern.compile("\\br=\"(-?\\d+)\"");

    private LiveBench() {
    }

    /** One case: DASH mode (normal: 2 s segments; ll: lowLatency with 1 s; ll2: lowLatency with 2 s), ladder, channels. */
    record Case(String name, String mode, String ladder, int channels) {

        static Case parse(String s) {
            String[] p = s.trim().split("-");
            return new Case(s.trim(), p[0], p[1], Integer.parseInt(p[2]));
        }

        double segment() {
            return "ll".equals(mode) ? 1 : 2;
        }

        boolean lowLatency() {
            return mode.startsWith("ll");
        }

        int width() {
            return "light".equals(ladder) ? 640 : 1280;
        }

        int height() {
            return "light".equals(ladder) ? 360 : 720;
        }

        /** The extra rungs: the 720p case is the source's size only, the light one 360p + 180p. */
        String streams() {
            return "light".equals(ladder) ? "&streams=320x180" : "";
        }

        String description() {
            return ("normal".equals(mode) ? "DASH 2 s" : "LL-DASH " + (int) segment() + " s") + ", "
                    + ("light".equals(ladder) ? "360p30 + 180p" : "720p30") + ", " + channels + " ch";
        }
    }

    /** What one channel's route saw: when each segment number was first listed, where its copy is. */
    static final class Channel {
        final String name;
        final Path keep;
        final Map<Long, Long> listedAt = new ConcurrentHashMap<>();
        final Map<Long, Long> manifestTimestamp = new ConcurrentHashMap<>();
        volatile long lastListed = -1;
        volatile long firstManifest;

        Channel(String name, Path keep) {
            this.name = name;
            this.keep = keep;
        }
    }

    record Latency(String caseName, String channel, long number, long listedAt, long captureFirst, long captureLast,
            int frames, int unreadable) {

        double first() {
            return (listedAt - captureFirst) / 1000.0;
        }

        double last() {
            return (listedAt - captureLast) / 1000.0;
        }
    }

    public static void run(Bench.Options o) throws Exception {
        int seconds = o.integer("seconds", 24);
        int warmup = o.integer("warmup", 4);
        List<Case> cases = o.list("cases", "normal-720p-1,ll-720p-1,ll2-720p-1,normal-720p-2,normal-light-1,normal-light-2")
                .stream().map(Case::parse).toList();
        Results results = new Results("live", "Live SRT source -> DASH: glass-to-manifest latency and CPU per channel"
                + " (source " + TimestampSource.FPS + " fps, barcode of its wall clock in every frame; preset veryfast)",
                "case", "segments", "first frame -> listed s (median / p95)", "last frame -> listed s (median / p95)",
                "latency drift s/min", "CPU per channel, % of a core (FFmpeg + JVM)", "FFmpeg %", "JVM %",
                "sources % (not counted)", "load (1 min) at end");
        results.param("secondsPerCase", seconds).param("warmupSeconds", warmup)
                .param("sourceCommand", String.join(" ", TimestampSource.command(1280, 720, 9000)));
        List<Latency> all = new ArrayList<>();
        for (Case c : cases) {
            all.addAll(runCase(c, seconds, warmup, results));
        }
        for (Latency l : all) {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("case", l.caseName());
            run.put("channel", l.channel());
            run.put("segment", l.number());
            run.put("listedAtMs", l.listedAt());
            run.put("firstFrameToListedS", l.first());
            run.put("lastFrameToListedS", l.last());
            run.put("frames", l.frames());
            run.put("unreadableFrames", l.unreadable());
            results.run(run);
        }
        results.note("Latency: from the wall-clock time burnt into a frame by the source FFmpeg (as the frame enters its"
                + " filter graph, paced by -re) to the MPD message listing the segment holding it entering the route."
                + " It includes the source's own encoding and SRT (latency 120 ms), the component's ingest and"
                + " transcoder, and the segment's duration (first frame).");
        results.note("CPU: the component's FFmpeg processes (ingest + transcoder) and this JVM over a " + seconds
                + " s steady window, per channel; the sources (testsrc2 + barcode + x264 ultrafast) run on the same 2"
                + " cores and are not counted. The machine is shared: see the load column.");
        results.finish();
    }

    private static List<Latency> runCase(Case c, int seconds, int warmup, Results results) throws Exception {
        Path dir = Env.cleanDir("live/" + c.name());
        List<TimestampSource> sources = new ArrayList<>();
        List<Channel> channels = new ArrayList<>();
        CamelContext context = new DefaultCamelContext();
        context.getShutdownStrategy().setTimeout(30);
        try {
            for (int i = 0; i < c.channels(); i++) {
                int port = freePort();
                sources.add(TimestampSource.serve(c.width(), c.height(), port, dir.resolve("source-" + i + ".log")));
                Channel ch = new Channel("ch" + i, Files.createDirectories(dir.resolve("keep-" + i)));
                channels.add(ch);
                String uri = "streamgear:" + ch.name + "?videoSource=srt://127.0.0.1:" + port + "&livestream=true"
                        + "&format=dash&segmentDuration=" + (int) c.segment() + (c.lowLatency() ? "&lowLatency=true" : "")
                        + c.streams() + "&outputDir=" + dir.resolve("out");
                context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from(uri).routeId(ch.name).process(e -> onMessage(ch, e));
                    }
                });
            }
            context.start();
            long deadline = System.currentTimeMillis() + 90_000;
            while (channels.stream().anyMatch(ch -> ch.lastListed < 0)) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException(c.name() + ": no segment listed within 90 s (see " + dir + ")");
                }
                Thread.sleep(100);
            }
            Thread.sleep(warmup * 1000L);

            CpuSampler cpu = new CpuSampler();
            long a = System.currentTimeMillis();
            long jvmA = Env.selfCpuMillis();
            cpu.sample();
            for (int s = 0; s < seconds; s++) {
                Thread.sleep(1000);
                cpu.sample();
            }
            long b = System.currentTimeMillis();
            long jvm = Env.selfCpuMillis() - jvmA;
            String load = Env.loadAverage();
            double wall = b - a;
            double ffmpegPct = 100.0 * cpu.component() / wall / c.channels();
            double jvmPct = 100.0 * jvm / wall / c.channels();
            double sourcePct = 100.0 * cpu.sources() / wall;

            context.stop(); // finalises the streams
            List<Latency> latencies = new ArrayList<>();
            for (Channel ch : channels) {
                latencies.addAll(decode(c, ch, a, b, dir));
            }
            List<Double> first = latencies.stream().map(Latency::first).toList();
            List<Double> last = latencies.stream().map(Latency::last).toList();
            int unreadable = latencies.stream().mapToInt(Latency::unreadable).sum();
            double drift = drift(latencies);
            results.row(c.description(), latencies.size(), pair(first), pair(last), drift, ffmpegPct + jvmPct, ffmpegPct,
                    jvmPct, sourcePct, load.split(" ")[0]);
            System.out.printf(Locale.ROOT, "   %s: %d segments, first frame -> listed %s s, last %s s, drift %.2f s/min,"
                    + " CPU/channel %.0f %% (FFmpeg %.0f, JVM %.0f), sources %.0f %%, %d unreadable frames, load %s%n",
                    c.description(), latencies.size(), pair(first), pair(last), drift, ffmpegPct + jvmPct, ffmpegPct,
                    jvmPct, sourcePct, unreadable, load);
            return latencies;
        } finally {
            context.stop();
            for (TimestampSource s : sources) {
                s.close();
            }
        }
    }

    /**
     * Least-squares slope of the first-frame latency against the time of listing, in seconds per minute: about 0 when
     * the pipeline keeps up with real time, positive when it falls behind (the machine is short of CPU).
     */
    static double drift(List<Latency> latencies) {
        int n = latencies.size();
        if (n < 2) {
            return Double.NaN;
        }
        double mx = latencies.stream().mapToDouble(l -> l.listedAt() / 1000.0).average().orElse(0);
        double my = latencies.stream().mapToDouble(Latency::first).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        for (Latency l : latencies) {
            double dx = l.listedAt() / 1000.0 - mx;
            sxy += dx * (l.first() - my);
            sxx += dx * dx;
        }
        return sxx == 0 ? Double.NaN : 60 * sxy / sxx;
    }

    private static String pair(List<Double> values) {
        return String.format(Locale.ROOT, "%.2f / %.2f", Stats.median(values), Stats.percentile(values, 95));
    }

    /** The route: MPD versions are read as their message enters; the primary video's segments are copied aside. */
    private static void onMessage(Channel ch, Exchange e) throws Exception {
        long now = System.currentTimeMillis();
        var in = e.getIn();
        if (!"write".equals(in.getHeader(StreamGearConstants.OPERATION))) {
            return;
        }
        String name = in.getHeader(Exchange.FILE_NAME, String.class);
        Path file = in.getBody(java.io.File.class).toPath();
        if ("manifest".equals(in.getHeader(StreamGearConstants.FILE_KIND)) && name.endsWith(".mpd")) {
            Optional<Long> last = lastListed(Files.readString(file));
            if (last.isPresent() && last.get() > ch.lastListed) {
                for (long k = Math.max(ch.lastListed + 1, 0); k <= last.get(); k++) {
                    ch.listedAt.put(k, now);
                    ch.manifestTimestamp.put(k, in.getHeader(StreamGearConstants.TIMESTAMP, Long.class));
                }
                if (ch.lastListed < 0) {
                    ch.firstManifest = now;
                }
                ch.lastListed = last.get();
            }
        } else if (name.matches(".*/(chunk-0-\\d+|init-0)\\.m4s")) {
            Files.copy(file, ch.keep.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The last segment number the MPD lists for the primary video (Representation 0), if any. */
    static Optional<Long> lastListed(String mpd) {
        int from = mpd.indexOf("<Representation id=\"0\"");
        if (from < 0) {
            return Optional.empty();
        }
        int to = mpd.indexOf("</Representation>", from);
        String rep = mpd.substring(from, to < 0 ? mpd.length() : to);
        Matcher start = START_NUMBER.matcher(rep);
        if (!start.find()) {
            return Optional.empty();
        }
        long count = 0;
        Matcher s = S.matcher(rep);
        while (s.find()) {
            Matcher r = R.matcher(s.group(1));
            count += 1 + (r.find() ? Long.parseLong(r.group(1)) : 0);
        }
        return count == 0 ? Optional.empty() : Optional.of(Long.parseLong(start.group(1)) + count - 1);
    }

    /** Latency of each segment listed within [a, b]: its copy decoded, its first and last frames' barcodes read. */
    private static List<Latency> decode(Case c, Channel ch, long a, long b, Path dir) throws Exception {
        List<Latency> out = new ArrayList<>();
        Path init = ch.keep.resolve("init-0.m4s");
        List<Long> numbers = new ArrayList<>(ch.listedAt.keySet());
        Collections.sort(numbers);
        for (long k : numbers) {
            long listed = ch.listedAt.get(k);
            Path segment = ch.keep.resolve(String.format(Locale.ROOT, "chunk-0-%05d.m4s", k));
            if (listed < a || listed > b || !Files.exists(segment)) {
                continue;
            }
            long[] t = TimestampSource.Barcode.read(init, segment, c.width(), c.height(), listed, dir);
            int bad = 0;
            long firstOk = -1;
            long lastOk = -1;
            int firstIndex = -1;
            int lastIndex = -1;
            for (int i = 0; i < t.length; i++) {
                if (t[i] < 0) {
                    bad++;
                } else {
                    if (firstOk < 0) {
                        firstOk = t[i];
                        firstIndex = i;
                    }
                    lastOk = t[i];
                    lastIndex = i;
                }
            }
            if (firstOk < 0) {
                continue;
            }
            // a frame that failed its check is placed from its readable neighbours at the source's frame rate
            long captureFirst = firstOk - firstIndex * 1000L / TimestampSource.FPS;
            long captureLast = lastOk + (t.length - 1 - lastIndex) * 1000L / TimestampSource.FPS;
            out.add(new Latency(c.name(), ch.name, k, listed, captureFirst, captureLast, t.length, bad));
        }
        return out;
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
