package io.github.streamgear.camel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.streamgear.testing.LogCapture;
import io.github.streamgear.testing.ManifestConformance;
import io.github.streamgear.testing.SourceServer;
import io.github.streamgear.testing.StreamInspector;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18, "sources drop; the stream must not": a live network source that goes away while its stream runs, against
 * real servers on 127.0.0.1. The source server is taken down for longer than the stall timeout and comes back: the
 * stream goes on with the same FFmpeg (numbering, timeline), the manifests stay valid, the consumer hears sourceLost and
 * sourceResumed, the health check reports the stream DOWN during the gap. A source that stays away ends the stream after
 * sourceLostLimit, finalised as when a source ends. No FFmpeg is left behind.
 * <p>
 * The two cases run at the same time (each its own CamelContext, health check, folder, port and log capture): both
 * mostly wait in real time for a source that is away. Each checks for its own leftover FFmpeg (run in its folder or
 * naming its source) and reads only its own stream's log lines; once both have ended no FFmpeg may be left at all.
 * {@code @Execution(CONCURRENT)} is on the cases, not on the class: on the class it would let other classes run
 * beside this one (see src/test/resources/junit-platform.properties).
 */
class LiveSourceReconnectTest extends CamelTestSupport {

    /** 1 s segments; old segments stay on disk (extraWindowSize) so that the whole timeline can be checked at the end. */
    private static final String LIVE = "&livestream=true&segmentDuration=1&windowSize=4&extraWindowSize=60"
            + "&preset=ultrafast&progressInterval=0&sourceStallTimeout=2s&sourceLostGrace=1s";
    private static final long GAP_MS = 5_000;
    private static final long WAIT_MS = 60_000;
    /**
     * An audio segment may start up to this much after the one before ended: seen once (0.17 s) early in a stream, before
     * any gap, on a machine so loaded that the real-time source fell behind; a gap left in the timeline would be seconds.
     */
    private static final double AUDIO_TOLERANCE = 0.25;
    private static final Pattern NUMBER = Pattern.compile("(\\d+)\\.(ts|m4s)$");

    @TempDir
    Path out;

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> servers = new ArrayList<>();

