package io.github.streamgear.bench;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.streamgear.camel.StreamGearConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * Benchmark 5, publish delay. A live CMAF session (frames paced in real time, 1 s segments) is published by a
 * {@code from("streamgear:NAME")} consumer route to a folder ({@code file:}) or to S3 ({@code aws2-s3:} against s3proxy
 * in-process). For every segment: the delay from FFmpeg closing it (the segment file's modification time: FFmpeg writes
 * {@code NAME.tmp}, closes it and renames it) to its message entering the route, and to its message leaving the route
 * (after the sink took it). Sessions alternate between the sinks.
 */
public final class PublishBench {

    private static final String KEY = "bench-key";
    private static final String SECRET = "bench-secret";
    private static final int FPS = 25;

    private PublishBench() {
    }

    /** One segment's delays, in ms after its file's modification time. */
    record Delay(String sink, int run, String file, double watcher, double entry, double exit) {
    }

    public static void run(Bench.Options o) throws Exception {
        int runs = o.integer("runs", 2);
        int seconds = o.integer("seconds", 30);
        int width = o.integer("width", 640);
        int height = o.integer("height", 360);
        List<String> sinks = o.list("sinks", "file,s3");
        Results results = new Results("publish", "Publish delay: live CMAF, 1 s segments, " + width + "x" + height + " + "
                + "320x180 @ " + FPS + " fps (ultrafast), FFmpeg closing a segment -> its message", "sink", "segments",
                "to watcher ms (median/p95)", "to route entry ms (median/p95)", "to route exit ms (median)",
                "to route exit ms (p95)", "max ms");
        results.param("runs", runs).param("secondsPerSession", seconds);

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        S3Proxy s3 = S3Proxy.builder().blobStore(new TransientNio2BlobStore()).endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, KEY, SECRET).build();
        s3.start();
        while (!"STARTED".equals(s3.getState())) {
            Thread.sleep(10);
        }

