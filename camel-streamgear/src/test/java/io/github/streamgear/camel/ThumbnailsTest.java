package io.github.streamgear.camel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.streamgear.testing.Processes;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.streamgear.testing.StreamAssertions.assertReplyMatchesDisk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Thumbnail tiles, their three indexes (WebVTT, DASH image adaptation set, HLS image stream) and the poster, from a
 * source whose colour tells the time: its hue turns 18 degrees at every half second (0.5 s, 1.5 s, ...), so a picture
 * taken at a whole second k shows the colour of second k, and one taken a second early or late shows another.
 */
class ThumbnailsTest extends CamelTestSupport {

    private static final Pattern CUE = Pattern.compile(
            "(\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{3}) --> [0-9:.]+\\n(tile_\\d{5}\\.jpg)#xywh=(\\d+),(\\d+),(\\d+),(\\d+)");

    @TempDir
    static Path media;

    @TempDir
    Path out;

    static Path clock;

    @BeforeAll
    static void makeSource() throws Exception {
        clock = media.resolve("clock.mp4");
        // 19 s, 320x180, 25 fps: the colour of second k is red turned by 18*k degrees, changing at k + 0.5 s
        TestMediaSupport.ffmpeg("-f", "lavfi", "-i", "color=c=0xE02020:s=320x180:r=25:d=19,hue=H=PI/10*floor(t+0.5):s=1.4",
                "-f", "lavfi", "-i", "sine=d=19", "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-c:a", "aac",
                "-shortest", clock.toString());
    }

    @AfterEach
    void noProcessLeft() {
        assertEquals(List.of(), Processes.leftoverFfmpeg(), "FFmpeg processes left running");
    }

    @Test
    void dashTilesShowTheirMomentAndAreListedAfterTheyAreDelivered() throws Exception {
        List<Message> reply = transcode("format=dash&thumbnails=true&thumbnailInterval=2&thumbnailSize=96"
                                        + "&thumbnailGrid=3x2&poster=true");
        assertReplyMatchesDisk(reply, out, "clock");
        Path job = out.resolve("clock");
        List<String> names = names(reply);
        // 19 s every 2 s: 10 pictures (0, 2, ... 18 s), 6 per tile: two tiles, the second partly filled
        assertTrue(names.containsAll(List.of("clock/tile_00001.jpg", "clock/tile_00002.jpg", "clock/thumbnails.vtt",
                "clock/poster.jpg")), names.toString());
        assertPublishedBefore(names, "clock/tile_00002.jpg", "clock/thumbnails.vtt");
        assertPublishedBefore(names, "clock/thumbnails.vtt", "clock/manifest.mpd");
        assertEquals("image/jpeg", header(reply, "clock/tile_00001.jpg", Exchange.CONTENT_TYPE));
        assertEquals("thumbnail", header(reply, "clock/tile_00001.jpg", "CamelStreamGearFileKind"));
        assertEquals("text/vtt", header(reply, "clock/thumbnails.vtt", Exchange.CONTENT_TYPE));

        List<Cue> cues = cues(job.resolve("thumbnails.vtt"));
        assertEquals(10, cues.size());
        for (Cue cue : cues) {
            int[] sprite = size(job.resolve(cue.tile()));
            assertEquals(96 * 3, sprite[0], "sprite width");
            assertEquals(54 * 2, sprite[1], "sprite height");
            assertTrue(cue.x() >= 0 && cue.y() >= 0 && cue.x() + cue.w() <= sprite[0] && cue.y() + cue.h() <= sprite[1],
                    cue + " lies inside its sprite " + sprite[0] + "x" + sprite[1]);
            int[] shown = average(rgb(job.resolve(cue.tile()), sprite), sprite[0], cue.x() + 8, cue.y() + 8, cue.w() - 16,
                    cue.h() - 16);
            int[] frame = sourceColour(cue.seconds());
            assertTrue(distance(shown, frame) < 30, cue + ": tile shows " + str(shown) + ", the source at "
                                                    + cue.seconds() + " s is " + str(frame));
            // and it is the moment of the cue, not a second before or after (hues of neighbouring seconds)
            for (double other : new double[] {cue.seconds() - 1, cue.seconds() + 1}) {
                if (other >= 0 && other < 19) {
                    assertTrue(distance(shown, frame) < distance(shown, sourceColour(other)), cue + " shows " + str(shown)
                               + ", nearer to the source at " + other + " s than at " + cue.seconds() + " s");
                }
            }
        }

        String mpd = Files.readString(job.resolve("manifest.mpd"));
        assertTrue(mpd.contains("contentType=\"image\"") && mpd.contains("mimeType=\"image/jpeg\""), mpd);
        assertTrue(mpd.contains("<EssentialProperty schemeIdUri=\"http://dashif.org/thumbnail_tile\" value=\"3x2\"/>"), mpd);
        assertTrue(mpd.contains("media=\"tile_$Number%05d$.jpg\" timescale=\"1000\" duration=\"12000\" startNumber=\"1\""),
                mpd);
        assertTrue(mpd.contains("width=\"288\" height=\"108\""), mpd);
        // the image set does not hide how long the media play (the short-output check reads it)
        assertTrue(mpd.contains("mediaPresentationDuration=\"PT19.0"), mpd);
        assertEquals(19.0, io.github.streamgear.engine.output.OutputVerifier.duration(job, List.of(
                new io.github.streamgear.engine.output.OutputFile(job.resolve("manifest.mpd"), "manifest.mpd",
                        io.github.streamgear.engine.output.FileKind.MANIFEST, "", null, -1, 0))).orElse(-1), 0.1);

        // the poster: a frame of the video at the largest rendition's size, from 10% of it (second 2: hue of second 2)
        int[] poster = size(job.resolve("poster.jpg"));
        assertEquals(List.of(320, 180), List.of(poster[0], poster[1]));
        int[] posterColour = average(rgb(job.resolve("poster.jpg"), poster), poster[0], 40, 40, 240, 100);
        assertTrue(distance(posterColour, sourceColour(2)) < 30 || distance(posterColour, sourceColour(3)) < 30,
                "poster shows " + str(posterColour));
    }

