package io.github.streamgear.playback;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import io.github.streamgear.engine.protection.ContentKey;
import io.github.streamgear.engine.protection.KeyProvider;
import io.github.streamgear.playback.PlayerHarness.Run;
import io.github.streamgear.testing.ClearKeyLicenceServer;
import io.github.streamgear.testing.KeyServer;
import io.github.streamgear.testing.ManifestConformance;
import io.github.streamgear.testing.TestMedia;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.github.streamgear.playback.Player.DASHJS;
import static io.github.streamgear.playback.Player.HLS_JS;
import static io.github.streamgear.playback.Player.SHAKA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HLS AES-128 (MPEG-TS segments) plays in hls.js and Shaka Player with the key from a local key server (another origin,
 * as a real key server is); CENC DASH plays in Shaka Player and dash.js with ClearKey; the same segments with a wrong
 * key fail in every player.
 */
class ContentProtectionPlaybackTest extends PlaybackTestSupport {

    private static final double FPS = 30;
    private static final int STALL_TIMEOUT_MS = 4000;
    private static final int WRONG_KEY_START_TIMEOUT_MS = 8000;
    private static final String KID = "0123456789abcdef0123456789abcdef";
    private static final String WRONG_KID = "fedcba9876543210fedcba9876543210";
    private static final byte[] KEY = HexFormat.of().parseHex("6b6579206f6620746865207465737473");
    private static final int LIVE_FPS = 25;
    private static final int LIVE_SECONDS = 10;
    private static final int LIVE_WINDOW = 6;

    private KeyServer keys;
    private ClearKeyLicenceServer licences;

    @AfterEach
    void stopKeyServer() {
        if (keys != null) {
            keys.close();
        }
        if (licences != null) {
            licences.close();
        }
    }