        List<Delay> delays = Collections.synchronizedList(new ArrayList<>());
        int[] current = { -1 };
        Path fileSink = Env.cleanDir("publish/sink");
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("streamgear:pub-file").process(e -> enter(e))
                        .choice().when(header(StreamGearConstants.OPERATION).isEqualTo("write"))
                            .to("file:" + fileSink)
                        .otherwise()
                            .process(e -> Files.deleteIfExists(fileSink.resolve(e.getIn().getHeader(Exchange.FILE_NAME, String.class))))
                        .end()
                        .process(e -> leave(e, "file", current[0], delays));
                from("streamgear:pub-s3?keyPrefix=live/&s3DeleteOperation=true").process(e -> enter(e))
                        .to("aws2-s3://media?accessKey=RAW(" + KEY + ")&secretKey=RAW(" + SECRET + ")&region=us-east-1"
                            + "&overrideEndpoint=true&uriEndpointOverride=http://127.0.0.1:" + port
                            + "&forcePathStyle=true&autoCreateBucket=true")
                        .process(e -> leave(e, "s3", current[0], delays));
            }
        });
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        List<byte[]> frames = Media.frames(width, height, FPS);
        try {
            for (int round = -1; round < runs; round++) { // round -1: a short warm-up session per sink, not counted
                for (String sink : sinks) {
                    current[0] = round < 0 ? -1 : round;
                    Endpoint producer = context.getEndpoint("streamgear:pub-" + sink + "?frameWidth=" + width + "&frameHeight="
                            + height + "&inputFramerate=" + FPS + "&preset=ultrafast&streams=320x180&format=cmaf"
                            + "&livestream=true&segmentDuration=1&outputDir=" + Env.WORK.resolve("publish/out"));
                    String job = sink + "-" + (round + 1);
                    Env.deleteTree(Env.WORK.resolve("publish/out/" + job));
                    int n = (round < 0 ? 8 : seconds) * FPS;
                    long start = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        long wait = start + TimeUnit.MILLISECONDS.toNanos(i * 1000L / FPS) - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        template.sendBodyAndHeader(producer, frames.get(i % frames.size()), StreamGearConstants.JOB_ID, job);
                    }
                    template.requestBodyAndHeaders(producer, null,
                            Map.of(StreamGearConstants.JOB_ID, job, StreamGearConstants.END_OF_STREAM, true));
                    Thread.sleep(2000); // the last files reach the sink
                    if (round >= 0) {
                        List<Delay> mine = delays.stream().filter(d -> d.sink.equals(sink) && d.run == current[0]).toList();
                        System.out.printf("   %s round %d: %d segments, exit delay median %.1f ms, p95 %.1f ms (load %s)%n", sink,
                                round, mine.size(), Stats.median(exits(mine)), Stats.percentile(exits(mine), 95),
                                Env.loadAverage());
                    }
                }
            }
        } finally {
            context.stop();
            s3.stop();
        }

        for (Delay d : delays) {
            if (d.run >= 0) {
                Map<String, Object> run = new LinkedHashMap<>();
                run.put("sink", d.sink);
                run.put("round", d.run);
                run.put("file", d.file);
                run.put("watcherMs", d.watcher);
                run.put("entryMs", d.entry);
                run.put("exitMs", d.exit);
                results.run(run);
            }
        }
        for (String sink : sinks) {
            List<Delay> mine = delays.stream().filter(d -> d.sink.equals(sink) && d.run >= 0).toList();
            List<Double> watcher = mine.stream().map(Delay::watcher).toList();
            List<Double> entry = mine.stream().map(Delay::entry).toList();
            results.row(sink, mine.size(), String.format(java.util.Locale.ROOT, "%.1f / %.1f", Stats.median(watcher),
                            Stats.percentile(watcher, 95)),
                    String.format(java.util.Locale.ROOT, "%.1f / %.1f", Stats.median(entry), Stats.percentile(entry, 95)),
                    Stats.median(exits(mine)), Stats.percentile(exits(mine), 95), Stats.max(exits(mine)));
            results.target(sink + " sink: segment closed -> message leaves the route, p95", Stats.percentile(exits(mine), 95),
                    "ms", 100, false);
        }
        results.note("Delays are measured from the segment file's modification time, which the kernel stamps from a"
                + " coarse clock (up to one tick, 1-4 ms, early): they are upper bounds by that much.");
        results.finish();
    }

    private static List<Double> exits(List<Delay> delays) {
        return delays.stream().map(Delay::exit).toList();
    }

    private static double sinceMtime(Instant t, long mtimeNanos) {
        return (t.getEpochSecond() * 1_000_000_000L + t.getNano() - mtimeNanos) / 1e6;
    }

    /** First step of the route: when a segment's message entered it, and the segment file's modification time. */
    private static void enter(Exchange e) throws Exception {
        Instant now = Instant.now();
        if ("segment".equals(e.getIn().getHeader(StreamGearConstants.FILE_KIND)) && "write".equals(
                e.getIn().getHeader(StreamGearConstants.OPERATION))) {
            File file = e.getIn().getBody(File.class);
            long mtime = Files.getLastModifiedTime(file.toPath()).to(TimeUnit.NANOSECONDS);
            e.setProperty("bench.mtime", mtime);
            e.setProperty("bench.entry", now);
        }
    }

    /** Last step of the route: the sink took the file. */
    private static void leave(Exchange e, String sink, int run, List<Delay> delays) {
        Instant now = Instant.now();
        Long mtime = e.getProperty("bench.mtime", Long.class);
        if (mtime == null || run < 0) {
            return;
        }
        long watcherMillis = e.getIn().getHeader(StreamGearConstants.TIMESTAMP, Long.class);
        delays.add(new Delay(sink, run, e.getIn().getHeader(Exchange.FILE_NAME, String.class),
                sinceMtime(Instant.ofEpochMilli(watcherMillis), mtime), sinceMtime(e.getProperty("bench.entry", Instant.class), mtime),
                sinceMtime(now, mtime)));
    }
}
