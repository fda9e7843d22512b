package io.github.streamgear.reliability;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.streamgear.engine.StreamGearException;
import io.github.streamgear.testing.Processes;
import io.github.streamgear.testing.StreamInspector;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The fixture of the reliability suite. A consumer route {@code from("streamgear:rel")} delivers every published file to
 * a {@link PublishedSink}; each case sends one (or a few) jobs to {@code streamgear:rel?outputDir=OUT&...} and states its
 * outcome with one of:
 * <ul>
 * <li>{@link #assertFailed}: the exchange failed with a {@link StreamGearException} whose own message (not FFmpeg's log
 * lines appended to it) names the problem; no manifest or playlist was published; every segment that was published was
 * deleted again; the output folder is exactly as it was before;</li>
 * <li>{@link #assertComplete}: the exchange succeeded; every manifest and playlist of the reply parses; every file it
 * lists exists, is not empty, is in the reply and was published; what is published equals the reply, with the same
 * bytes; the stream lasts as long as the source;</li>
 * <li>{@link #assertFailedOrComplete}: either of the above, for inputs where both are honest outcomes.</li>
 * </ul>
 * Whatever the outcome: no FFmpeg/ffprobe process is left, no spooled copy of a stream body is left in
 * {@code java.io.tmpdir}, and the sink never saw anything broken (see {@link PublishedSink}).
 */
abstract class ReliabilitySupport extends CamelTestSupport {

    static final String NAME = "rel";
    static final String JOB_ID = "CamelStreamGearJobId";
    /** Output durations may differ from the source's by this much (the last frame, AAC priming). */
    static final double DURATION_TOLERANCE = 0.3;
    /** How long the consumer may take to deliver what a job already handed over. */
    static final Duration DELIVERY = Duration.ofSeconds(10);
    private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));
    private static final String SPOOL_PREFIX = "streamgear-source-";

    @TempDir
    Path root;

    Path out;
    Path in;
    PublishedSink sink;

    /** The bytes of every stream body a case sent: a spooled copy holding them must not outlive the job. */
    private final List<byte[]> streamed = new ArrayList<>();
    private Set<String> spoolBefore;
    private int problemsBefore;
    private int cases;

    @Override
    protected RouteBuilder createRouteBuilder() throws Exception {
        out = Files.createDirectories(root.resolve("out"));
        in = Files.createDirectories(root.resolve("in"));
        sink = new PublishedSink(Files.createDirectories(root.resolve("published")));
        return new RouteBuilder() {
            @Override
            public void configure() {
                consumerRoute(this);
                extraRoutes(this);
            }
        };
    }

    /** The route that publishes; by default straight into the {@link PublishedSink}, retried every 100 ms. */
    protected void consumerRoute(RouteBuilder routes) {
        routes.from("streamgear:" + NAME + "?retryDelay=100").routeId("publish").process(sink);
    }

    /** More routes a test class needs. */
    protected void extraRoutes(RouteBuilder routes) {
    }

    /**
     * Each case gets its own folders. A class may share one CamelContext among its cases
     * ({@code @TestInstance(PER_CLASS)}: FFmpeg is located once, not once per case); its later cases then get fresh
     * folders and a fresh sink mirror here.
     */
    @BeforeEach
    void freshCase() throws IOException {
        if (cases++ > 0) {
            Path dir = root.resolve("case-" + cases);
            out = Files.createDirectories(dir.resolve("out"));
            in = Files.createDirectories(dir.resolve("in"));
            sink.startCase(Files.createDirectories(dir.resolve("published")));
        }
        streamed.clear();
        spoolBefore = spoolFiles();
        problemsBefore = sink.problems().size();
    }

    @AfterEach
    void nothingLeft() throws Exception {
        awaitTrue(() -> Processes.leftoverFfmpeg().isEmpty(), Duration.ofSeconds(2));
        List<String> left = Processes.leftoverFfmpeg();
        if (!left.isEmpty()) { // reported below; ended here so that they do not spill into the next case
            ProcessHandle.current().descendants().filter(p -> {
                String c = p.info().commandLine().orElse(p.info().command().orElse(""));
                return c.contains("ffmpeg") || c.contains("ffprobe");
            }).forEach(ProcessHandle::destroyForcibly);
        }
        assertEquals(List.of(), left, "FFmpeg/ffprobe processes left running");
        assertNoSpooledCopyLeft();
        List<String> problems = sink.problems();
        assertEquals(List.of(), problems.subList(problemsBefore, problems.size()), "something broken was published");
    }

    // ------------------------------------------------------------------ sending

    /** The endpoint URI for {@code options} ({@code a=1&b=2}) over the suite's defaults (small, fast encodes). */
    String uri(String options) {
        return uri(out, options);
    }

    String uri(Path outputDir, String options) {
        return uri(NAME, outputDir, options);
    }

    /** The URI of producer endpoint {@code name} (its files go to the consumers of streamgear:name). */
    String uri(String name, Path outputDir, String options) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("outputDir", outputDir.toString());
        all.put("segmentDuration", "1");
        all.put("preset", "ultrafast");
        all.put("progressInterval", "0");
        if (!options.isBlank()) {
            for (String pair : options.split("&")) {
                int eq = pair.indexOf('=');
                all.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return "streamgear:" + name + "?" + all.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
    }

    /** What one job did, with what is needed to check it. */
    final class Outcome {
        final Exchange exchange;
        final int mark;
        final Map<String, Long> treeBefore;
        final Path outputDir;

        Outcome(Exchange exchange, int mark, Map<String, Long> treeBefore, Path outputDir) {
            this.exchange = exchange;
            this.mark = mark;
            this.treeBefore = treeBefore;
            this.outputDir = outputDir;
        }

        Exception exception() {
            return exchange.getException();
        }

        @SuppressWarnings("unchecked")
        List<Message> reply() {
            return exchange.getMessage().getBody(List.class);
        }

        String jobId() {
            return exchange.getMessage().getHeader(JOB_ID, String.class);
        }

        Set<String> replyNames() {
            return reply().stream().map(m -> m.getHeader(Exchange.FILE_NAME, String.class))
                    .collect(Collectors.toCollection(TreeSet::new));
        }

        @Override
        public String toString() {
            return exception() != null ? "failed: " + exception() : "succeeded: " + replyNames();
        }
    }

    /** A job started but not finished yet. */
    final class Pending {
        final CompletableFuture<Exchange> future;
        final int mark;
        final Map<String, Long> treeBefore;
        final Path outputDir;

        Pending(CompletableFuture<Exchange> future, int mark, Map<String, Long> treeBefore, Path outputDir) {
            this.future = future;
            this.mark = mark;
            this.treeBefore = treeBefore;
            this.outputDir = outputDir;
        }

        Outcome await(Duration max) throws Exception {
            return new Outcome(future.get(max.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS), mark, treeBefore,
                    outputDir);
        }
    }

    /** Sends {@code body} (and headers: name, value, ...) to {@code streamgear:rel} with {@code options}; waits. */
    Outcome send(String options, Object body, Object... headers) throws Exception {
        return send(out, options, body, headers);
    }

    Outcome send(Path outputDir, String options, Object body, Object... headers) throws Exception {
        Pending p = start(outputDir, options, body, headers);
        return p.await(Duration.ofMinutes(2));
    }

    /** Starts a job without waiting for it. */
    Pending start(Path outputDir, String options, Object body, Object... headers) throws Exception {
        return start(NAME, outputDir, options, body, headers);
    }

    Pending start(String name, Path outputDir, String options, Object body, Object... headers) throws Exception {
        String uri = uri(name, outputDir, options);
        Object sent = remember(body);
        Map<String, Long> before = tree(outputDir);
        int mark = sink.mark();
        CompletableFuture<Exchange> future = template.asyncSend(uri, x -> {
            x.getIn().setBody(sent);
            for (int i = 0; i + 1 < headers.length; i += 2) {
                x.getIn().setHeader((String) headers[i], headers[i + 1]);
            }
        });
        return new Pending(future, mark, before, outputDir);
    }

    /** Stream bodies are sent as fresh streams over bytes we keep, so that a leaked spooled copy can be recognised. */
    private Object remember(Object body) throws IOException {
        if (body instanceof byte[] bytes) {
            streamed.add(bytes);
            return bytes;
        }
        if (body instanceof InputStream stream) {
            byte[] bytes = stream.readAllBytes();
            streamed.add(bytes);
            return new ByteArrayInputStream(bytes);
        }
        return body;
    }

    // ------------------------------------------------------------------ outcomes

    /**
     * The job failed with a {@link StreamGearException} whose own message contains one of {@code anyOf}, and left and
     * published nothing broken. Returns the exception.
     */
    StreamGearException assertFailed(Outcome o, String... anyOf) throws Exception {
        return assertFailed(o, false, anyOf);
    }

    /** As {@link #assertFailed(Outcome, String...)}, also looking in the FFmpeg log lines the message carries. */
    StreamGearException assertFailedSayingInLog(Outcome o, String... anyOf) throws Exception {
        return assertFailed(o, true, anyOf);
    }

    private StreamGearException assertFailed(Outcome o, boolean logCounts, String... anyOf) throws Exception {
        Exception e = o.exception();
        assertNotNull(e, () -> "the job should have failed (" + String.join(" / ", anyOf) + ") but succeeded with "
                + o.replyNames());
        assertInstanceOf(StreamGearException.class, e, () -> "failed with a StreamGearException, not " + describe(e));
        String text = logCounts ? e.getMessage() : ownMessage(e);
        assertTrue(Arrays.stream(anyOf).anyMatch(text::contains),
                () -> "the message names the problem (" + String.join(" or ", anyOf) + "): " + e.getMessage());
        assertRolledBack(o);
        report("failed as expected: " + ownMessage(e).trim());
        return (StreamGearException) e;
    }

    /** After a failure: nothing of the job is published any more, no manifest ever was, the folder is as before. */
    void assertRolledBack(Outcome o) throws Exception {
        awaitTrue(() -> undeletedSegments(o.mark).isEmpty(), DELIVERY);
        sink.awaitQuiet(Duration.ofMillis(300), DELIVERY);
        List<PublishedSink.Event> events = sink.eventsSince(o.mark);
        List<String> manifests = events.stream().filter(ev -> ev.isWrite() && ev.isManifestOrPlaylist())
                .map(PublishedSink.Event::name).toList();
        assertEquals(List.of(), manifests, "a failed job publishes no manifest or playlist");
        assertEquals(Set.of(), undeletedSegments(o.mark), "every file a failed job published is deleted again");
        assertEquals(o.treeBefore, tree(o.outputDir), "a failed job leaves the output folder as it was");
    }

    /** Files written since {@code mark} and not deleted since. */
    private Set<String> undeletedSegments(int mark) {
        Set<String> live = new TreeSet<>();
        for (PublishedSink.Event ev : sink.eventsSince(mark)) {
            if (ev.isWrite()) {
                live.add(ev.name());
            } else {
                live.remove(ev.name());
            }
        }
        return live;
    }

    /**
     * The job succeeded and its output is complete: manifests parse, list only existing, non-empty files of the reply
     * that were published, the published files equal the reply (same bytes), and the stream lasts {@code seconds}
     * (skipped when negative).
     */
    void assertComplete(Outcome o, double seconds) throws Exception {
        Exception e = o.exception();
        if (e != null) {
            fail("the job should have succeeded with a complete output, but failed: " + describe(e), e);
        }
        List<Message> reply = o.reply();
        assertNotNull(reply, "the reply is the list of produced files");
        assertFalse(reply.isEmpty(), "the reply lists the produced files");
        String job = o.jobId();
        Path base = o.outputDir;
        Set<String> names = o.replyNames();
        assertEquals(reply.size(), names.size(), "each file is in the reply once: " + names);
        for (Message m : reply) {
            String name = m.getHeader(Exchange.FILE_NAME, String.class);
            Path file = m.getBody(File.class).toPath();
            assertEquals(base.resolve(name).toAbsolutePath().normalize(), file.toAbsolutePath().normalize(),
                    "the file of " + name + " is in the output folder");
            assertTrue(Files.isRegularFile(file), name + " exists");
            assertTrue(Files.size(file) > 0, name + " is not empty");
            assertEquals(Files.size(file), m.getHeader(Exchange.FILE_LENGTH, Long.class), "CamelFileLength of " + name);
        }
        // every file a manifest or playlist lists is a non-empty file of the reply
        List<Path> entryPoints = reply.stream().filter(m -> "manifest".equals(m.getHeader("CamelStreamGearFileKind")))
                .map(m -> m.getBody(File.class).toPath()).toList();
        assertFalse(entryPoints.isEmpty(), "the reply has a manifest: " + names);
        for (Message m : reply) {
            String kind = m.getHeader("CamelStreamGearFileKind", String.class);
            if (!"manifest".equals(kind) && !"playlist".equals(kind)) {
                continue;
            }
            Path file = m.getBody(File.class).toPath();
            String name = m.getHeader(Exchange.FILE_NAME, String.class);
            List<Path> listed = listedFiles(file);
            assertFalse(listed.isEmpty(), name + " lists files");
            for (Path p : listed) {
                String ref = base.relativize(p.toAbsolutePath().normalize()).toString().replace('\\', '/');
                assertTrue(Files.isRegularFile(p) && Files.size(p) > 0, name + " lists " + ref + ", which is missing or empty");
                assertTrue(names.contains(ref), name + " lists " + ref + ", which is not in the reply " + names);
            }
        }
        if (seconds >= 0) {
            for (Path manifest : entryPoints) {
                for (StreamInspector.Track t : StreamInspector.readTracks(manifest)) {
                    assertEquals(seconds, t.durationSeconds(), Math.max(DURATION_TOLERANCE, seconds * 0.05),
                            "duration of " + t.id() + " in " + manifest.getFileName() + " vs the source's");
                }
                if (manifest.toString().endsWith(".mpd")) {
                    assertEquals(seconds, StreamInspector.dashDuration(manifest), Math.max(DURATION_TOLERANCE, seconds * 0.05),
                            "mediaPresentationDuration vs the source's");
                }
            }
        }
        // nothing succeeded that was not published, and what was published is what the reply says
        boolean all = sink.awaitPublished(names, DELIVERY);
        sink.awaitQuiet(Duration.ofMillis(300), DELIVERY);
        Set<String> published = sink.publishedNow(job);
        assertTrue(all, () -> "every file of a successful job is published; missing: " + minus(names, published));
        assertEquals(names, published, "what is published of job " + job + " equals the reply");
        for (String name : names) {
            assertEquals(-1L, Files.mismatch(base.resolve(name), sink.mirror().resolve(name)),
                    name + ": the published copy has the bytes of the final file");
        }
        report("complete output: job " + job + ", " + names.size() + " files, all published");
    }

    /** One line per checked outcome in the test's output, to tell which of two honest outcomes a case had. */
    void report(String line) {
        System.out.println("[reliability] " + getCurrentTestName() + ": " + line);
    }

    /** Either a clean failure naming one of {@code anyOf}, or a complete output lasting {@code seconds}. */
    void assertFailedOrComplete(Outcome o, double seconds, String... anyOf) throws Exception {
        if (o.exception() != null) {
            assertFailed(o, anyOf);
        } else {
            assertComplete(o, seconds);
        }
    }

    /** The files a manifest or playlist lists (for an HLS master: the media playlists and their files). */
    static List<Path> listedFiles(Path manifest) throws Exception {
        List<Path> listed = new ArrayList<>();
        if (manifest.toString().endsWith(".mpd")) {
            for (StreamInspector.Track t : StreamInspector.readDash(manifest)) {
                listed.add(t.init());
                listed.addAll(t.segments());
            }
            return listed;
        }
        for (Path p : PublishedSink.playlistReferences(manifest)) {
            listed.add(p);
            if (p.toString().endsWith(".m3u8") && Files.isRegularFile(p)) {
                StreamInspector.Track t = StreamInspector.readHlsMedia(p, false); // a finished playlist: #EXT-X-ENDLIST
                assertFalse(t.segments().isEmpty(), p.getFileName() + " lists segments");
            }
        }
        return listed;
    }

    // ------------------------------------------------------------------ helpers

    /** The message without the FFmpeg log lines StreamGearException appends. */
    static String ownMessage(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int log = m.indexOf("Last FFmpeg log lines:");
        return log < 0 ? m : m.substring(0, log);
    }

    static String describe(Throwable e) {
        return e.getClass().getName() + ": " + e.getMessage();
    }

    /**
     * Relative path to size of every file and folder under {@code dir} (folders as -1). Files that vanish while it is
     * read (FFmpeg renames its temporary files) are left out.
     */
    static Map<String, Long> tree(Path dir) throws IOException {
        Map<String, Long> tree = new TreeMap<>();
        walk(dir, dir, tree);
        return tree;
    }

    private static void walk(Path base, Path dir, Map<String, Long> tree) throws IOException {
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.toList();
        } catch (NoSuchFileException gone) {
            return;
        }
        for (Path p : children) {
            String name = base.relativize(p).toString().replace('\\', '/');
            try {
                if (Files.isDirectory(p)) {
                    tree.put(name, -1L);
                    walk(base, p, tree);
                } else {
                    tree.put(name, Files.size(p));
                }
            } catch (NoSuchFileException gone) {
                tree.remove(name);
            }
        }
    }

    static void awaitTrue(BooleanSupplier condition, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    private static Set<String> spoolFiles() throws IOException {
        try (Stream<Path> files = Files.list(TMP)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(SPOOL_PREFIX))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /**
     * No spooled copy of a body this case sent is left in java.io.tmpdir. Other builds on the machine may spool their
     * own bodies meanwhile, so a new file counts only if it holds (the start of) one of ours.
     */
    private void assertNoSpooledCopyLeft() throws IOException {
        List<String> leaked = new ArrayList<>();
        for (String name : spoolFiles()) {
            if (spoolBefore.contains(name)) {
                continue;
            }
            Path p = TMP.resolve(name);
            byte[] content;
            try {
                content = Files.readAllBytes(p);
            } catch (IOException gone) {
                continue;
            }
            if (content.length == 0) { // being written by someone right now? A leak stays.
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
                if (!Files.exists(p) || Files.size(p) > 0 || streamed.isEmpty()) {
                    continue;
                }
            }
            for (byte[] body : streamed) {
                if (content.length <= body.length && Arrays.equals(content, 0, content.length, body, 0, content.length)) {
                    leaked.add(name + " (" + content.length + " bytes)");
                    break;
                }
            }
        }
        assertEquals(List.of(), leaked, "spooled copies of stream bodies left in " + TMP);
    }
}
