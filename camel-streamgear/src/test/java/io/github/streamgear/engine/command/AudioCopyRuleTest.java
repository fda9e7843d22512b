package io.github.streamgear.engine.command;

import java.util.List;

import io.github.streamgear.engine.probe.AudioStream;
import io.github.streamgear.engine.probe.MediaInfo;
import io.github.streamgear.engine.settings.Encoding;
import io.github.streamgear.engine.settings.TrackSelection;
import io.github.streamgear.engine.tracks.TrackPlan;
import io.github.streamgear.engine.tracks.TrackPlanner;
import io.github.streamgear.testing.TestSettings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which probed audio {@link AudioCopy} copies, and which options make it encode. */
class AudioCopyRuleTest {

    private static final AudioStream.Coding FIT = new AudioStream.Coding("aac", "LC", 48_000, "stereo", 128);

    @Test
    void aacLcStereoAtOrBelowTheBitrateIsCopied() {
        assertCopied(Encoding.DEFAULTS, FIT, 2);
        assertCopied(Encoding.DEFAULTS, new AudioStream.Coding("aac", "LC", 44_100, "mono", 64), 1);
        assertCopied(Encoding.DEFAULTS, new AudioStream.Coding("aac", "LC", 48_000, "stereo", 134), 2); // within 5%
        assertCopied(TestSettings.streams("").audioChannels(2).build().encoding(), FIT, 2);
        assertCopied(TestSettings.streams("").audio("aac", "192k").build().encoding(), FIT, 2);
    }

    @Test
    void unfitAudioIsEncodedNamingWhy() {
        assertEncoded(Encoding.DEFAULTS, new AudioStream.Coding("aac", "HE-AAC", 48_000, "stereo", 64), 2, "not AAC-LC");
        assertEncoded(Encoding.DEFAULTS, new AudioStream.Coding("mp3", "", 44_100, "stereo", 128), 2, "mp3, not AAC-LC");
        assertEncoded(Encoding.DEFAULTS, new AudioStream.Coding("aac", "LC", 96_000, "stereo", 128), 2, "96000 Hz");
        assertEncoded(Encoding.DEFAULTS, new AudioStream.Coding("aac", "LC", 48_000, "5.1", 128), 6, "not mono or stereo");
        assertEncoded(Encoding.DEFAULTS, new AudioStream.Coding("aac", "LC", 48_000, "stereo", 320), 2,
                "more than audioBitrate=128k");
        assertEncoded(Encoding.DEFAULTS, new AudioStream.Coding("aac", "LC", 48_000, "stereo", 0), 2, "no known bitrate");
        assertEncoded(Encoding.DEFAULTS, AudioStream.Coding.UNKNOWN, 2, "unknown codec");
    }

    @Test
    void audioOptionsThatNeedTheEncoderAreHonoured() {
        assertEncoded(TestSettings.streams("").audio("aac", "96k").build().encoding(), FIT, 2, "audioBitrate=96k");
        assertEncoded(TestSettings.streams("").audio("libopus", "128k").build().encoding(), FIT, 2, "audioCodec=libopus");
        assertEncoded(TestSettings.streams("").audioChannels(1).build().encoding(), FIT, 2, "audioChannels=1");
        for (List<String> raw : List.of(List.of("-af", "volume=2"), List.of("-ar", "44100"), List.of("-b:a", "64k"),
                List.of("-filter:a:0", "volume=2"))) {
            assertEncoded(TestSettings.streams("").outputOptions(raw).build().encoding(), FIT, 2, raw.get(0));
        }
        // a video option does not stop the copy
        assertCopied(TestSettings.streams("").outputOptions(List.of("-tune", "film")).build().encoding(), FIT, 2);
    }

    private static AudioCopy.Decision decide(Encoding e, AudioStream.Coding coding, int channels) {
        MediaInfo media = new MediaInfo(640, 360, 25, 6, "h264", true, coding.codec(), "mov,mp4,m4a,3gp,3g2,mj2",
                List.of(new AudioStream(1, null, null, channels, true, false, false, coding)), List.of());
        TrackPlan tracks = new TrackPlanner(TrackSelection.DEFAULTS, e).plan(media, List.of());
        return AudioCopy.decide(e, media, tracks);
    }

    private static void assertCopied(Encoding e, AudioStream.Coding coding, int channels) {
        AudioCopy.Decision d = decide(e, coding, channels);
        assertTrue(d.copy(), coding + ": " + d.reason());
    }

    private static void assertEncoded(Encoding e, AudioStream.Coding coding, int channels, String why) {
        AudioCopy.Decision d = decide(e, coding, channels);
        assertFalse(d.copy(), coding + " copied: " + d.reason());
        assertTrue(d.reason().contains(why), d.reason());
    }
}
