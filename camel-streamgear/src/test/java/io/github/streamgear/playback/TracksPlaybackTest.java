package io.github.streamgear.playback;

import io.github.streamgear.playback.PlayerHarness.TrackScenario;
import io.github.streamgear.playback.TrackAssertions.Expected;
import io.github.streamgear.testing.TestMedia;
import org.junit.jupiter.api.Test;

import static io.github.streamgear.playback.Player.DASHJS;
import static io.github.streamgear.playback.Player.HLS_JS;
import static io.github.streamgear.playback.Player.SHAKA;

/**
 * The film's tracks ({@link TestMedia#film()}: English stereo at 440 Hz, French 5.1 at 220 Hz, English SubRip, French
 * forced ASS, a DVD bitmap track that is skipped, a German side-car) as the component publishes them, in every player
 * that plays each format: the audio languages and text tracks are listed with their names and channels, English plays
 * first, switching to French mid-play is heard and playback goes on, and the English subtitles show each cue on time.
 */
class TracksPlaybackTest extends PlaybackTestSupport {

    /** The source's timeline: its video starts at 0.021 s, "Hello one" at 1.021 s, "Hello two" at 4.021 s. */
    static final TrackScenario SCENARIO = TrackScenario.play().showText("eng").switchAudio("fra", 2.0)
            .sampleCues(1.5, 4.5).probeAudio();

    static final Expected EXPECTED = Expected.tracks()
            .audio("eng", "English", 2).audio("fra", "Français 5.1", 6)
            .text("eng", "English").text("fra", null).text("deu", "Deutsch")
            .startsWith("eng")
            .cue(1.5, "Hello one", 1.021).cue(4.5, "Hello two", 4.021)
            .tones(440, 220)
            .noConsoleErrors();

    @Test
    void everyTrackInEveryPlayer() throws Exception {
        String options = "segmentDuration=2&streams=160x120";
        transcode(job("dash", "format=dash&" + options, TestMedia.film()),
                job("hls-ts", "format=hls&" + options, TestMedia.film()),
                job("hls-fmp4", "format=hls&hlsSegmentType=fmp4&" + options, TestMedia.film()),
                job("cmaf", "format=cmaf&" + options, TestMedia.film()));
        assertTracksPlay("film-tracks", SCENARIO, EXPECTED,
                target(out.resolve("dash/manifest.mpd"), SHAKA, DASHJS),
                target(out.resolve("cmaf/manifest.mpd"), SHAKA, DASHJS),
                target(out.resolve("hls-ts/manifest.m3u8"), HLS_JS, SHAKA),
                target(out.resolve("hls-fmp4/manifest.m3u8"), HLS_JS, SHAKA),
                target(out.resolve("cmaf/manifest.m3u8"), HLS_JS, SHAKA));
    }
}
