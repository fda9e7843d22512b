package io.github.streamgear.playback;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.github.streamgear.camel.StreamGearConstants;
import io.github.streamgear.engine.frames.PixelFormat;
import io.github.streamgear.playback.PlayerHarness.Run;
import io.github.streamgear.testing.StreamAssertions;
import io.github.streamgear.testing.StreamInspector;
import io.github.streamgear.testing.TestFrames;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Makes outputs through the {@code streamgear:} producer and plays them in the browser players of
 * {@link PlayerHarness} (one Chromium for the whole run). {@code -Dstreamgear.playback.skip=true} skips these tests.
 */
abstract class PlaybackTestSupport extends CamelTestSupport {

    static final Path REPORTS = Path.of("target", "playback-reports").toAbsolutePath();

    @TempDir
    Path out;

    PlayerHarness harness;

    @BeforeEach
    void startHarness() {
        Assumptions.assumeFalse(Boolean.getBoolean("streamgear.playback.skip"), "streamgear.playback.skip=true");
        harness = PlayerHarness.shared();
        harness.publish(out);
    }

    // ------------------------------------------------------------------ making outputs

    /** A single-source job: what to make from which source, into {@code out/JOB}. */
    record Job(String job, String options, Path source) {
    }

    static Job job(String job, String options, Path source) {
        return new Job(job, options, source);
    }

    /** Single-source jobs, run at once (the component runs two at a time). */
    void transcode(Job... jobs) {
        for (Job j : jobs) {
            prime(vodUri(j.options()));
        }
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (Job j : jobs) {
            running.add(CompletableFuture.runAsync(() -> transcode(j.job(), j.options(), j.source())));
        }
        running.forEach(CompletableFuture::join);
    }

    /**
     * Creates and starts the endpoint on this thread. Two threads resolving their first streamgear endpoints at once
     * can meet a component whose doStart has not run yet ("FFmpeg was not found or does not run ... this.runner is
     * null"), so the tests that use several endpoints at once create them first. A producer is started once too, so
     * that the endpoint's encoding check (run when its first producer starts) does not delay the first live frame.
     */
    void prime(String uri) {
        try {
            Producer producer = context.getEndpoint(uri).createProducer();
            ServiceHelper.startService(producer);
            ServiceHelper.stopService(producer);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start a producer of " + uri, e);
        }
    }

    private String vodUri(String options) {
        return "streamgear:vod?outputDir=" + out + "&" + options;
    }

    /** A single-source job; the output is {@code out/JOB}. */
    void transcode(String job, String options, Path source) {
        Exchange result = template.request(vodUri(options), e -> {
            e.getIn().setBody(source.toFile());
            e.getIn().setHeader(StreamGearConstants.JOB_ID, job);
        });
        if (result.getException() != null) {
            throw new AssertionError("transcode failed", result.getException());
        }
    }

    /** A frames-mode session of {@code count} BGR24 frames, sent as fast as accepted, then ended. */
    void streamFrames(String uri, String job, int width, int height, int count) {
        byte[][] frames = frames(width, height);
        for (int i = 0; i < count; i++) {
            sendFrame(uri, job, frames[i % frames.length]);
        }
        end(uri, job);
    }

    /** A live session on its own thread: frames paced at {@code fps} for {@code seconds}, then ended. */
    LiveSession live(String uri, String job, int width, int height, int fps, int seconds) {
        return new LiveSession(uri, job, width, height, fps, seconds);
    }

    final class LiveSession {

        final CompletableFuture<Void> done;
        volatile long endRequestedAtEpochMs = Long.MAX_VALUE;