    @AfterEach
    void stopServers() throws Exception {
        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    @AfterAll
    static void noFfmpegLeftByAnyCase() {
        assertEquals(List.of(), SourceServer.componentFfmpeg(), "no FFmpeg of the component left once both cases ended");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void srtSourceKilledAndRestartedTheStreamGoesOn() throws Exception {
        int port = SourceServer.freePort();
        String secret = "s3cretPassphrase42";
        SourceServer server = SourceServer.serve("-f mpegts srt://127.0.0.1:" + port + "?mode=listener&passphrase="
                + secret + "&pbkeylen=16", out.resolve("server.log"));
        servers.add(server);
        LogCapture logs = new LogCapture();
        logs.attach(Level.DEBUG);
        Path dir = out.resolve("cam");
        Path playlist = dir.resolve("stream_180p.m3u8");
        try {
            addRoute("streamgear:cam?format=hls&outputDir=" + out + LIVE + "&sourceLostLimit=60s&videoSource=RAW(srt://"
                    + "127.0.0.1:" + port + "?passphrase=" + secret + "&pbkeylen=16)", "cam");
            await(() -> mediaSequence(playlist) >= 2, "the live window advances");
            assertEquals(HealthCheck.State.UP, liveness().getState(), "UP while the source sends");
            long lastBefore = lastNumber(playlist);

            server.downFor(GAP_MS);
            long down = System.currentTimeMillis();
            await(() -> events.contains("sourceLost"), "the consumer hears sourceLost");
            await(() -> liveness().getState() == HealthCheck.State.DOWN, "the health check reports the stream DOWN"
                    + " after sourceLostGrace");
            String health = String.valueOf(liveness().getMessage().orElse(""));
            assertTrue(health.contains("lost for") && !health.contains(secret), health);
            await(() -> events.contains("sourceResumed"), "the consumer hears sourceResumed");
            long resumed = System.currentTimeMillis();
            System.out.printf("[reconnect] source down %d ms, resumed %d ms after it was back%n", GAP_MS,
                    resumed - down - GAP_MS);
            long sequence = mediaSequence(playlist);
            await(() -> mediaSequence(playlist) >= sequence + 3 && lastNumber(playlist) >= lastBefore + 4,
                    "the window advances after the gap");
            assertEquals(HealthCheck.State.UP, liveness().getState(), "UP again");
            ManifestConformance.assertHlsConforms(dir.resolve("manifest.m3u8"));
            assertListedFilesExist(dir);
            assertFalse(Files.readString(playlist).contains("#EXT-X-ENDLIST"), "still live");

            context.getRouteController().stopRoute("cam");
        } finally {
            logs.detach();
        }
        assertEquals(List.of(), SourceServer.componentFfmpeg(out, "127.0.0.1:" + port), "no FFmpeg of the component left");
        assertTrue(Files.readString(playlist).contains("#EXT-X-ENDLIST"), "finalised by the route stop");
        ManifestConformance.assertHlsConforms(dir.resolve("manifest.m3u8"));
        assertListedFilesExist(dir);
        assertTrue(events.indexOf("sourceLost") < events.indexOf("sourceResumed"), "lost, then resumed: " + events);
        assertEquals(1, events.stream().filter("sourceLost"::equals).count(), "one loss: " + events);
        assertContinuous(dir);

        List<String> all = new ArrayList<>();
        for (Level level : List.of(Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR)) {
            all.addAll(logs.lines(level, ""));
        }
        assertEquals(List.of(), all.stream().filter(l -> l.contains(secret)).toList(), "the passphrase is in no log line");
        assertTrue(all.stream().anyMatch(l -> l.contains("lost srt://127.0.0.1:" + port + "?passphrase=xxxxxx")), "the"
                + " loss is logged, the source masked");
    }

    /**
     * A UDP sender that stops: nothing tells the ingest, so the stall timeout finds it; it never comes back, and the
     * stream is finalised after sourceLostLimit (a static MPD) and reported to the route's exception handler.
     */
    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void udpSourceGoneForGoodIsFinalisedAfterTheLimit() throws Exception {
        int port = SourceServer.freePort();
        SourceServer server = SourceServer.serve("-f mpegts udp://127.0.0.1:" + port + "?pkt_size=1316",
                out.resolve("server.log"));
        servers.add(server);
        LogCapture logs = new LogCapture();
        logs.attach(Level.DEBUG);
        Path mpd = out.resolve("gone/manifest.mpd");
        try {
            addRoute("streamgear:gone?format=dash&outputDir=" + out + LIVE + "&sourceLostLimit=4s&videoSource=udp://"
                    + "127.0.0.1:" + port, "gone");
            await(() -> startNumber(mpd) >= 2, "the live window advances");
            server.downFor(WAIT_MS * 10);
            long down = System.currentTimeMillis();
            await(() -> read(mpd).contains("type=\"static\""), "the MPD is finalised after sourceLostLimit");
            long finalised = System.currentTimeMillis() - down;
            System.out.printf("[reconnect] source gone for good: finalised %d ms after it stopped%n", finalised);
            assertTrue(finalised >= 4_000, "not before the limit: " + finalised + " ms");
            await(() -> SourceServer.componentFfmpeg(out, "127.0.0.1:" + port).isEmpty(), "FFmpeg exited");
            // the capture hears the other case too: only this stream's lines count
            await(() -> logs.lines(Level.WARN, "stayed lost for longer than sourceLostLimit").stream()
                    .anyMatch(l -> l.contains("Live source gone:")), "the route's exception handler hears of it");
            assertEquals(HealthCheck.State.DOWN, liveness().getState(), "a stream whose source was given up is DOWN");
            assertTrue(events.contains("sourceLost"), events.toString());
            assertFalse(events.contains("sourceResumed"), events.toString());
            assertTrue(logs.lines(Level.WARN, "nothing came for 2 s").stream().filter(l -> l.contains("Live source gone:"))
                    .count() >= 1, "the stall was found");
            ManifestConformance.assertMpdValid(mpd);
            for (StreamInspector.Track t : StreamInspector.readDash(mpd)) {
                assertTrue(t.segments().stream().allMatch(Files::exists), "listed segments exist: " + t);
            }
            context.getRouteController().stopRoute("gone");
        } finally {
            logs.detach();
        }
        assertEquals(List.of(), SourceServer.componentFfmpeg(out, "127.0.0.1:" + port));
    }

    // ---- helpers

    private void addRoute(String uri, String name) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId(name).process(e -> {
                    String op = e.getIn().getHeader(StreamGearConstants.OPERATION, String.class);
                    events.add(op.startsWith("source") ? op : op + " " + e.getIn().getHeader(StreamGearConstants.FILE_NAME));
                });
            }
        });
    }

    private HealthCheck.Result liveness() {
        Collection<HealthCheck.Result> results = HealthCheckHelper.invokeLiveness(context);
        return results.stream().filter(r -> "streamgear".equals(r.getCheck().getId())).findFirst()
                .orElseThrow(() -> new AssertionError("no streamgear health check in " + results));
    }

    /** Every playlist the master lists, and every file each of them lists, is on disk (a live playlist, no ENDLIST). */
    private static void assertListedFilesExist(Path dir) throws Exception {
        List<String> playlists = listed(dir.resolve("manifest.m3u8"));
        assertFalse(playlists.isEmpty(), "the master lists playlists");
        for (String name : playlists) {
            Path playlist = dir.resolve(name);
            assertTrue(Files.exists(playlist), "listed playlist exists: " + name);
            List<String> files = listed(playlist);
            assertFalse(files.isEmpty(), "segments listed in " + name);
            for (String file : files) {
                assertTrue(Files.exists(dir.resolve(file)), name + " lists " + file + ", which is on disk");
            }
        }
    }

    /** The URIs a playlist lists: its URI lines and URI="..." attributes (init segments, audio playlists). */
    private static List<String> listed(Path playlist) throws IOException {
        List<String> uris = new ArrayList<>();
        Matcher attribute = Pattern.compile("URI=\"([^\"]+)\"").matcher("");
        for (String line : Files.readAllLines(playlist)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                uris.add(line.trim());
            } else if (attribute.reset(line).find()) {
                uris.add(attribute.group(1));
            }
        }
        return uris;
    }

    /**
     * The segments on disk of each playlist are numbered without a hole, each starts where the one before ended, and the
     * audio segment of each number starts with the video segment of that number: the gap was cut out of the timeline,
     * not left in it, and audio and video stayed together across it.
     */
    private static void assertContinuous(Path dir) throws Exception {
        List<TreeMap<Long, Double>> starts = new ArrayList<>();
        for (String playlist : listed(dir.resolve("manifest.m3u8"))) {
            if (playlist.endsWith(".m3u8")) {
                starts.add(assertContinuous(dir, playlist.substring(0, playlist.length() - ".m3u8".length())));
            }
        }
        assertEquals(2, starts.size(), "a video and an audio playlist");
        TreeMap<Long, Double> video = starts.get(0);
        TreeMap<Long, Double> audio = starts.get(1);
        for (var e : video.entrySet()) {
            if (audio.containsKey(e.getKey())) {
                assertEquals(e.getValue(), audio.get(e.getKey()), 0.1, "audio and video segment " + e.getKey()
                        + " start together");
            }
        }
    }

    private static TreeMap<Long, Double> assertContinuous(Path dir, String prefix) throws Exception {
        TreeMap<Long, Path> segments = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.toString().endsWith(".ts")).forEach(f -> {
                Matcher m = NUMBER.matcher(f.getFileName().toString());
                if (m.find()) {
                    segments.put(Long.parseLong(m.group(1)), f);
                }
            });
        }
        assertTrue(segments.size() >= 8, prefix + ": segments on disk: " + segments.keySet());
        assertEquals(segments.lastKey() - segments.firstKey() + 1, segments.size(), prefix + ": no hole: "
                + segments.keySet());
        TreeMap<Long, Double> starts = new TreeMap<>();
        double end = -1;
        for (var e : segments.entrySet()) {
            String probed = StreamInspector.ffprobe("-v", "error", "-show_entries", "stream=codec_type,start_time,duration",
                    "-of", "csv=p=0", e.getValue().toString());
            String[] stream = streamLine(probed);
            double start = Double.parseDouble(stream[1]);
            if (end >= 0) {
                assertEquals(end, start, prefix.contains("audio") ? AUDIO_TOLERANCE : 0.1, e.getValue().getFileName()
                        + " starts where the one before ended");
            }
            end = start + Double.parseDouble(stream[2]);
            starts.put(e.getKey(), start);
        }
        return starts;
    }

    /** The {@code type,start,duration} line of a segment's stream (ffprobe lists it once per program it is in, too). */
    private static String[] streamLine(String probed) {
        for (String line : probed.split("\\R")) {
            String[] fields = line.trim().split(",");
            if (fields.length == 3 && !fields[1].isEmpty() && !fields[2].isEmpty()
                    && !fields[1].equals("N/A") && !fields[2].equals("N/A")) {
                return fields;
            }
        }
        throw new AssertionError("no stream in:\n" + probed);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + WAIT_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("Timed out waiting: " + what);
            }
            Thread.sleep(200);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static long mediaSequence(Path playlist) {
        Matcher m = Pattern.compile("#EXT-X-MEDIA-SEQUENCE:(\\d+)").matcher(read(playlist));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static long lastNumber(Path playlist) {
        long last = -1;
        for (String line : read(playlist).split("\n")) {
            Matcher m = NUMBER.matcher(line.trim());
            if (!line.startsWith("#") && m.find()) {
                last = Long.parseLong(m.group(1));
            }
        }
        return last;
    }

    private static long startNumber(Path mpd) {
        Matcher m = Pattern.compile("startNumber=\"(\\d+)\"").matcher(read(mpd));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
