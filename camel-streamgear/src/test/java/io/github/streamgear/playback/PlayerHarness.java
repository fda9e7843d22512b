package io.github.streamgear.playback;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.streamgear.engine.output.FileKind;
import io.github.streamgear.engine.output.OutputLayout;

/**
 * Plays manifests in real browser players: a static HTTP server on 127.0.0.1 (output folders, the harness page, the
 * player libraries from {@code node_modules}) and one {@code node harness.mjs --serve} process driving one headless
 * Chromium for the whole test run. Runs are independent pages and may overlap.
 * <p>
 * Needs {@code node}, {@code /usr/bin/chromium} (or {@code CHROMIUM_PATH}) and {@code npm ci} done in
 * {@code src/test/player}: {@code bin/setup-test-env} installs all three.
 */
public final class PlayerHarness implements AutoCloseable {

    /** Where the harness lives, relative to the module (Maven runs tests there). */
    public static final Path HARNESS_DIR = Path.of("src", "test", "player").toAbsolutePath();

    /** Types of the harness's own files; media files are served with the types the component gives them. */
    static final Map<String, String> HARNESS_TYPES = Map.of("js", "text/javascript", "mjs", "text/javascript",
            "html", "text/html; charset=utf-8", "json", "application/json");

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);
    private static PlayerHarness shared;

    private final HttpServer server;
    private final ExecutorService serverThreads;
    private final Process node;
    private final Writer requests;
    private final Map<String, Path> mounts = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<PlaybackReport>> pending = new ConcurrentHashMap<>();
    private final Map<Path, List<String>> servedManifests = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final String browser;

    /** The harness of this test run, started on first use and stopped when the JVM exits. */
    public static synchronized PlayerHarness shared() {
        if (shared == null) {
            try {
                shared = new PlayerHarness();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            PlayerHarness harness = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(harness::close, "player-harness-stop"));
        }
        return shared;
    }

    private PlayerHarness() throws IOException {
        Path modules = HARNESS_DIR.resolve("node_modules");
        for (String lib : List.of("playwright-core", "hls.js", "shaka-player", "dashjs")) {
            if (!Files.isDirectory(modules.resolve(lib))) {
                throw new IllegalStateException("The playback harness needs its npm packages: run bin/setup-test-env, or "
                        + "'npm ci' in " + HARNESS_DIR + " (" + modules.resolve(lib) + " is missing)");
            }
        }
        mounts.put("harness", HARNESS_DIR);
        mounts.put("lib", modules);
        serverThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "player-harness-http");
            t.setDaemon(true);
            return t;
        });
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::serve);
        server.setExecutor(serverThreads);
        server.start();

        Path log = Path.of("target", "player-harness.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        String nodeBin = System.getProperty("streamgear.node", "node");
        String parallel = System.getProperty("streamgear.playback.parallel", "4");
        ProcessBuilder pb = new ProcessBuilder(nodeBin, "harness.mjs", "--serve", "--base", base(), "--parallel", parallel)
                .directory(HARNESS_DIR.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            node = pb.start();
        } catch (IOException e) {
            server.stop(0);
            throw new IllegalStateException("Cannot start '" + nodeBin + "' for the playback harness: install Node.js "
                    + "(bin/setup-test-env does) or set -Dstreamgear.node=/path/to/node", e);
        }
        requests = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
        BufferedReader replies = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        browser = readReady(replies, log);
        Thread reader = new Thread(() -> readReplies(replies), "player-harness-replies");
        reader.setDaemon(true);
        reader.start();
    }

    private String readReady(BufferedReader replies, Path log) throws IOException {
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                return replies.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String line;
        try {
            line = ready.get(90, TimeUnit.SECONDS);
        } catch (Exception e) {
            line = null;
        }
        if (line == null || !line.contains("\"ready\":true")) {
            node.destroyForcibly();
            server.stop(0);
            throw new IllegalStateException("The playback harness did not start (Chromium at /usr/bin/chromium? "
                    + "bin/setup-test-env installs it); its log " + log + ":\n" + tail(log));
        }
        return line;
    }

    private void readReplies(BufferedReader replies) {
        try {
            for (String line = replies.readLine(); line != null; line = replies.readLine()) {
                JsonNode reply;
                try {
                    reply = JSON.readTree(line);
                } catch (IOException notJson) {
                    continue; // stray output of a library: the protocol lines are JSON objects
                }
                CompletableFuture<PlaybackReport> future = pending.remove(reply.path("id").asText());
                if (future == null) {
                    continue;
                }
                if (reply.has("report")) {
                    JsonNode report = reply.get("report");
                    future.complete(JSON.treeToValue(report, PlaybackReport.class).withJson(JSON.writeValueAsString(report)));
                } else {
                    future.completeExceptionally(new IllegalStateException("harness: " + reply.path("error").asText()));
                }
            }
        } catch (IOException e) {
            // the process went away: fail what is still waiting
        }
        IllegalStateException gone = new IllegalStateException("the playback harness process exited; see target/player-harness.log");
        pending.values().forEach(f -> f.completeExceptionally(gone));
    }

    /** The base URL of the static server, e.g. {@code http://127.0.0.1:41234/}. */
    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** The {@code ready} line of the harness: Chromium and Node versions. */
    public String browser() {
        return browser;
    }

    /** Serves {@code dir} (an output folder) and returns its base URL; files are read on every request (live). */
    public URI publish(Path dir) {
        String name = "media/" + ids.incrementAndGet();
        mounts.put(name, dir.toAbsolutePath().normalize());
        return URI.create(base() + name + "/");
    }

    /** The URL of {@code file}, which must be inside a published folder. */
    public URI url(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        for (Map.Entry<String, Path> m : mounts.entrySet()) {
            if (m.getKey().startsWith("media/") && abs.startsWith(m.getValue())) {
                StringBuilder path = new StringBuilder(base()).append(m.getKey());
                for (Path part : m.getValue().relativize(abs)) {
                    path.append('/').append(URLEncoder.encode(part.toString(), StandardCharsets.UTF_8)
                            .replace("+", "%20"));
                }
                return URI.create(path.toString());
            }
        }
        throw new IllegalArgumentException(file + " is not in a published folder");
    }

    /** Every distinct version of {@code manifest} this server gave out, in order (a live manifest changes). */
    public List<String> served(Path manifest) {
        return List.copyOf(servedManifests.getOrDefault(manifest.toAbsolutePath().normalize(), List.of()));
    }

    /** One run: what to play with which player, and the options of page.js (advanceSeconds, endTimeoutMs, ...). */
    public record Run(Player player, URI manifest, boolean live, Map<String, Object> options) {

        public static Run vod(Player player, URI manifest) {
            return new Run(player, manifest, false, Map.of());
        }

        public static Run live(Player player, URI manifest) {
            return new Run(player, manifest, true, Map.of());
        }

        /**
         * A track scenario on a finished stream instead of the rendition checks: one player at 1x lists the audio and
         * text tracks, selects a subtitle language, switches the audio language mid-play and samples the active cues
         * (see {@link TrackScenario}); the findings are in {@link PlaybackReport#tracks()}, judged by
         * {@link TrackAssertions}.
         */
        public static Run tracks(Player player, URI manifest, TrackScenario scenario) {
            return new Run(player, manifest, false, Map.of("tracks", scenario.toOptions()));
        }

        public Run with(String option, Object value) {
            Map<String, Object> o = new LinkedHashMap<>(options);
            o.put(option, value);
            return new Run(player, manifest, live, o);
        }

        /** The run's own limit in harness.mjs, from when it starts (VOD runs may wait for a slot first). */
        long timeoutMs() {
            return ((Number) options.getOrDefault("timeoutMs", 180_000)).longValue();
        }
    }

    /**
     * What a track run does (page.js {@code trackScenario}), built fluently, e.g.
     * {@code TrackScenario.play().showText("eng").switchAudio("fra", 2.0).sampleCues(0.5, 2.5, 4.5).probeAudio()}.
     * Languages match whatever form the player lists ("eng" also finds Shaka's "en", "fra" its "fr").
     *
     * @param textLanguage the text track to select and show before playing (null: none)
     * @param audioLanguage the audio language to switch to (null: no switch)
     * @param switchAt the media time of the switch, seconds
     * @param keepPlayingSeconds after the switch playback must advance this much (or end)
     * @param cueTimes media times at which to read the active cues (best in the middle of a cue)
     * @param listen set by {@link #probeAudio()}: listen to the element (Web Audio) and report the loudest frequency
     *        every 0.25 s: proves which audio track plays when the tracks carry different tones
     */
    public record TrackScenario(String textLanguage, String audioLanguage, double switchAt, double keepPlayingSeconds,
            List<Double> cueTimes, boolean listen) {

        /** Plays and lists the tracks, nothing selected. */
        public static TrackScenario play() {
            return new TrackScenario(null, null, 0, 1.5, List.of(), false);
        }

        public TrackScenario showText(String language) {
            return new TrackScenario(language, audioLanguage, switchAt, keepPlayingSeconds, cueTimes, listen);
        }

        public TrackScenario switchAudio(String language, double atSeconds) {
            return new TrackScenario(textLanguage, language, atSeconds, keepPlayingSeconds, cueTimes, listen);
        }

        public TrackScenario keepPlaying(double seconds) {
            return new TrackScenario(textLanguage, audioLanguage, switchAt, seconds, cueTimes, listen);
        }

        public TrackScenario sampleCues(double... mediaTimes) {
            List<Double> times = new ArrayList<>();
            for (double t : mediaTimes) {
                times.add(t);
            }
            return new TrackScenario(textLanguage, audioLanguage, switchAt, keepPlayingSeconds, List.copyOf(times), listen);
        }

        public TrackScenario probeAudio() {
            return new TrackScenario(textLanguage, audioLanguage, switchAt, keepPlayingSeconds, cueTimes, true);
        }

        Map<String, Object> toOptions() {
            Map<String, Object> o = new LinkedHashMap<>();
            if (textLanguage != null) {
                o.put("textLanguage", textLanguage);
            }
            if (audioLanguage != null) {
                o.put("audioLanguage", audioLanguage);
                o.put("switchAt", switchAt);
            }
            o.put("keepPlayingSeconds", keepPlayingSeconds);
            o.put("cueTimes", cueTimes);
            o.put("probeAudio", listen);
            return o;
        }
    }

    /** Starts a run; the report completes when the player is done. */
    public CompletableFuture<PlaybackReport> start(Run run) {
        String id = Integer.toString(ids.incrementAndGet());
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("id", id);
        request.put("player", run.player().id());
        request.put("url", run.manifest().toString());
        request.put("live", run.live());
        request.put("timeoutMs", run.timeoutMs());
        request.putAll(run.options());
        return send(request, run.timeoutMs());
    }

    /**
     * Opens a page (e.g. the preview page a job wrote) as a user would and checks that its video plays
     * {@code advanceSeconds} with a picture, without an error on the page or the network.
     */
    public PlaybackReport preview(URI page, double advanceSeconds) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("id", Integer.toString(ids.incrementAndGet()));
        request.put("preview", true);
        request.put("url", page.toString());
        request.put("advanceSeconds", advanceSeconds);
        request.put("timeoutMs", 60_000);
        return send(request, 60_000).join();
    }

    private CompletableFuture<PlaybackReport> send(Map<String, Object> request, long timeoutMs) {
        String id = (String) request.get("id");
        CompletableFuture<PlaybackReport> future = new CompletableFuture<>();
        pending.put(id, future);
        try {
            synchronized (requests) {
                requests.write(JSON.copy().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(request));
                requests.write('\n');
                requests.flush();
            }
        } catch (IOException e) {
            pending.remove(id);
            future.completeExceptionally(new IllegalStateException("the playback harness is not running", e));
        }
        return future.orTimeout(timeoutMs + 600_000, TimeUnit.MILLISECONDS); // harness.mjs ends every run itself
    }

    /** Runs and waits. */
    public PlaybackReport play(Run run) {
        return start(run).join();
    }

    /** Runs all at once (one page each) and waits for every report, in the order given. */
    public List<PlaybackReport> playAll(List<Run> runs) {
        List<CompletableFuture<PlaybackReport>> started = runs.stream().map(this::start).toList();
        List<PlaybackReport> reports = new ArrayList<>();
        for (CompletableFuture<PlaybackReport> f : started) {
            reports.add(f.join());
        }
        return reports;
    }

    /** Pretty JSON of a report, for failure messages and target/playback-reports. */
    public static String pretty(PlaybackReport report) {
        try {
            return JSON.writeValueAsString(JSON.readTree(report.json()));
        } catch (IOException e) {
            return report.json();
        }
    }

    // ------------------------------------------------------------------ HTTP

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
            exchange.getResponseHeaders().add("Cache-Control", "no-store");
            String method = exchange.getRequestMethod();
            if ("OPTIONS".equals(method)) {
                exchange.getResponseHeaders().add("Access-Control-Allow-Headers", "*");
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            Path file = resolve(exchange.getRequestURI().getRawPath());
            if (file == null || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body;
            try {
                body = Files.readAllBytes(file); // one snapshot: a live file may change while it is sent
            } catch (IOException gone) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String name = file.getFileName().toString();
            String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            if (ext.equals("mpd") || ext.equals("m3u8")) {
                List<String> versions = servedManifests.computeIfAbsent(file, f -> new CopyOnWriteArrayList<>());
                String text = new String(body, StandardCharsets.UTF_8);
                synchronized (versions) {
                    if (versions.isEmpty() || !versions.get(versions.size() - 1).equals(text)) {
                        versions.add(text);
                    }
                }
            }
            exchange.getResponseHeaders().add("Content-Type",
                    HARNESS_TYPES.getOrDefault(ext, OutputLayout.contentType(name, FileKind.SEGMENT)));
            if ("HEAD".equals(method)) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        } catch (IOException clientWentAway) {
            // players abort requests when they switch or stop
        }
    }

    /** /MOUNT/relative/path -> a file inside the mount, or null (also for anything escaping it). */
    private Path resolve(String rawPath) {
        String path = URLDecoder.decode(rawPath, StandardCharsets.UTF_8);
        for (Map.Entry<String, Path> m : mounts.entrySet()) {
            String prefix = "/" + m.getKey() + "/";
            if (path.startsWith(prefix)) {
                Path root = m.getValue();
                Path file = root.resolve(path.substring(prefix.length())).normalize();
                return file.startsWith(root) ? file : null;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ stop

    @Override
    public void close() {
        try {
            synchronized (requests) {
                requests.close(); // harness.mjs finishes what runs, closes Chromium and exits
            }
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!node.waitFor(15, TimeUnit.SECONDS)) {
                node.descendants().forEach(ProcessHandle::destroyForcibly);
                node.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
