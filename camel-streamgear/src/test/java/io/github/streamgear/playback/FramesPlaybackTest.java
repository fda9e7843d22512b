package io.github.streamgear.playback;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.streamgear.testing.StreamAssertions;
import io.github.streamgear.testing.TestMedia;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.streamgear.playback.Player.DASHJS;
import static io.github.streamgear.playback.Player.HLS_JS;
import static io.github.streamgear.playback.Player.SHAKA;

/**
 * Frames-mode VOD sessions (raw frames sent through the route, then ended), one without and one with external audio,
 * checked for stream quality and played in every applicable player.
 */
class FramesPlaybackTest extends PlaybackTestSupport {

    private static final int FPS = 25;
    private static final int SECONDS = 4;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "dash", "hls", "cmaf" })
    void framesVodWithAndWithoutExternalAudio(String format) throws Exception {
        List<CompletableFuture<Void>> sessions = new ArrayList<>();
        List<Target> targets = new ArrayList<>();
        for (String job : List.of("frames-" + format, "frames-" + format + "-audio")) {
            String uri = "streamgear:" + job + "?format=" + format + "&frameWidth=640&frameHeight=360&inputFramerate=" + FPS
                    + "&segmentDuration=1&streams=320x180"
                    + (job.endsWith("-audio") ? "&audio=" + TestMedia.standard() : "") + "&outputDir=" + out;
            prime(uri);
            sessions.add(CompletableFuture.runAsync(() -> streamFrames(uri, job, 640, 360, SECONDS * FPS)));
            if (!format.equals("hls")) {
                targets.add(target(out.resolve(job + "/manifest.mpd"), SHAKA, DASHJS));
            }
            if (!format.equals("dash")) {
                targets.add(target(out.resolve(job + "/manifest.m3u8"), HLS_JS, SHAKA));
            }
        }
        sessions.forEach(CompletableFuture::join);
        for (Target t : targets) {
            StreamAssertions.assertStreamQuality(t.manifest(), SECONDS, 1, t.manifest().getParent().getFileName().toString()
                    .endsWith("-audio"));
        }
        assertVodPlays("frames-" + format, FPS, targets.toArray(Target[]::new));
    }
}
