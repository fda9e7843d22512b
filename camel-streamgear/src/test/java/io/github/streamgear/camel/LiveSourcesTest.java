package io.github.streamgear.camel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.streamgear.testing.LogCapture;
import io.github.streamgear.testing.RtspStandIn;
import io.github.streamgear.testing.SourceServer;
import io.github.streamgear.testing.StaticFiles;
import io.github.streamgear.testing.StreamInspector;
import io.github.streamgear.testing.TestMedia;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live sources read by a consumer, against real servers on 127.0.0.1: an FFmpeg process serving SRT (listener mode),
 * RTMP ({@code -listen 1}) and UDP MPEG-TS, a live HLS stream served over HTTP, and a file played in real time. For each:
 * the live window advances (media sequence / MPD startNumber moves), the consumer gets writes and deletes in order, and
 * stopping the route finalises the stream with no FFmpeg of the component left running.
 * <p>
 * The cases run at the same time (each its own CamelContext, folder, ports and log capture): they are real-time bound
 * and tiny (320x180 sources, ultrafast), so the CPU is idle while each waits for its window to move. Each case checks
 * for its own leftover FFmpeg (run in its folder or naming its source), and once all have ended no FFmpeg of the
 * component may be left at all.
 * {@code @Execution(CONCURRENT)} is on the cases, not on the class: on the class it would let other classes run
 * beside this one (see src/test/resources/junit-platform.properties).
 */
class LiveSourcesTest extends CamelTestSupport {

    /** Segments of 1 s, a window of 3 and 1 extra: deletes start after about 5 s of stream. */
    private static final String LIVE = "&livestream=true&segmentDuration=1&windowSize=3&extraWindowSize=1"
            + "&preset=ultrafast&progressInterval=0";
    private static final String GENERATOR = SourceServer.GENERATOR;
    private static final long WAIT_MS = 90_000;

