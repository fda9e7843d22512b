package io.github.streamgear.engine.output;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.streamgear.engine.output.OutputLayout.Classified;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThumbnailTrackTest {

    /** 11 pictures of 160x90 every 5 s, 2x2 per tile: three tiles (of 1000 bytes), the last holding three pictures. */
    private static ThumbnailTrack.Tiles TILES;

    @TempDir
    static Path dir;

    @BeforeAll
    static void tiles() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            files.add(Files.write(dir.resolve(ThumbnailNames.tile(i)), new byte[1000]));
        }
        TILES = new ThumbnailTrack.Tiles(files, 160, 90, 2, 2, 5, 11, 52.5);
    }

    @Test
    void vttCuesWalkTheGridRowByRow() {
        String vtt = ThumbnailTrack.vtt(TILES);
        assertTrue(vtt.startsWith("WEBVTT\n"));
        assertTrue(vtt.contains("\n1\n00:00:00.000 --> 00:00:05.000\ntile_00001.jpg#xywh=0,0,160,90\n"), vtt);
        assertTrue(vtt.contains("\n2\n00:00:05.000 --> 00:00:10.000\ntile_00001.jpg#xywh=160,0,160,90\n"), vtt);
        assertTrue(vtt.contains("\n3\n00:00:10.000 --> 00:00:15.000\ntile_00001.jpg#xywh=0,90,160,90\n"), vtt);
        assertTrue(vtt.contains("\n5\n00:00:20.000 --> 00:00:25.000\ntile_00002.jpg#xywh=0,0,160,90\n"), vtt);
        assertTrue(vtt.endsWith("\n11\n00:00:50.000 --> 00:00:52.500\ntile_00003.jpg#xywh=0,90,160,90\n"), vtt);
    }

    @Test
    void mpdGainsAnImageAdaptationSetInItsPeriod() throws Exception {
        String mpd = "<MPD>\n\t<Period id=\"0\" start=\"PT0.0S\">\n\t\t<AdaptationSet id=\"0\" contentType=\"video\">\n"
                     + "\t\t</AdaptationSet>\n\t\t<AdaptationSet id=\"1\" contentType=\"audio\">\n\t\t</AdaptationSet>\n"
                     + "\t</Period>\n</MPD>\n";
        String out = ThumbnailTrack.withImageAdaptationSet(mpd, TILES);
        assertTrue(out.contains("\t\t<AdaptationSet id=\"2\" contentType=\"image\" mimeType=\"image/jpeg\">\n"
                                + "\t\t\t<SegmentTemplate media=\"tile_$Number%05d$.jpg\" timescale=\"1000\" duration=\"20000\""
                                + " startNumber=\"1\"/>\n"), out);
        assertTrue(out.contains("width=\"320\" height=\"180\">\n\t\t\t\t<EssentialProperty"
                                + " schemeIdUri=\"http://dashif.org/thumbnail_tile\" value=\"2x2\"/>\n"), out);
        assertTrue(out.endsWith("\t\t</AdaptationSet>\n\t</Period>\n</MPD>\n"), out);
        assertEquals(out, ThumbnailTrack.withImageAdaptationSet(out, TILES), "added once");
        // 1000 bytes per 20 s tile: 400 bit/s
        assertTrue(out.contains("<Representation id=\"thumbnails\" bandwidth=\"400\" "), out);
    }

    @Test
    void hlsImagePlaylistGivesEachTileItsSpanAndGrid() {
        String m3u8 = ThumbnailTrack.imagePlaylist(TILES);
        assertTrue(m3u8.startsWith("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:20\n"), m3u8);
        assertTrue(m3u8.contains("#EXT-X-IMAGES-ONLY\n#EXTINF:20.000,\n"
                                 + "#EXT-X-TILES:RESOLUTION=160x90,LAYOUT=2x2,DURATION=5.000\ntile_00001.jpg\n"), m3u8);
        assertTrue(m3u8.endsWith("#EXTINF:12.500,\n#EXT-X-TILES:RESOLUTION=160x90,LAYOUT=2x2,DURATION=5.000\n"
                                 + "tile_00003.jpg\n#EXT-X-ENDLIST\n"), m3u8);
    }

    @Test
    void namesAreClassified() {
        assertEquals(new Classified(FileKind.THUMBNAIL, "thumbnails", 12), ThumbnailNames.classify("tile_00012.jpg").get());
        assertEquals(FileKind.THUMBNAIL, ThumbnailNames.classify("poster.jpg").get().kind());
        assertEquals(FileKind.PLAYLIST, ThumbnailNames.classify("thumbnails.vtt").get().kind());
        assertEquals(new Classified(FileKind.PLAYLIST, "720p", -1), ThumbnailNames.classify("iframes_720p.m3u8").get());
        assertEquals("image/jpeg", OutputLayout.contentType("tile_00001.jpg", FileKind.THUMBNAIL));
        assertEquals("text/vtt", OutputLayout.contentType("thumbnails.vtt", FileKind.PLAYLIST));
        assertTrue(FileKind.THUMBNAIL.compareTo(FileKind.PLAYLIST) < 0, "tiles are published before what lists them");
    }
}
