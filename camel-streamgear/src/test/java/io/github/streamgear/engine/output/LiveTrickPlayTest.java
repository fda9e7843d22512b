package io.github.streamgear.engine.output;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.github.streamgear.engine.ladder.Ladder;
import io.github.streamgear.engine.ladder.LadderPlanner;
import io.github.streamgear.engine.settings.HlsSegmentType;
import io.github.streamgear.engine.settings.Segmenting;
import io.github.streamgear.engine.settings.StreamFormat;
import io.github.streamgear.engine.settings.Thumbnails;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A segment FFmpeg deletes while the published I-frame playlist still names it: its removal waits for a new version. */
class LiveTrickPlayTest {

    @TempDir
    Path dir;

    @Test
    void aSegmentRemovalIsHeldWhileThePublishedIFramePlaylistNamesIt() throws Exception {
        Ladder one = new LadderPlanner(0.1).plan(640, 360, 30, List.of());
        OutputLayout layout = new OutputLayout(new Segmenting(StreamFormat.HLS, HlsSegmentType.MPEGTS, 1, "manifest"), one,
                false);
        String name = layout.renditionNames().get(0);
        LiveTrickPlay trick = new LiveTrickPlay(dir, layout, Thumbnails.of(false, 5, 320, "5x5", false, true), 1);
        String iframes = ThumbnailNames.iframePlaylist(name);

        Files.writeString(dir.resolve(iframes), playlist("stream_" + name + "_00001.ts", "stream_" + name + "_00002.ts"));
        assertEquals(List.of(), trick.passedOn(event(OutputEvent.Type.COMPLETED, iframes, FileKind.PLAYLIST, name, -1)));

        OutputEvent named = event(OutputEvent.Type.REMOVED, "stream_" + name + "_00001.ts", FileKind.SEGMENT, name, 1);
        OutputEvent unnamed = event(OutputEvent.Type.REMOVED, "stream_" + name + "_00000.ts", FileKind.SEGMENT, name, 0);
        assertTrue(trick.hold(named), "named by the published I-frame playlist: held");
        assertFalse(trick.hold(unnamed), "named by none: passed on");

        Files.writeString(dir.resolve(iframes), playlist("stream_" + name + "_00002.ts", "stream_" + name + "_00003.ts"));
        assertEquals(List.of(named), trick.passedOn(event(OutputEvent.Type.COMPLETED, iframes, FileKind.PLAYLIST, name, -1)),
                "released once a version that no longer names it was passed on");
        assertEquals(List.of(), trick.releaseAll());
    }

    private OutputEvent event(OutputEvent.Type type, String name, FileKind kind, String rendition, long sequence)
            throws Exception {
        Path file = dir.resolve(name);
        long size = type == OutputEvent.Type.REMOVED || !Files.exists(file) ? -1 : Files.size(file);
        return new OutputEvent(type, new OutputFile(file, name, kind, "", rendition, sequence, size), Instant.EPOCH);
    }

    private static String playlist(String... segments) {
        StringBuilder out = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:4\n#EXT-X-TARGETDURATION:1\n#EXT-X-MEDIA-SEQUENCE:0\n"
                                              + "#EXT-X-I-FRAMES-ONLY\n");
        for (String s : segments) {
            out.append("#EXTINF:1.000000,\n#EXT-X-BYTERANGE:1000@0\n").append(s).append('\n');
        }
        return out.toString();
    }
}
