package io.github.streamgear.playback;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.streamgear.playback.PlayerHarness.Run;
import io.github.streamgear.playback.PlayerHarness.TrackScenario;
import io.github.streamgear.playback.TrackAssertions.Expected;
import io.github.streamgear.testing.TrackFixtures;
import io.github.streamgear.testing.TrackFixtures.Fixture;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.streamgear.playback.Player.DASHJS;
import static io.github.streamgear.playback.Player.HLS_JS;
import static io.github.streamgear.testing.TrackFixtures.ENGLISH_HZ;
import static io.github.streamgear.testing.TrackFixtures.FRENCH_HZ;
import static io.github.streamgear.testing.TrackFixtures.cueText;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The harness's track checks catch wrong outputs, made by FFmpeg directly ({@link TrackFixtures}: English stereo +
 * French 5.1, English WebVTT subtitles): a wrong X-TIMESTAMP-MAP, a default audio track without {@code Role main}. The
 * component's own outputs pass the same checks in every player in {@link TracksPlaybackTest}.
 */
class TrackHarnessTest {

    @TempDir
    static Path dir;

    static Fixture fixture;
    static PlayerHarness harness;

    /** English subtitles on, French audio at 2 s, cues read mid-cue, tones listened to. */
    static final TrackScenario SCENARIO = TrackScenario.play().showText("eng").switchAudio("fra", 2.0)
            .sampleCues(0.5, 2.5, 4.5).probeAudio();

    static final Expected EXPECTED = Expected.tracks()
            .audio("eng", "English", 2).audio("fra", "Français", 6)
            .text("eng", "English")
            .startsWith("eng")
            .cue(0.5, cueText(0), 0).cue(2.5, cueText(2), 2).cue(4.5, cueText(4), 4)
            .tones(ENGLISH_HZ, FRENCH_HZ)
            .noConsoleErrors();

    @BeforeAll
    static void fixtures() {
        Assumptions.assumeFalse(Boolean.getBoolean("streamgear.playback.skip"), "streamgear.playback.skip=true");
        harness = PlayerHarness.shared();
        fixture = TrackFixtures.make(dir);
        harness.publish(dir);
    }

    /**
     * The checks catch wrong outputs: MPEGTS 0 on FFmpeg's MPEG-TS (whose timestamps start at 1.4 s) shows the cues
     * 1.4 s early; an MPD without {@code Role main} on the English audio (as FFmpeg writes it) makes dash.js start with
     * the highest-bandwidth audio, the French one, which is seen and heard.
     */
    @Test
    void theChecksCatchWrongOutputs() throws Exception {
        Path wrongMap = TrackFixtures.subtitledMaster(fixture.hlsTs().resolveSibling("ffmpeg-master.m3u8"),
                "manifest-mpegts-0.m3u8", 0);
        Path noRole = fixture.dash().resolveSibling("manifest-no-role.mpd");
        Files.writeString(noRole, Files.readString(fixture.dash()).replaceAll("\\s*<Role [^>]*value=\"main\"/>", ""));
        List<PlaybackReport> reports = play("tracks-wrong", List.of(
                Run.tracks(HLS_JS, harness.url(wrongMap), TrackScenario.play().showText("eng").sampleCues(2.5)),
                Run.tracks(DASHJS, harness.url(noRole), TrackScenario.play().sampleCues(1.5).probeAudio())));

        List<String> early = TrackAssertions.problems(reports.get(0), Expected.tracks().cue(2.5, cueText(2), 2));
        assertTrue(early.size() == 1 && early.get(0).contains("-1.400 s off"),
                "expected the cue 1.4 s early, got " + early + "\n" + PlayerHarness.pretty(reports.get(0)));

        Expected english = Expected.tracks().startsWith("eng").tones(ENGLISH_HZ, FRENCH_HZ);
        List<String> french = TrackAssertions.problems(reports.get(1), english);
        assertTrue(french.size() == 2 && french.get(0).startsWith("starts with audio [fr 'Français' 6ch active]")
                && french.get(1).contains("expected " + ENGLISH_HZ + " Hz"),
                "expected dash.js to start (and be heard) in French, got " + french + "\n" + PlayerHarness.pretty(reports.get(1)));
    }

    private static List<PlaybackReport> play(String label, List<Run> runs) throws Exception {
        return PlaybackTestSupport.playTracks(harness, label, runs, EXPECTED);
    }
}