    @Test
    void hlsImageStreamAndPlaylist() throws Exception {
        List<Message> reply = transcode("format=hls&thumbnails=true&thumbnailInterval=2&thumbnailSize=96&thumbnailGrid=3x2");
        assertReplyMatchesDisk(reply, out, "clock");
        Path job = out.resolve("clock");
        List<String> names = names(reply);
        assertPublishedBefore(names, "clock/tile_00002.jpg", "clock/thumbnails.m3u8");
        assertPublishedBefore(names, "clock/thumbnails.m3u8", "clock/manifest.m3u8");
        String master = Files.readString(job.resolve("manifest.m3u8"));
        assertTrue(master.contains(
                "#EXT-X-IMAGE-STREAM-INF:BANDWIDTH=") && master.contains(",RESOLUTION=96x54,CODECS=\"jpeg\",URI=\"thumbnails.m3u8\""),
                master);
        String images = Files.readString(job.resolve("thumbnails.m3u8"));
        assertTrue(images.startsWith("#EXTM3U\n") && images.contains("#EXT-X-IMAGES-ONLY\n")
                   && images.contains("#EXTINF:12.000,\n#EXT-X-TILES:RESOLUTION=96x54,LAYOUT=3x2,DURATION=2.000\ntile_00001.jpg\n")
                   && images.contains("#EXT-X-TILES:RESOLUTION=96x54,LAYOUT=3x2,DURATION=2.000\ntile_00002.jpg\n")
                   && images.endsWith("#EXT-X-ENDLIST\n"), images);
        assertEquals(10, cues(job.resolve("thumbnails.vtt")).size());
    }

    /** Once refused with livestream=true; now made for the live window too (see LiveThumbnailsTest). */
    @Test
    void liveAcceptsThumbnailsPosterAndIFramePlaylists() throws Exception {
        context.getEndpoint("streamgear:live?outputDir=" + out + "&frameWidth=64&frameHeight=64&livestream=true&format=hls"
                            + "&thumbnails=true&poster=true&iframePlaylists=true").createProducer().start();
    }

