package io.github.streamgear.playback;

import io.github.streamgear.testing.TestMedia;
import org.junit.jupiter.api.Test;

import static io.github.streamgear.playback.Player.DASHJS;
import static io.github.streamgear.playback.Player.HLS_JS;
import static io.github.streamgear.playback.Player.SHAKA;

/**
 * Outputs whose top rung is the source's video copied, played start to end in the browser players: packaging only
 * ({@code videoCodec=copy}) and a copied primary with an encoded 320x180 ({@code copyPrimary=auto}), in DASH, HLS with
 * MPEG-TS segments and CMAF, from a source with a keyframe every 2 s (4 s segments).
 */
class CopyPlaybackTest extends PlaybackTestSupport {

    @Test
    void packagingOnly() throws Exception {
        transcode(job("dash", "format=dash&videoCodec=copy", TestMedia.streamable()),
                job("hls-ts", "format=hls&videoCodec=copy", TestMedia.streamable()),
                job("cmaf", "format=cmaf&videoCodec=copy", TestMedia.streamable()));
        quality(6, 4, true, "dash/manifest.mpd", "hls-ts/manifest.m3u8", "cmaf/manifest.mpd", "cmaf/manifest.m3u8");
        assertVodPlays("copy", 25, target(out.resolve("dash/manifest.mpd"), SHAKA, DASHJS),
                target(out.resolve("hls-ts/manifest.m3u8"), HLS_JS, SHAKA),
                target(out.resolve("cmaf/manifest.mpd"), SHAKA, DASHJS),
                target(out.resolve("cmaf/manifest.m3u8"), HLS_JS, SHAKA));
    }

    @Test
    void copiedPrimary() throws Exception {
        String ladder = "&copyPrimary=auto&streams=320x180";
        transcode(job("dash", "format=dash" + ladder, TestMedia.streamable()),
                job("hls-ts", "format=hls" + ladder, TestMedia.streamable()),
                job("cmaf", "format=cmaf" + ladder, TestMedia.streamable()));
        quality(6, 4, true, "dash/manifest.mpd", "hls-ts/manifest.m3u8", "cmaf/manifest.mpd", "cmaf/manifest.m3u8");
        assertVodPlays("copied-primary", 25, target(out.resolve("dash/manifest.mpd"), SHAKA, DASHJS),
                target(out.resolve("hls-ts/manifest.m3u8"), HLS_JS, SHAKA),
                target(out.resolve("cmaf/manifest.mpd"), SHAKA, DASHJS),
                target(out.resolve("cmaf/manifest.m3u8"), HLS_JS, SHAKA));
    }
}
