package io.github.streamgear.playback;

import io.github.streamgear.testing.TestMedia;
import org.junit.jupiter.api.Test;

import static io.github.streamgear.playback.Player.DASHJS;
import static io.github.streamgear.playback.Player.HLS_JS;
import static io.github.streamgear.playback.Player.SHAKA;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Single-source outputs checked for stream quality (ffprobe and the manifests) and played in hls.js, Shaka Player and
 * dash.js: every rendition, start to end.
 */
class SingleSourcePlaybackTest extends PlaybackTestSupport {

    /** DASH, HLS with MPEG-TS segments and HLS with fMP4 segments, from the standard source (8 s, 2 s segments). */
    @Test
    void dashHlsMpegtsAndHlsFmp4() throws Exception {
        transcode(job("dash", "format=dash&streams=320x180&segmentDuration=2", TestMedia.standard()),
                job("hls-ts", "format=hls&hlsSegmentType=mpegts&streams=320x180&segmentDuration=2", TestMedia.standard()),
                job("hls-fmp4", "format=hls&hlsSegmentType=fmp4&streams=320x180&segmentDuration=2", TestMedia.standard()));
        quality(8, 2, true, "dash/manifest.mpd", "hls-ts/manifest.m3u8", "hls-fmp4/manifest.m3u8");
        // the checks can fail: a wrong segment target, source duration or audio expectation is caught
        assertThrows(AssertionError.class, () -> quality(8, 3, true, "dash/manifest.mpd"));
        assertThrows(AssertionError.class, () -> quality(10, 2, true, "hls-ts/manifest.m3u8"));
        assertThrows(AssertionError.class, () -> quality(8, 2, false, "hls-fmp4/manifest.m3u8"));
        assertVodPlays("single", 30, target(out.resolve("dash/manifest.mpd"), SHAKA, DASHJS),
                target(out.resolve("hls-ts/manifest.m3u8"), HLS_JS, SHAKA),
                target(out.resolve("hls-fmp4/manifest.m3u8"), HLS_JS, SHAKA));
    }

    /** CMAF: one set of fMP4 segments, the MPD played by the DASH players and the HLS master by the HLS players. */
    @Test
    void cmafBothManifests() throws Exception {
        transcode(job("cmaf", "format=cmaf&streams=320x180&segmentDuration=2", TestMedia.standard()));
        quality(8, 2, true, "cmaf/manifest.mpd", "cmaf/manifest.m3u8");
        assertVodPlays("single", 30, target(out.resolve("cmaf/manifest.mpd"), SHAKA, DASHJS),
                target(out.resolve("cmaf/manifest.m3u8"), HLS_JS, SHAKA));
    }

    /**
     * 641x361, 4:4:4 chroma: the top rendition is made even (640x360) and 4:2:0, which browsers decode. The rungs keep
     * the source's display aspect ratio with a SAR of 351:352, so Chromium shows them 640x361 and 320x181.
     */
    @Test
    void oddDimensions() throws Exception {
        transcode(job("odd", "format=cmaf&streams=320x180&segmentDuration=1", TestMedia.oddDimensions()));
        quality(6, 1, true, "odd/manifest.mpd", "odd/manifest.m3u8");
        assertVodPlays("odd", 25, target(out.resolve("odd/manifest.mpd"), SHAKA, DASHJS),
                target(out.resolve("odd/manifest.m3u8"), HLS_JS, SHAKA));
    }

    /** 360x640: the renditions keep the orientation (the 640x360 box gives 202x360, shown 203x360: SAR 405:404). */
    @Test
    void portrait() throws Exception {
        transcode(job("portrait-hls", "format=hls&streams=640x360&segmentDuration=1", TestMedia.portrait()),
                job("portrait-dash", "format=dash&streams=640x360&segmentDuration=1", TestMedia.portrait()));
        quality(6, 1, true, "portrait-hls/manifest.m3u8", "portrait-dash/manifest.mpd");
        assertVodPlays("portrait", 30, target(out.resolve("portrait-hls/manifest.m3u8"), HLS_JS, SHAKA),
                target(out.resolve("portrait-dash/manifest.mpd"), SHAKA, DASHJS));
    }

    /** Video only: no audio track listed or decoded, and playback still reaches the end. */
    @Test
    void noAudio() throws Exception {
        transcode(job("silent-hls", "format=hls&streams=320x180&segmentDuration=1", TestMedia.noAudio()),
                job("silent-cmaf", "format=cmaf&streams=320x180&segmentDuration=1", TestMedia.noAudio()));
        quality(6, 1, false, "silent-hls/manifest.m3u8", "silent-cmaf/manifest.mpd", "silent-cmaf/manifest.m3u8");
        assertVodPlays("no-audio", 30, target(out.resolve("silent-hls/manifest.m3u8"), HLS_JS, SHAKA),
                target(out.resolve("silent-cmaf/manifest.mpd"), SHAKA, DASHJS),
                target(out.resolve("silent-cmaf/manifest.m3u8"), HLS_JS, SHAKA));
    }
}