    @Test
    void aes128PlaysWithTheKeyAndFailsWithAWrongOne() throws Exception {
        keys = new KeyServer();
        keys.put(KID, KEY);
        byte[] wrong = KEY.clone();
        wrong[0] ^= 1;
        keys.put(WRONG_KID, wrong);
        context.getRegistry().bind("testKeys", (KeyProvider) r -> new ContentKey(HexFormat.of().parseHex(KID), KEY, null,
                null));
        transcode(job("aes", "format=hls&hlsSegmentType=mpegts&streams=320x180&segmentDuration=2&encryption=aes-128"
                + "&keyProvider=#testKeys&keyUri=" + keys.template(), TestMedia.standard()));
        String media = Files.readString(out.resolve("aes").resolve(firstMediaPlaylist(out.resolve("aes"))));
        assertTrue(media.contains("#EXT-X-KEY:METHOD=AES-128,URI=\"http://127.0.0.1:"), media);
        // (no ffprobe quality check: ffprobe cannot read the encrypted segments, see ContentProtectionTest)

        // the same segments, the playlists pointing at a wrong key: every player fails. These runs mostly wait (for the
        // start limit), so they run while the right key's runs play (4 VOD runs at once, what the harness allows)
        Path wrongDir = copy(out.resolve("aes"), out.resolve("aes-wrong-key"));
        try (Stream<Path> files = Files.list(wrongDir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".m3u8")).toList()) {
                Files.writeString(p, Files.readString(p).replace(KID, WRONG_KID));
            }
        }
        Path manifest = wrongDir.resolve("manifest.m3u8");
        List<Run> runs = new ArrayList<>();
        List<Manifest> manifests = new ArrayList<>();
        for (Player p : List.of(HLS_JS, SHAKA)) {
            // hls.js reports a fatal error at once but play() stays pending: a start limit of 8 s (not 20) ends it sooner
            runs.add(Run.vod(p, harness.url(manifest)).with("stallTimeoutMs", STALL_TIMEOUT_MS)
                    .with("startTimeoutMs", WRONG_KEY_START_TIMEOUT_MS));
            manifests.add(Manifest.read(manifest));
        }
        List<CompletableFuture<PlaybackReport>> wrongRuns = runs.stream().map(harness::start).toList();

        // the right key: both players play every rendition start to end
        assertVodPlays("aes-128", FPS, target(out.resolve("aes/manifest.m3u8"), HLS_JS, SHAKA));
        assertTrue(keys.requests().contains(KID), "the players fetched the key: " + keys.requests());

        List<PlaybackReport> reports = wrongRuns.stream().map(CompletableFuture::join).toList();
        save("aes-128-wrong-key", reports);
        List<String> summary = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            List<String> problems = PlaybackAssertions.vodProblems(reports.get(i), manifests.get(i), FPS);
            summary.add(reports.get(i).player() + ": " + problems);
            assertFalse(problems.isEmpty(), "played with a wrong key: " + PlayerHarness.pretty(reports.get(i)));
        }
        assertTrue(keys.requests().contains(WRONG_KID), "the players fetched the wrong key: " + keys.requests());
        assertEquals(2, summary.size());
        Files.writeString(REPORTS.resolve("aes-128-wrong-key-summary.txt"), String.join("\n", summary) + "\n");
    }

    /**
     * Two live frames sessions with AES-128 at once (320x180, ultrafast, 10 s), one with the right keys (a new one every
     * 3 segments, keyRotationSegments), one whose key id the key server answers with a wrong key; hls.js and Shaka
     * watch both while they run: the right one plays live to its end across the key changes, the wrong one fails in
     * both players.
     */
    @Test
    void liveAes128PlaysWithTheKeyAndFailsWithAWrongOne() throws Exception {
        keys = new KeyServer();
        keys.put(KID, KEY);
        byte[] wrong = KEY.clone();
        wrong[0] ^= 1;
        keys.put(WRONG_KID, wrong);
        // the right stream rotates its key every 3 segments (each period's key put on the key server before it is
        // returned); the wrong one keeps the key id the key server answers wrongly
        context.getRegistry().bind("liveKeys", (KeyProvider) r -> {
            if (!r.jobId().equals("live-aes")) {
                return new ContentKey(HexFormat.of().parseHex(WRONG_KID), KEY, null, null);
            }
            byte[] kid = HexFormat.of().parseHex(KID);
            byte[] key = KEY.clone();
            kid[15] += (byte) r.period();
            key[15] += (byte) r.period();
            keys.put(HexFormat.of().formatHex(kid), key);
            return new ContentKey(kid, key, null, null);
        });
        String uri = "streamgear:live-aes?format=hls&livestream=true&windowSize=" + LIVE_WINDOW + "&segmentDuration=1"
                + "&frameWidth=320&frameHeight=180&inputFramerate=" + LIVE_FPS + "&preset=ultrafast&streams=320x180"
                + "&encryption=aes-128&keyRotationSegments=3&keyProvider=#liveKeys&keyUri=" + keys.template()
                + "&outputDir=" + out;
        runRightAndWrongLive(uri, List.of("live-aes", "live-aes-wrong-key"), "manifest.m3u8",
                dir -> count(dir.resolve("stream_180p.m3u8"), "#EXTINF") >= 3, List.of(HLS_JS, SHAKA), "aes-128-live",
                version -> { });
        String media = Files.readString(out.resolve("live-aes/stream_180p.m3u8"));
        assertTrue(media.contains("#EXT-X-KEY:METHOD=AES-128,URI=\"" + keys.template().replace("{kid}", "")), media);
        assertTrue(keys.requests().contains(KID) && keys.requests().contains(WRONG_KID), "keys: " + keys.requests());
        assertTrue(keys.requests().stream().distinct().count() >= 3, "the players fetched the rotated keys: "
                + keys.requests());
        assertTrue(count(out.resolve("live-aes/stream_180p.m3u8"), "#EXT-X-KEY") >= 2, "keys rotated in the final window: "
                + media);
    }

    private static String firstMediaPlaylist(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".m3u8") && !n.equals("manifest.m3u8"))
                    .sorted().findFirst().orElseThrow();
        }
    }

    /**
     * A {@code streamgear:} job with {@code format=dash&encryption=cenc} (its key from a provider, the licence URL from
     * {@code keyUri}) plays in Shaka Player and dash.js through Chromium's EME with ClearKey, the licence from a local
     * ClearKey server named in the MPD; with a licence for a wrong key every player fails.
     */
    @Test
    void cencJobPlaysWithClearKeyAndFailsWithAWrongKey() throws Exception {
        byte[] kid = HexFormat.of().parseHex(KID);
        licences = new ClearKeyLicenceServer(kid, KEY);
        context.getRegistry().bind("cencKeys", (KeyProvider) r -> new ContentKey(kid, KEY, null, null));
        transcode(job("cenc", "format=dash&segmentDuration=2&encryption=cenc&keyProvider=#cencKeys"
                + "&keyUri=" + licences.url(true), TestMedia.standard()));
        Path dir = out.resolve("cenc");
        Path mpd = dir.resolve("manifest.mpd");
        assertTrue(Files.readString(mpd).contains(licences.url(true) + "</dashif:Laurl>"), Files.readString(mpd));
        ManifestConformance.assertMpdValid(mpd);

        // the licence for a wrong key: every player fails. These runs mostly wait (for the stall limit), so they run
        // while the right licence's runs play (4 VOD runs at once, what the harness allows)
        Path wrongDir = copy(dir, out.resolve("cenc-wrong-key"));
        Path wrongMpd = wrongDir.resolve("manifest.mpd");
        Files.writeString(wrongMpd, Files.readString(wrongMpd).replace(licences.url(true), licences.url(false)));
        List<Run> runs = new ArrayList<>();
        for (Player p : List.of(SHAKA, DASHJS)) {
            runs.add(Run.vod(p, harness.url(wrongMpd)).with("stallTimeoutMs", STALL_TIMEOUT_MS));
        }
        List<CompletableFuture<PlaybackReport>> wrongRuns = runs.stream().map(harness::start).toList();

        assertVodPlays("cenc", FPS, target(mpd, SHAKA, DASHJS));
        assertTrue(licences.requests().stream().anyMatch(r -> r.startsWith("right:")), "licences: " + licences.requests());

        List<PlaybackReport> reports = wrongRuns.stream().map(CompletableFuture::join).toList();
        save("cenc-wrong-key", reports);
        List<String> summary = new ArrayList<>();
        for (PlaybackReport report : reports) {
            List<String> problems = PlaybackAssertions.vodProblems(report, Manifest.read(wrongMpd), FPS);
            summary.add(report.player() + ": " + problems);
            assertFalse(problems.isEmpty(), "played with a wrong key: " + PlayerHarness.pretty(report));
        }
        assertTrue(licences.requests().stream().anyMatch(r -> r.startsWith("wrong:")), "licences: " + licences.requests());
        Files.writeString(REPORTS.resolve("cenc-wrong-key-summary.txt"), String.join("\n", summary) + "\n");
    }

    /**
     * Two live CMAF frames sessions with CENC at once (320x180, ultrafast, 10 s, 1 s segments), the same key, one
     * signalling the ClearKey licence server's right URL, the other its wrong-key URL (the provider returns it); Shaka and
     * dash.js watch both MPDs through Chromium's EME while they run: the right one plays live to its end, the wrong one
     * fails in both players.
     */
    @Test
    void liveCencPlaysWithClearKeyAndFailsWithAWrongKey() throws Exception {
        byte[] kid = HexFormat.of().parseHex(KID);
        licences = new ClearKeyLicenceServer(kid, KEY);
        context.getRegistry().bind("liveCencKeys", (KeyProvider) r -> new ContentKey(kid, KEY, null,
                licences.url(!r.jobId().endsWith("wrong-key"))));
        String uri = "streamgear:live-cenc?format=cmaf&livestream=true&windowSize=" + LIVE_WINDOW + "&segmentDuration=1"
                + "&frameWidth=320&frameHeight=180&inputFramerate=" + LIVE_FPS + "&preset=ultrafast&streams=320x180"
                + "&encryption=cenc&keyProvider=#liveCencKeys&outputDir=" + out;
        runRightAndWrongLive(uri, List.of("live-cenc", "live-cenc-wrong-key"), "manifest.mpd",
                dir -> Files.exists(dir.resolve("manifest.mpd")) && Files.exists(dir.resolve("chunk-0-00003.m4s")),
                List.of(SHAKA, DASHJS), "cenc-live", version -> assertTrue(version.contains("cenc:default_KID"),
                        "every version served signals CENC: " + version));
        assertTrue(licences.requests().stream().anyMatch(q -> q.startsWith("right:"))
                && licences.requests().stream().anyMatch(q -> q.startsWith("wrong:")), "licences: " + licences.requests());
    }

    /**
     * Two live frames sessions at once (jobs: the right one first), each watched by the players while it runs: the
     * right one plays live to its end in every player, the wrong one fails in every player. Each manifest version the
     * players were served goes through {@code servedCheck}; the summary goes to LABEL-summary.txt.
     */
    private void runRightAndWrongLive(String uri, List<String> jobs, String manifestName,
            java.util.function.Predicate<Path> ready, List<Player> players, String label,
            java.util.function.Consumer<String> servedCheck) throws Exception {
        List<LiveSession> sessions = new ArrayList<>();
        for (String job : jobs) {
            sessions.add(live(uri, job, 320, 180, LIVE_FPS, LIVE_SECONDS));
        }
        List<java.util.concurrent.CompletableFuture<PlaybackReport>> runs = new ArrayList<>();
        List<Path> manifests = new ArrayList<>();
        for (String job : jobs) {
            Path dir = out.resolve(job);
            await("3 segments written for " + job, () -> ready.test(dir));
            manifests.add(dir.resolve(manifestName));
            // the wrong key, as in the VOD case: hls.js reports its fatal error at once but play() stays pending, so a
            // start limit of 8 s (not 20) ends it sooner; the right stream's players start within 3 s
            int startTimeoutMs = job.equals(jobs.get(0)) ? 20_000 : WRONG_KEY_START_TIMEOUT_MS;
            runs.addAll(startLive(List.of(dir.resolve(manifestName)), players, "liveWindowSeconds", LIVE_WINDOW,
                    "stallTimeoutMs", STALL_TIMEOUT_MS, "startTimeoutMs", startTimeoutMs));
        }
        sessions.forEach(LiveSession::join);
        List<PlaybackReport> reports = runs.stream().map(java.util.concurrent.CompletableFuture::join).toList();
        save(label, reports);
        List<String> summary = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            PlaybackReport r = reports.get(i);
            Path manifest = manifests.get(i / players.size());
            List<Manifest> served = new ArrayList<>();
            for (String version : harness.served(manifest)) {
                servedCheck.accept(version);
                served.add(Manifest.advertised(version, manifest.getFileName().toString()));
            }
            List<String> problems = PlaybackAssertions.liveProblems(r, Manifest.read(manifest), served,
                    sessions.get(i / players.size()).endRequestedAtEpochMs);
            summary.add(r.player() + " " + manifest.getParent().getFileName() + ": " + problems);
            if (i < players.size()) {
                assertEquals(List.of(), problems, label + " with the right key: " + PlayerHarness.pretty(r));
            } else {
                assertFalse(problems.isEmpty(), label + " played with a wrong key: " + PlayerHarness.pretty(r));
            }
        }
        Files.writeString(REPORTS.resolve(label + "-summary.txt"), String.join("\n", summary) + "\n");
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}