        LiveSession(String uri, String job, int width, int height, int fps, int seconds) {
            prime(uri);
            byte[][] frames = frames(width, height);
            done = CompletableFuture.runAsync(() -> {
                long start = System.nanoTime();
                for (int i = 0; i < seconds * fps; i++) {
                    long wait = start + TimeUnit.MILLISECONDS.toNanos(i * 1000L / fps) - System.nanoTime();
                    if (wait > 0) {
                        try {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    sendFrame(uri, job, frames[i % frames.length]);
                }
                endRequestedAtEpochMs = System.currentTimeMillis();
                end(uri, job);
            });
        }

        /** Waits for the session to end (finalised output), rethrowing its failure. */
        void join() {
            done.join();
        }
    }

    private static byte[][] frames(int width, int height) {
        byte[][] frames = new byte[25][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = TestFrames.frame(PixelFormat.BGR24, width, height, i);
        }
        return frames;
    }

    private void sendFrame(String uri, String job, byte[] frame) {
        Exchange result = template.request(uri, x -> {
            x.getIn().setBody(frame);
            x.getIn().setHeader(StreamGearConstants.JOB_ID, job);
        });
        if (result.getException() != null) {
            throw new AssertionError("frame refused", result.getException());
        }
    }

    private void end(String uri, String job) {
        Exchange result = template.request(uri, x -> {
            x.getIn().setHeader(StreamGearConstants.JOB_ID, job);
            x.getIn().setHeader(StreamGearConstants.END_OF_STREAM, true);
        });
        if (result.getException() != null) {
            throw new AssertionError("end of stream failed", result.getException());
        }
    }

    // ------------------------------------------------------------------ playing

    /** A manifest and the players to play it with. */
    record Target(Path manifest, List<Player> players) {
    }

    /** The stream-quality checks of {@link StreamAssertions#assertStreamQuality} on each manifest (relative to out). */
    void quality(double sourceSeconds, double segmentSeconds, boolean audio, String... manifests) throws Exception {
        for (String manifest : manifests) {
            StreamAssertions.assertStreamQuality(out.resolve(manifest), sourceSeconds, segmentSeconds, audio);
        }
    }

    static Target target(Path manifest, Player... players) {
        return new Target(manifest, List.of(players));
    }

    /** Plays finished manifests, every target's players all at once, and asserts {@link PlaybackAssertions#vodProblems}. */
    List<PlaybackReport> assertVodPlays(String label, double fps, Target... targets) throws Exception {
        List<Manifest> manifests = new ArrayList<>();
        List<Run> runs = new ArrayList<>();
        for (Target t : targets) {
            Manifest manifest = Manifest.read(t.manifest());
            for (Player p : t.players()) {
                manifests.add(manifest);
                runs.add(Run.vod(p, harness.url(t.manifest())));
            }
        }
        List<PlaybackReport> reports = playVod(label, runs, manifests, fps);
        List<List<String>> problems = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            problems.add(PlaybackAssertions.vodProblems(reports.get(i), manifests.get(i), fps));
        }
        PlaybackAssertions.assertNoProblems(reports, problems);
        return reports;
    }