    record Cue(double seconds, String tile, int x, int y, int w, int h) {
    }

    static List<Cue> cues(Path vtt) throws Exception {
        String text = Files.readString(vtt, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("WEBVTT\n"), text);
        List<Cue> cues = new ArrayList<>();
        Matcher m = CUE.matcher(text);
        while (m.find()) {
            double s = Integer.parseInt(m.group(1)) * 3600 + Integer.parseInt(m.group(2)) * 60 + Integer.parseInt(m.group(3))
                       + Integer.parseInt(m.group(4)) / 1000.0;
            cues.add(new Cue(s, m.group(5), Integer.parseInt(m.group(6)), Integer.parseInt(m.group(7)),
                    Integer.parseInt(m.group(8)), Integer.parseInt(m.group(9))));
        }
        return cues;
    }

    private static void assertPublishedBefore(List<String> names, String first, String then) {
        int a = names.indexOf(first);
        int b = names.indexOf(then);
        assertTrue(a >= 0 && b >= 0 && a < b, first + " published before " + then + ": " + names);
    }

    private static List<String> names(List<Message> reply) {
        return reply.stream().map(m -> m.getHeader(Exchange.FILE_NAME, String.class)).toList();
    }

    private static String header(List<Message> reply, String name, String header) {
        return reply.stream().filter(m -> name.equals(m.getHeader(Exchange.FILE_NAME))).findFirst()
                .map(m -> m.getHeader(header, String.class)).orElse(null);
    }

    /** The source's average colour at {@code seconds}, decoded by FFmpeg. */
    private static int[] sourceColour(double seconds) throws Exception {
        byte[] raw = run("ffmpeg", "-hide_banner", "-loglevel", "error", "-ss", Double.toString(seconds), "-i",
                clock.toString(), "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-");
        return average(raw, 320, 40, 40, 240, 100);
    }

    static byte[] rgb(Path image, int[] size) throws Exception {
        byte[] raw = run("ffmpeg", "-hide_banner", "-loglevel", "error", "-i", image.toString(), "-f", "rawvideo", "-pix_fmt",
                "rgb24", "-");
        assertEquals(size[0] * size[1] * 3, raw.length);
        return raw;
    }

    static int[] size(Path image) throws Exception {
        String[] wh = new String(run("ffprobe", "-v", "error", "-show_entries", "stream=width,height", "-of", "csv=p=0",
                image.toString())).trim().split(",");
        return new int[] {Integer.parseInt(wh[0]), Integer.parseInt(wh[1])};
    }

    static int[] average(byte[] rgb, int width, int x, int y, int w, int h) {
        long[] sum = new long[3];
        for (int j = y; j < y + h; j++) {
            for (int i = x; i < x + w; i++) {
                for (int c = 0; c < 3; c++) {
                    sum[c] += rgb[(j * width + i) * 3 + c] & 0xff;
                }
            }
        }
        long n = (long) w * h;
        return new int[] {(int) (sum[0] / n), (int) (sum[1] / n), (int) (sum[2] / n)};
    }

    static double distance(int[] a, int[] b) {
        return Math.sqrt(Math.pow(a[0] - b[0], 2) + Math.pow(a[1] - b[1], 2) + Math.pow(a[2] - b[2], 2));
    }

    private static String str(int[] c) {
        return "rgb(" + c[0] + "," + c[1] + "," + c[2] + ")";
    }

    static byte[] run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed");
        }
        return out;
    }

    private List<Message> transcode(String options) {
        Exchange result = template.request("streamgear:test?outputDir=" + out + "&" + options,
                e -> e.getIn().setBody(clock.toFile()));
        if (result.getException() != null) {
            throw new AssertionError("transcode failed", result.getException());
        }
        @SuppressWarnings("unchecked")
        List<Message> reply = result.getMessage().getBody(List.class);
        return reply;
    }
}
