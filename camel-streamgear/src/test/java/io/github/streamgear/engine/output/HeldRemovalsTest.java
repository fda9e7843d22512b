package io.github.streamgear.engine.output;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A live segment FFmpeg removes while a version passed on still lists it (a rendition's playlist one segment behind
 * the others): its removal waits until every manifest and playlist passed on has a version that no longer lists it.
 */
class HeldRemovalsTest {

    private final HeldRemovals removals = new HeldRemovals();

    @Test
    void aRemovalWaitsForEveryVersionThatListsTheFile() {
        assertEquals(List.of(), removals.passedOn(version("media_1.m3u8", FileKind.PLAYLIST,
                playlist("chunk-1-00016.m4s", "chunk-1-00017.m4s"))));
        assertEquals(List.of(), removals.passedOn(version("media_0.m3u8", FileKind.PLAYLIST,
                playlist("chunk-0-00017.m4s", "chunk-0-00018.m4s"))));

        OutputEvent listed = removed("chunk-1-00016.m4s");
        OutputEvent unlisted = removed("chunk-0-00016.m4s");
        assertTrue(removals.hold(listed), "listed by media_1.m3u8's last version: held");
        assertFalse(removals.hold(unlisted), "listed by no version passed on: passed on");
        assertFalse(removals.hold(new OutputEvent(OutputEvent.Type.COMPLETED, file("chunk-1-00016.m4s", FileKind.SEGMENT),
                Instant.EPOCH)), "only removals are held");

        assertEquals(List.of(), removals.passedOn(version("media_0.m3u8", FileKind.PLAYLIST,
                playlist("chunk-0-00018.m4s", "chunk-0-00019.m4s"))), "another playlist's version releases nothing");
        assertEquals(List.of(listed), removals.passedOn(version("media_1.m3u8", FileKind.PLAYLIST,
                playlist("chunk-1-00017.m4s", "chunk-1-00018.m4s"))), "released by the version that stopped listing it");
        assertEquals(List.of(), removals.releaseAll());
    }

    @Test
    void aFileListedBySeveralIsReleasedWhenTheLastStopsAndAtTheEnd() {
        removals.passedOn(version("manifest.mpd", FileKind.MANIFEST, mpd(16, 3)));
        removals.passedOn(version("media_1.m3u8", FileKind.PLAYLIST, playlist("chunk-1-00016.m4s")));
        OutputEvent first = removed("chunk-1-00016.m4s");
        assertTrue(removals.hold(first));

        assertEquals(List.of(), removals.passedOn(version("media_1.m3u8", FileKind.PLAYLIST,
                playlist("chunk-1-00017.m4s"))), "the MPD passed on still lists it");
        assertEquals(List.of(first), removals.passedOn(version("manifest.mpd", FileKind.MANIFEST, mpd(17, 3))));

        OutputEvent second = removed("chunk-1-00017.m4s");
        assertTrue(removals.hold(second));
        assertEquals(List.of(), removals.passedOn(new OutputEvent(OutputEvent.Type.REMOVED,
                file("thumbnails.vtt", FileKind.PLAYLIST), Instant.EPOCH)), "a file that lists nothing: nothing changes");
        assertEquals(List.of(second), removals.releaseAll(), "the stream ended: whatever still lists it");
    }

    /** The I-frame playlists the component writes (live trick play) hold their segments as the media playlists do. */
    @Test
    void anIFramePlaylistPassedOnHoldsTheSegmentsItNames() {
        removals.passedOn(version("iframes_180p.m3u8", FileKind.PLAYLIST,
                iframes("stream_180p_00001.ts", "stream_180p_00002.ts")));
        OutputEvent named = removed("stream_180p_00001.ts");
        assertTrue(removals.hold(named), "named by the I-frame playlist passed on: held");
        assertFalse(removals.hold(removed("stream_180p_00000.ts")), "named by none: passed on");

        assertEquals(List.of(named), removals.passedOn(version("iframes_180p.m3u8", FileKind.PLAYLIST,
                iframes("stream_180p_00002.ts", "stream_180p_00003.ts"))), "released with the version that stopped naming it");
    }

    @Test
    void theRemovalOfAPlaylistForgetsWhatItListed() {
        assertFalse(removals.wasPassedOn("media_1.m3u8"));
        removals.passedOn(version("media_1.m3u8", FileKind.PLAYLIST, playlist("chunk-1-00016.m4s")));
        assertTrue(removals.wasPassedOn("media_1.m3u8"), "what a held HLS master waits for");
        OutputEvent segment = removed("chunk-1-00016.m4s");
        assertTrue(removals.hold(segment));
        assertEquals(List.of(segment), removals.passedOn(removed("media_1.m3u8")));
        assertFalse(removals.wasPassedOn("media_1.m3u8"));
    }

    private static OutputEvent version(String name, FileKind kind, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new OutputEvent(OutputEvent.Type.COMPLETED, file(name, kind), Instant.EPOCH, bytes);
    }

    private static OutputEvent removed(String name) {
        return new OutputEvent(OutputEvent.Type.REMOVED, file(name, name.endsWith(".m3u8") ? FileKind.PLAYLIST
                : FileKind.SEGMENT), Instant.EPOCH);
    }

    private static OutputFile file(String name, FileKind kind) {
        return new OutputFile(Path.of("/job", name), name, kind, "", null, -1, -1);
    }

    private static String playlist(String... segments) {
        StringBuilder out = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:1\n#EXT-X-MAP:URI=\"init-1.m4s\"\n");
        for (String s : segments) {
            out.append("#EXTINF:1.000000,\n").append(s).append('\n');
        }
        return out.toString();
    }

    private static String iframes(String... segments) {
        StringBuilder out = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:4\n#EXT-X-TARGETDURATION:1\n#EXT-X-MEDIA-SEQUENCE:0\n"
                                              + "#EXT-X-I-FRAMES-ONLY\n");
        for (String s : segments) {
            out.append("#EXTINF:1.000000,\n#EXT-X-BYTERANGE:1000@0\n").append(s).append('\n');
        }
        return out.toString();
    }

    /** A live MPD whose representation 1 lists {@code count} segments from {@code first}. */
    private static String mpd(int first, int count) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\" type=\"dynamic\"><Period id=\"0\"><AdaptationSet id=\"0\">"
                + "<Representation id=\"1\" bandwidth=\"36000\"><SegmentTemplate timescale=\"12800\""
                + " initialization=\"init-$RepresentationID$.m4s\" media=\"chunk-$RepresentationID$-$Number%05d$.m4s\""
                + " startNumber=\"" + first + "\"><SegmentTimeline><S t=\"" + (first - 1) * 12800 + "\" d=\"12800\" r=\""
                + (count - 1) + "\"/></SegmentTimeline></SegmentTemplate></Representation></AdaptationSet></Period></MPD>";
    }
}