    /**
     * Plays VOD runs (at most a few at once, see harness.mjs), saves the reports, and runs once more each run whose
     * problems are all timing problems (stuck, too few frames decoded: what a starved machine can cause as well); a
     * broken stream fails twice. Retries are listed in target/playback-reports/retries.txt.
     */
    List<PlaybackReport> playVod(String label, List<Run> runs, List<Manifest> manifests, double fps) throws IOException {
        List<PlaybackReport> reports = new ArrayList<>(harness.playAll(runs));
        List<Integer> again = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            if (PlaybackAssertions.onlyTiming(reports.get(i), manifests.get(i), fps)) {
                again.add(i);
            }
        }
        if (!again.isEmpty()) {
            List<PlaybackReport> second = harness.playAll(again.stream().map(runs::get).toList());
            StringBuilder log = new StringBuilder();
            for (int k = 0; k < again.size(); k++) {
                int i = again.get(k);
                PlaybackReport first = reports.get(i);
                log.append(label).append(": ").append(first.player()).append(" on ").append(first.url()).append(" again after ")
                        .append(PlaybackAssertions.vodProblems(first, manifests.get(i), fps)).append(" -> ")
                        .append(PlaybackAssertions.vodProblems(second.get(k), manifests.get(i), fps)).append('\n');
                save(label + "-first-attempt", List.of(first));
                reports.set(i, second.get(k));
            }
            Files.createDirectories(REPORTS);
            Files.writeString(REPORTS.resolve("retries.txt"), log, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        save(label, reports);
        return reports;
    }

    /**
     * Track runs (audio languages, subtitles): {@code scenario} on every target's manifest in each of its players, all
     * at once, judged by {@link TrackAssertions#problems} against {@code expected}; fails with every problem. E.g.
     * <pre>{@code
     * assertTracksPlay("tracks", TrackScenario.play().showText("eng").switchAudio("fra", 2).sampleCues(2.5),
     *         Expected.tracks().audio("eng", "English", 2).audio("fra", "Français", 6).text("eng", "English")
     *                 .startsWith("eng").cue(2.5, "...", 2.0),
     *         target(out.resolve("hls/manifest.m3u8"), HLS_JS, SHAKA), target(out.resolve("dash/manifest.mpd"), SHAKA, DASHJS));
     * }</pre>
     */
    List<PlaybackReport> assertTracksPlay(String label, PlayerHarness.TrackScenario scenario, TrackAssertions.Expected expected,
            Target... targets) throws IOException {
        List<Run> runs = new ArrayList<>();
        for (Target t : targets) {
            for (Player p : t.players()) {
                runs.add(Run.tracks(p, harness.url(t.manifest()), scenario));
            }
        }
        List<PlaybackReport> reports = playTracks(harness, label, runs, expected);
        PlaybackAssertions.assertNoProblems(reports,
                reports.stream().map(r -> TrackAssertions.problems(r, expected)).toList());
        return reports;
    }

    /**
     * Plays track runs (a few at once), once more each run whose problems against {@code expected} are all timing
     * problems (stuck: a starved machine), and saves the reports to target/playback-reports.
     */
    static List<PlaybackReport> playTracks(PlayerHarness harness, String label, List<Run> runs,
            TrackAssertions.Expected expected) throws IOException {
        List<PlaybackReport> reports = new ArrayList<>(harness.playAll(runs));
        for (int i = 0; i < reports.size(); i++) {
            if (TrackAssertions.onlyTiming(reports.get(i), expected)) {
                save(label + "-first-attempt", List.of(reports.get(i)));
                Files.createDirectories(REPORTS);
                Files.writeString(REPORTS.resolve("retries.txt"), label + ": " + reports.get(i).player() + " on "
                        + reports.get(i).url() + " again after " + TrackAssertions.problems(reports.get(i), expected) + "\n",
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                reports.set(i, harness.play(runs.get(i)));
            }
        }
        save(label, reports);
        return reports;
    }

    /** Segments the manifest lists for its first video rendition so far (0 before it exists). */
    static int segmentsListed(Path manifest) {
        try {
            if (!manifest.toFile().exists()) {
                return 0;
            }
            if (manifest.toString().endsWith(".mpd")) {
                return StreamInspector.readDash(manifest).get(0).segments().size();
            }
            StreamInspector.Master master = StreamInspector.readHlsMaster(manifest);
            return master.variants().isEmpty() ? 0 : count(master.variants().get(0).playlist(), "#EXTINF");
        } catch (Exception notComplete) {
            return 0; // written while read
        }
    }

    /** Starts live runs (each player on each manifest) without waiting. */
    List<CompletableFuture<PlaybackReport>> startLive(List<Path> manifests, List<Player> players, Object... options) {
        List<CompletableFuture<PlaybackReport>> started = new ArrayList<>();
        for (Path manifest : manifests) {
            for (Player p : players) {
                if (!p.plays(manifest.toString().endsWith(".mpd") ? Manifest.Kind.DASH : Manifest.Kind.HLS)) {
                    continue;
                }
                Run run = Run.live(p, harness.url(manifest));
                for (int i = 0; i < options.length; i += 2) {
                    run = run.with((String) options[i], options[i + 1]);
                }
                started.add(harness.start(run));
            }
        }
        return started;
    }

    static void save(String label, List<PlaybackReport> reports) throws IOException {
        Files.createDirectories(REPORTS);
        for (PlaybackReport r : reports) {
            String[] path = r.url().split("/");
            String name = label + "-" + path[path.length - 2] + "-" + path[path.length - 1].replace('.', '-') + "-" + r.player();
            Files.writeString(REPORTS.resolve(name + ".json"), PlayerHarness.pretty(r));
        }
    }

    /** Waits (max 30 s) until the condition holds. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(100);
        }
    }

    /** Number of occurrences of {@code token} in a file (0 when it does not exist yet). */
    static int count(Path file, String token) {
        try {
            String text = Files.readString(file);
            int n = 0;
            for (int i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + 1)) {
                n++;
            }
            return n;
        } catch (IOException notYet) {
            return 0;
        }
    }
}
