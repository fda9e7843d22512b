package io.github.streamgear.playback;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Thumbnails as players read them, in headless Chromium (src/test/player/thumbnails.mjs, apart from the playback
 * harness): Shaka Player's {@code getImageTracks()} and {@code getThumbnails()} on the DASH and HLS outputs, dash.js's
 * {@code provideThumbnail()} on the DASH output, each asked for the thumbnail at 7 s and 13 s of a 19 s video with a
 * thumbnail every 2 s, 96x54, 3x2 per tile: 7 s is thumbnail 3 (6 to 8 s), the first of the second row of tile 1;
 * 13 s is thumbnail 6, the first of tile 2.
 */
class ThumbnailsPlaybackTest extends CamelTestSupport {

    private static final Path PLAYER = Path.of("src", "test", "player").toAbsolutePath();
    private static final String OPTIONS = "&thumbnails=true&thumbnailInterval=2&thumbnailSize=96&thumbnailGrid=3x2";

    @TempDir
    static Path media;

    @TempDir
    Path out;

    static Path source;

    @BeforeAll
    static void makeSource() throws Exception {
        source = media.resolve("clip.mp4");
        run(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-f", "lavfi", "-i",
                "testsrc2=s=320x180:r=25:d=19", "-f", "lavfi", "-i", "sine=d=19", "-c:v", "libx264", "-preset", "ultrafast",
                "-c:a", "aac", "-shortest", source.toString()));
    }

    @Test
    void dash() throws Exception {
        transcode("format=dash");
        JsonNode report = check("clip/manifest.mpd");
        assertShaka(report);
        // the grid is the track's in DASH (EssentialProperty); in HLS Shaka keeps it per tile (EXT-X-TILES)
        assertEquals("3x2", report.get("shaka").get("imageTracks").get(0).get("tilesLayout").asText(), report.toString());
        JsonNode dash = report.get("dashjs");
        assertEquals(0, dash.path("errors").size(), dash.toString());
        assertDashJs(dash.get("thumbnails").get(0), "tile_00001.jpg", 0, 54);
        assertDashJs(dash.get("thumbnails").get(1), "tile_00002.jpg", 0, 0);
    }

    @Test
    void hls() throws Exception {
        transcode("format=hls");
        assertShaka(check("clip/manifest.m3u8"));
    }

    private static void assertShaka(JsonNode report) {
        JsonNode shaka = report.get("shaka");
        assertEquals(0, shaka.path("errors").size(), shaka.toString());
        assertEquals(1, shaka.get("imageTracks").size(), shaka.toString());
        assertShakaThumbnail(shaka.get("thumbnails").get(0), "tile_00001.jpg", 0, 54, 6);
        assertShakaThumbnail(shaka.get("thumbnails").get(1), "tile_00002.jpg", 0, 0, 12);
    }

    private static void assertShakaThumbnail(JsonNode t, String tile, int x, int y, double start) {
        assertNotNull(t, "a thumbnail");
        assertTrue(t.get("uris").get(0).asText().endsWith("/" + tile), t.toString());
        assertEquals(x, t.get("positionX").asInt(), t.toString());
        assertEquals(y, t.get("positionY").asInt(), t.toString());
        assertEquals(96, t.get("width").asInt(), t.toString());
        assertEquals(54, t.get("height").asInt(), t.toString());
        assertEquals(288, t.get("imageWidth").asInt(), "the whole tile: " + t);
        assertEquals(108, t.get("imageHeight").asInt(), "the whole tile: " + t);
        assertEquals(start, t.get("startTime").asDouble(), 0.01, t.toString());
        assertEquals(2, t.get("duration").asDouble(), 0.01, t.toString());
    }

    private static void assertDashJs(JsonNode t, String tile, int x, int y) {
        assertNotNull(t, "a thumbnail");
        assertTrue(t.get("url").asText().endsWith("/" + tile), t.toString());
        assertEquals(x, t.get("x").asInt(), t.toString());
        assertEquals(y, t.get("y").asInt(), t.toString());
        assertEquals(96, t.get("width").asInt(), t.toString());
        assertEquals(54, t.get("height").asInt(), t.toString());
    }

    private JsonNode check(String manifest) throws Exception {
        String json = run(List.of(System.getProperty("streamgear.node", "node"), PLAYER.resolve("thumbnails.mjs").toString(),
                "--root", out.toString(), "--manifest", manifest, "--times", "7,13"));
        return new ObjectMapper().readTree(json);
    }

    private void transcode(String options) {
        Exchange result = template.request("streamgear:test?outputDir=" + out + "&" + options + OPTIONS,
                e -> e.getIn().setBody(source.toFile()));
        if (result.getException() != null) {
            throw new AssertionError("transcode failed", result.getException());
        }
        assertTrue(Files.exists(out.resolve("clip/tile_00002.jpg")));
    }

    private static String run(List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String text = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(argv + " failed: " + text);
        }
        return text;
    }
}