    @TempDir
    Path out;

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> servers = new ArrayList<>();
    /** What names this case's sources in a command line ("127.0.0.1:PORT"): its probes are told apart by it. */
    private final List<String> sources = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopServers() throws Exception {
        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    @AfterAll
    static void noFfmpegLeftByAnyCase() {
        assertEquals(List.of(), SourceServer.componentFfmpeg(), "no FFmpeg of the component left once every case ended");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void srtSourceWithPassphraseToHls() throws Exception {
        int port = freePort();
        String secret = "s3cretPassphrase42";
        serve(GENERATOR + " -f mpegts srt://127.0.0.1:" + port + "?mode=listener&passphrase=" + secret + "&pbkeylen=16");
        LogCapture logs = new LogCapture();
        logs.attach(Level.DEBUG);
        try {
            String uri = "streamgear:srtcam?format=hls&outputDir=" + out + LIVE + "&videoSource=RAW(srt://127.0.0.1:" + port
                    + "?passphrase=" + secret + "&pbkeylen=16)";
            runLive(uri, "srtcam", () -> mediaSequence(out.resolve("srtcam/stream_180p.m3u8")) >= 2);
            assertHlsFinalised(out.resolve("srtcam"), "stream_180p.m3u8");
        } finally {
            logs.detach();
        }
        List<String> leaks = logs.lines(Level.TRACE, secret);
        for (Level level : List.of(Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR)) {
            leaks = new ArrayList<>(leaks);
            leaks.addAll(logs.lines(level, secret));
        }
        assertEquals(List.of(), leaks, "the passphrase appears in no log line");
        assertFalse(logs.lines(Level.INFO, "srt://127.0.0.1:" + port + "?passphrase=xxxxxx").isEmpty(),
                "the source is logged, masked");
    }

    /**
     * An RTSP camera stand-in (GStreamer's RTSP server, {@code src/test/resources/rtsp/rtsp-server.py}) that asks for a
     * password: H.264 video and Opus audio over RTP. Skipped, saying what to install, where GStreamer is missing.
     */
    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void rtspCameraWithPasswordToHls() throws Exception {
        Assumptions.assumeTrue(RtspStandIn.available(), RtspStandIn.MISSING);
        int port = freePort();
        servers.add(RtspStandIn.start(port, "admin", "Hunter2pw", out.resolve("rtsp-server.log")));
        LogCapture logs = new LogCapture();
        logs.attach(Level.DEBUG);
        try {
            String uri = "streamgear:rtspcam?format=hls&outputDir=" + out + LIVE
                    + "&input.rtsp_transport=tcp&videoSource=RAW(rtsp://admin:Hunter2pw@127.0.0.1:" + port + "/cam)";
            runLive(uri, "rtspcam", () -> mediaSequence(out.resolve("rtspcam/stream_180p.m3u8")) >= 2);
            assertHlsFinalised(out.resolve("rtspcam"), "stream_180p.m3u8");
        } finally {
            logs.detach();
        }
        List<String> all = new ArrayList<>();
        for (Level level : List.of(Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR)) {
            all.addAll(logs.lines(level, ""));
        }
        assertEquals(List.of(), all.stream().filter(l -> l.contains("Hunter2pw")).toList(), "no log line holds the password");
        assertTrue(all.stream().anyMatch(l -> l.contains("rtsp://admin:xxxxxx@127.0.0.1:" + port + "/cam")),
                "the URL is logged, masked");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void rtmpSourceToDash() throws Exception {
        int port = freePort();
        serve(GENERATOR + " -f flv -listen 1 rtmp://127.0.0.1:" + port + "/live/x");
        String uri = "streamgear:rtmpcam?format=dash&outputDir=" + out + LIVE + "&videoSource=rtmp://127.0.0.1:" + port
                + "/live/x";
        Path mpd = out.resolve("rtmpcam/manifest.mpd");
        runLive(uri, "rtmpcam", () -> startNumber(mpd) >= 3 && read(mpd).contains("type=\"dynamic\""));
        String last = Files.readString(mpd);
        assertTrue(last.contains("type=\"static\""), "the MPD is finalised as static:\n" + last);
        assertSegmentsExist(mpd, 1);
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void udpMpegTsSourceToCmaf() throws Exception {
        int port = freePort();
        serve(GENERATOR + " -f mpegts udp://127.0.0.1:" + port + "?pkt_size=1316");
        String uri = "streamgear:udpcam?format=cmaf&outputDir=" + out + LIVE + "&videoSource=udp://127.0.0.1:" + port;
        Path mpd = out.resolve("udpcam/manifest.mpd");
        runLive(uri, "udpcam", () -> startNumber(mpd) >= 3);
        assertTrue(Files.readString(mpd).contains("type=\"static\""), "the MPD is finalised");
        assertTrue(Files.readString(out.resolve("udpcam/manifest.m3u8")).contains("#EXT-X-STREAM-INF"));
        assertSegmentsExist(mpd, 1);
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void hlsSourceOverHttpToHls() throws Exception {
        Path origin = Files.createDirectories(out.resolve("origin"));
        serve(GENERATOR + " -f hls -hls_time 1 -hls_list_size 6 -hls_flags delete_segments+temp_file " + origin
                .resolve("live.m3u8"));
        StaticFiles http = StaticFiles.serve(origin);
        servers.add(http);
        sources.add("127.0.0.1:" + http.port());
        Path playlist = origin.resolve("live.m3u8");
        await(() -> mediaSequence(playlist) >= 1, "the HLS origin publishes");
        String uri = "streamgear:hlscam?format=hls&outputDir=" + out + LIVE + "&videoSource=http://127.0.0.1:"
                + http.port() + "/live.m3u8";
        runLive(uri, "hlscam", () -> mediaSequence(out.resolve("hlscam/stream_180p.m3u8")) >= 2);
        assertHlsFinalised(out.resolve("hlscam"), "stream_180p.m3u8");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void fileLoopedInRealTimeToHls() throws Exception {
        // the 8 s file is looped: the window moves past its end without the stream ending
        String uri = "streamgear:channel?format=hls&outputDir=" + out + LIVE + "&liveLoop=true&videoSource="
                + standard();
        runLive(uri, "channel", () -> mediaSequence(out.resolve("channel/stream_360p.m3u8")) >= 8);
        assertHlsFinalised(out.resolve("channel"), "stream_360p.m3u8");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void contextStopFinalisesTheLiveSourceAndDeliversItsLastFiles() throws Exception {
        String uri = "streamgear:ctx?format=hls&outputDir=" + out + LIVE + "&liveLoop=true&videoSource="
                + standard();
        addRoute(uri, "ctx");
        Path playlist = out.resolve("ctx/stream_360p.m3u8");
        await(() -> mediaSequence(playlist) >= 1, "the live window advances");
        context.stop();
        assertEquals(List.of(), leftover(), "no FFmpeg after the context stopped");
        assertTrue(Files.readString(playlist).contains("#EXT-X-ENDLIST"), "finalised");
        assertTrue(events.contains("write ctx/stream_360p.m3u8"), "playlists delivered: " + events);
        String lastPlaylistWrite = events.stream().filter(e -> e.equals("write ctx/stream_360p.m3u8")).reduce((a, b) -> b)
                .orElseThrow();
        assertTrue(events.lastIndexOf(lastPlaylistWrite) > events.size() - 6, "the final playlist is among the last"
                + " files delivered: " + events);
        assertWritesBeforeDeletes();
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aStoppedChannelStartsAgainWithItsRoute() throws Exception {
        String uri = "streamgear:again?format=hls&outputDir=" + out + LIVE + "&liveLoop=true&videoSource="
                + standard();
        Path playlist = out.resolve("again/stream_360p.m3u8");
        runLive(uri, "again", () -> mediaSequence(playlist) >= 1);
        assertTrue(Files.readString(playlist).contains("#EXT-X-ENDLIST"));
        events.clear();
        context.getRouteController().startRoute("again");
        await(() -> !read(playlist).contains("#EXT-X-ENDLIST") && mediaSequence(playlist) >= 1, "live again");
        context.getRouteController().stopRoute("again");
        assertTrue(Files.readString(playlist).contains("#EXT-X-ENDLIST"), "finalised again");
        assertEquals(List.of(), leftover());
        assertWritesBeforeDeletes();
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void fileSourcePlayedOnceEndsAndIsFinalisedByItself() throws Exception {
        String uri = "streamgear:once?format=dash&outputDir=" + out + LIVE + "&videoSource=" + standard();
        addRoute(uri, "once");
        Path mpd = out.resolve("once/manifest.mpd");
        await(() -> read(mpd).contains("type=\"static\""), "the stream ends with its 8 s file and is finalised");
        await(() -> leftover().isEmpty(), "FFmpeg exited");
        // the cases run concurrently and share the event list: this stream's own events, delivered asynchronously
        Supplier<List<String>> own = () -> events.stream().filter(e -> e.contains(" once/")).toList();
        assertTrue(own.get().stream().anyMatch(e -> e.startsWith("delete ")), "the window moved: " + own.get());
        await(() -> own.get().get(own.get().size() - 1).equals("write once/manifest.mpd"),
                "the finalised manifest is the last file published");
        assertSegmentsExist(mpd, 1);
        assertWritesBeforeDeletes();
        context.getRouteController().stopRoute("once");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void refusesWhatIsNotBuilt() throws Exception {
        String live = "streamgear:x?outputDir=" + out + "&livestream=true&videoSource=srt://127.0.0.1:9";
        Exception loop = assertThrows(Exception.class, () -> context.getEndpoint(live + "&liveLoop=true"));
        assertTrue(rootMessage(loop).contains("liveLoop"), rootMessage(loop));
        Exception noSource = assertThrows(Exception.class,
                () -> context.getEndpoint("streamgear:y?outputDir=" + out + "&livestream=true"));
        assertTrue(rootMessage(noSource).contains("videoSource"), rootMessage(noSource));
        Exception progress = assertThrows(Exception.class, () -> context.getEndpoint(live + "&events=progress")
                .createConsumer(e -> { }));
        assertTrue(rootMessage(progress).contains("events=progress"), rootMessage(progress));
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aSourceThatCannotBeOpenedIsReportedWithItsPasswordMasked() throws Exception {
        LogCapture logs = new LogCapture();
        logs.attach(Level.DEBUG);
        int port = freePort();
        String masked = "rtsp://admin:xxxxxx@127.0.0.1:" + port + "/stream1";
        try {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("streamgear:down?outputDir=" + out + LIVE
                            + "&videoSource=RAW(rtsp://admin:Hunter2pw@127.0.0.1:" + port + "/stream1)")
                            .routeId("down").process(e -> events.add("message"));
                }
            });
            context.getRoute("down").getConsumer();
            // the capture hears the cases that run at the same time too: the failure is the one naming this source
            await(() -> logs.lines(Level.ERROR, "could not be started").stream().anyMatch(l -> l.contains(masked))
                    || logs.lines(Level.WARN, "could not be started").stream().anyMatch(l -> l.contains(masked)),
                    "the failure is reported");
            context.getRouteController().stopRoute("down");
        } finally {
            logs.detach();
        }
        List<String> all = new ArrayList<>();
        for (Level level : List.of(Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR)) {
            all.addAll(logs.lines(level, ""));
        }
        assertTrue(all.stream().noneMatch(l -> l.contains("Hunter2pw")), "no log line holds the password:\n"
                + String.join("\n", all.stream().filter(l -> l.contains("Hunter2pw")).toList()));
        assertTrue(all.stream().anyMatch(l -> l.contains(masked)), "the URL is named, masked");
        assertEquals(List.of(), leftover());
    }

    // ---- helpers

    /** Starts the live route, waits until its window has advanced, stops the route and checks what was delivered. */
    private void runLive(String uri, String name, BooleanSupplier windowMoved) throws Exception {
        addRoute(uri, name);
        await(windowMoved, name + ": the live window advances");
        await(() -> events.stream().anyMatch(e -> e.startsWith("delete ")), name + ": the consumer gets deletes");
        assertTrue(events.stream().anyMatch(e -> e.startsWith("write ") && e.contains(".m")), "manifest writes: " + events);
        int before = events.size();
        context.getRouteController().stopRoute(name);
        assertEquals(List.of(), leftover(), "no FFmpeg of the component left after the route stopped");
        assertTrue(events.size() > before, "the final files are delivered before the route stopped");
        assertWritesBeforeDeletes();
    }

    private void addRoute(String uri, String name) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId(name).process(e -> events.add(e.getIn().getHeader(StreamGearConstants.OPERATION)
                        + " " + e.getIn().getHeader(StreamGearConstants.FILE_NAME)));
            }
        });
    }

    /** Every delete is of a file written before; nothing is written again after its delete. */
    private void assertWritesBeforeDeletes() {
        List<String> written = new ArrayList<>();
        for (String e : events) {
            String file = e.substring(e.indexOf(' ') + 1);
            if (e.startsWith("write ")) {
                written.add(file);
            } else {
                assertTrue(written.contains(file), "deleted before it was written: " + file + " in " + events);
            }
        }
    }

    private static void assertHlsFinalised(Path dir, String playlist) throws Exception {
        String media = Files.readString(dir.resolve(playlist));
        assertTrue(media.contains("#EXT-X-ENDLIST"), playlist + " is finalised:\n" + media);
        List<StreamInspector.Track> tracks = StreamInspector.readTracks(dir.resolve("manifest.m3u8"));
        assertTrue(tracks.stream().anyMatch(StreamInspector.Track::audio) || probedAudio(tracks),
                "the source's audio is carried: " + tracks);
        for (StreamInspector.Track t : tracks) {
            assertTrue(t.segments().stream().allMatch(Files::exists), "listed segments exist: " + t);
        }
    }

    private static boolean probedAudio(List<StreamInspector.Track> tracks) throws Exception {
        return StreamInspector.probedStreamTypes(tracks.get(0)).contains("audio");
    }

    private static void assertSegmentsExist(Path mpd, int audioTracks) throws Exception {
        List<StreamInspector.Track> tracks = StreamInspector.readDash(mpd);
        assertEquals(audioTracks, tracks.stream().filter(StreamInspector.Track::audio).count(), "audio carried: " + tracks);
        for (StreamInspector.Track t : tracks) {
            assertFalse(t.segments().isEmpty(), "segments listed: " + t);
            assertTrue(t.segments().stream().allMatch(Files::exists), "listed segments exist: " + t);
        }
    }

    /**
     * FFmpeg and ffprobe processes of the component started by this case (the test's own source servers play testsrc2):
     * run in its folder, or naming its folder or one of its sources.
     */
    private List<String> leftover() {
        return SourceServer.componentFfmpeg(out, sources.toArray(String[]::new));
    }

    /** The standard test file, copied into this case's folder: its probe names the folder (see {@link #leftover()}). */
    private Path standard() throws IOException {
        Path copy = Files.createDirectories(out.resolve("media")).resolve("standard.mp4");
        if (!Files.exists(copy)) {
            Files.copy(TestMedia.standard(), copy);
        }
        return copy;
    }

    /** Serves a source with FFmpeg (see {@link SourceServer}), stopped after the test. */
    private void serve(String args) {
        String output = args.substring(SourceServer.GENERATOR.length() + 1);
        servers.add(SourceServer.serve(output, out.resolve("server-" + servers.size() + ".log")));
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

    private static long startNumber(Path mpd) {
        Matcher m = Pattern.compile("startNumber=\"(\\d+)\"").matcher(read(mpd));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private int freePort() {
        int port = SourceServer.freePort();
        sources.add("127.0.0.1:" + port);
        return port;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
