package io.github.streamgear.engine.output;

import java.util.List;
import java.util.Optional;

import io.github.streamgear.engine.ladder.Ladder;
import io.github.streamgear.engine.ladder.LadderPlanner;
import io.github.streamgear.engine.ladder.Rendition;
import io.github.streamgear.engine.settings.HlsSegmentType;
import io.github.streamgear.engine.settings.Segmenting;
import io.github.streamgear.engine.settings.StreamFormat;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OutputLayoutTest {

    private final Ladder two = new LadderPlanner(0.1).plan(640, 360, 30, List.of(Rendition.of(320, 180)));
    private final Ladder one = new LadderPlanner(0.1).plan(640, 360, 30, List.of());

    @Test
    void dashNames() {
        OutputLayout dash = new OutputLayout(new Segmenting(StreamFormat.DASH, HlsSegmentType.MPEGTS, 4, "manifest"), two, true);
        assertEquals(Optional.of(new OutputLayout.Classified(FileKind.MANIFEST, null, -1)), dash.classify("manifest.mpd"));
        assertEquals(Optional.of(new OutputLayout.Classified(FileKind.INIT, "180p", -1)), dash.classify("init-1.m4s"));
        assertEquals(Optional.of(new OutputLayout.Classified(FileKind.SEGMENT, "audio", 7)), dash.classify("chunk-2-00007.m4s"));
        assertEquals(Optional.empty(), dash.classify("manifest.m3u8"));
        assertEquals(Optional.empty(), dash.classify("chunk-0-00001.m4s.tmp"));
    }

    @Test
    void hlsNamesIncludingTheSingleVariantInit() {
        OutputLayout hls = new OutputLayout(new Segmenting(StreamFormat.HLS, HlsSegmentType.FMP4, 4, "manifest"), two, true);
        assertEquals(Optional.of(new OutputLayout.Classified(FileKind.PLAYLIST, "360p", -1)), hls.classify("stream_360p.m3u8"));
        assertEquals(Optional.of(new OutputLayout.Classified(FileKind.SEGMENT, "audio", 3)), hls.classify("stream_audio_00003.m4s"));
        assertEquals(Optional.of(new OutputLayout.Classified(FileKind.INIT, "audio", -1)), hls.classify("init_2.mp4"));
        OutputLayout single = new OutputLayout(new Segmenting(StreamFormat.HLS, HlsSegmentType.FMP4, 4, "manifest"), one, false);
        assertEquals(Optional.of(new OutputLayout.Classified(FileKind.INIT, "360p", -1)), single.classify("init.mp4"));
        assertEquals("video/mp4", OutputLayout.contentType("init.mp4", FileKind.INIT));
        assertEquals("video/iso.segment", OutputLayout.contentType("stream_360p_00001.m4s", FileKind.SEGMENT));
    }

    @Test
    void cmafAddsHlsPlaylistsOverTheDashSegments() {
        OutputLayout cmaf = new OutputLayout(new Segmenting(StreamFormat.CMAF, HlsSegmentType.MPEGTS, 4, "manifest"), two, true);
        assertEquals(List.of("manifest.mpd", "manifest.m3u8"), cmaf.manifests());
        assertEquals(Optional.of(new OutputLayout.Classified(FileKind.PLAYLIST, "audio", -1)), cmaf.classify("media_2.m3u8"));
    }
}
