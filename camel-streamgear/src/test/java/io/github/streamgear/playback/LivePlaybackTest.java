package io.github.streamgear.playback;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.streamgear.testing.StreamAssertions;
import io.github.streamgear.testing.StreamInspector;
import io.github.streamgear.testing.TestMedia;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.streamgear.playback.Player.DASHJS;
import static io.github.streamgear.playback.Player.HLS_JS;
import static io.github.streamgear.playback.Player.SHAKA;

/**
 * Live sessions at real time (DASH, HLS and CMAF, each without and with external audio), each watched by every
 * applicable player while it runs: the stream is live/dynamic, advances, every rendition shows at its size while
 * live, and once the session ends and the output is finalised the players reach the end.
 */
class LivePlaybackTest extends PlaybackTestSupport {

    private static final int FPS = 25;
    private static final int SECONDS = 22;
    /** Segments (of 1 s) in the live playlists; players are told it (Shaka needs it for live HLS, see page.js). */
    private static final int WINDOW = 6;

    /**
     * DASH: two sessions (without and with audio) watched by 2 players each; the same for HLS; CMAF: one session watched
     * by 4 players (both manifests), without audio, then with. At most 4 players and 2 encodes at once, so that a 2-core
     * machine keeps up with real time.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "dash", "hls", "cmaf", "cmaf-audio" })
    void withAndWithoutExternalAudio(String set) throws Exception {
        String format = set.replace("-audio", "");
        List<String> variants = set.equals("cmaf") ? List.of("live-cmaf")
                : set.equals("cmaf-audio") ? List.of("live-cmaf-audio")
                : List.of("live-" + format, "live-" + format + "-audio");
        List<String> jobs = new ArrayList<>();
        List<LiveSession> sessions = new ArrayList<>();
        List<Path> manifests = new ArrayList<>();
        for (String job : variants) {
            String uri = "streamgear:" + job + "?format=" + format + "&livestream=true&windowSize=" + WINDOW
                    + "&segmentDuration=1"
                    + "&frameWidth=320&frameHeight=180&inputFramerate=" + FPS + "&preset=ultrafast&streams=160x90"
                    + (job.endsWith("-audio") ? "&audio=" + TestMedia.standard() : "") + "&outputDir=" + out;
            jobs.add(job);
            sessions.add(live(uri, job, 320, 180, FPS, SECONDS));
            if (!format.equals("hls")) {
                manifests.add(out.resolve(job).resolve("manifest.mpd"));
            }
            if (!format.equals("dash")) {
                manifests.add(out.resolve(job).resolve("manifest.m3u8"));
            }
        }
        // every player watches every stream once it lists 3 segments
        List<CompletableFuture<PlaybackReport>> runs = new ArrayList<>();
        for (Path manifest : manifests) {
            await("3 segments listed in " + manifest, () -> segmentsListed(manifest) >= 3);
            runs.addAll(startLive(List.of(manifest), List.of(HLS_JS, SHAKA, DASHJS), "liveWindowSeconds", WINDOW));
        }
        sessions.forEach(LiveSession::join);
        for (Path manifest : manifests) {
            liveQuality(manifest);
        }

        List<PlaybackReport> reports = runs.stream().map(CompletableFuture::join).toList();
        save("live-" + set, reports);
        List<List<String>> problems = new ArrayList<>();
        for (PlaybackReport r : reports) {
            Path manifest = manifests.stream().filter(m -> harness.url(m).toString().equals(r.url())).findFirst().orElseThrow();
            LiveSession session = sessions.get(jobs.indexOf(manifest.getParent().getFileName().toString()));
            List<Manifest> served = new ArrayList<>();
            for (String version : harness.served(manifest)) {
                served.add(Manifest.advertised(version, manifest.getFileName().toString()));
            }
            problems.add(PlaybackAssertions.liveProblems(r, Manifest.read(manifest), served, session.endRequestedAtEpochMs));
        }
        PlaybackAssertions.assertNoProblems(reports, problems);
    }

    /**
     * The finalised window of a live session: keyframes at every segment start, aligned across renditions, and segment
     * durations within 10% of the target. (No duration or bitrate against the source: the window is the last few
     * segments; no audio start check: the window starts mid-stream, where AAC's 1024-sample frames have moved the audio
     * segment boundaries a few ms per segment away from the video's, while the timestamps stay in sync.)
     */
    private static void liveQuality(Path manifest) throws Exception {
        List<StreamInspector.Track> tracks = StreamInspector.readTracks(manifest);
        StreamAssertions.assertAlignedKeyframes(tracks.stream().filter(t -> !t.audio()).toList());
        StreamAssertions.assertSegmentDurations(tracks, 1);
    }
}
