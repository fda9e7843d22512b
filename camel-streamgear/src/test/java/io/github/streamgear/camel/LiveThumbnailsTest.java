package io.github.streamgear.camel;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.streamgear.testing.ManifestConformance;
import io.github.streamgear.testing.Processes;
import io.github.streamgear.testing.TestFrames;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live thumbnails and I-frame playlists follow the sliding window: two 14 s frames-mode live streams at once, HLS
 * (MPEG-TS) and CMAF (fMP4), a 3 s window, a tile of two pictures every 2 s, a poster and I-frame playlists. Every published message is captured
 * in order (text files read as they arrive): no version of a playlist or track names a file that was not delivered
 * before it or was deleted since, a tile or segment is deleted only after the versions naming it were replaced, and
 * the tiles of the end show their moment (each second has its own hue, as in {@link ThumbnailsTest}).
 */
class LiveThumbnailsTest extends CamelTestSupport {

    private static final int FPS = 25;
    private static final int SECONDS = 14;
    private static final Pattern VTT_IMAGE = Pattern.compile("^(tile_\\d{5}\\.jpg)#xywh=", Pattern.MULTILINE);
    private static final Pattern URI = Pattern.compile("URI=\"([^\"]+)\"");

    @TempDir
    Path out;

    @TempDir
    Path versions;

    /** What was published, in order: operation, name, and a text file's content as it arrived. */
    record Published(String job, String operation, String name, String kind, String contentType, String text) {
    }

    private final List<Published> published = new CopyOnWriteArrayList<>();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("streamgear:ts").process(this::record);
                from("streamgear:cmaf").process(this::record);
            }

            private void record(Exchange e) throws Exception {
                var in = e.getIn();
                String name = in.getHeader(Exchange.FILE_NAME, String.class);
                String op = in.getHeader(StreamGearConstants.OPERATION, String.class);
                String text = null;
                if ("write".equals(op) && (name.endsWith(".m3u8") || name.endsWith(".vtt"))) {
                    byte[] bytes = Files.readAllBytes(in.getBody(java.io.File.class).toPath());
                    Long length = in.getHeader(Exchange.FILE_LENGTH, Long.class);
                    // a newer version replaced it already: its own message follows, this one cannot be judged
                    text = length != null && length == bytes.length ? new String(bytes, StandardCharsets.UTF_8) : null;
                }
                int slash = name.indexOf('/');
                published.add(new Published(name.substring(0, slash), op, name.substring(slash + 1),
                        in.getHeader(StreamGearConstants.FILE_KIND, String.class),
                        in.getHeader(Exchange.CONTENT_TYPE, String.class), text));
            }
        };
    }

    @AfterEach
    void noProcessLeft() {
        assertEquals(List.of(), Processes.leftoverFfmpeg(), "FFmpeg processes left running");
    }

    @Test
    void tilesAndIFramePlaylistsFollowTheWindowAndNeverNameAFileNotDelivered() throws Exception {
        String options = "livestream=true&windowSize=3&extraWindowSize=1&segmentDuration=1&frameWidth=320"
                         + "&frameHeight=180&inputFramerate=" + FPS + "&preset=ultrafast&thumbnails=true"
                         + "&thumbnailInterval=1&thumbnailSize=64&thumbnailGrid=2x1&poster=true&iframePlaylists=true"
                         + "&outputDir=" + out;
        // MPEG-TS HLS (every keyframe) and, at the same time, CMAF (fMP4: one I-frame per segment; the MPD untouched)
        CompletableFuture<Void> hls = CompletableFuture.runAsync(() -> stream("streamgear:ts?format=hls&" + options, "ts"));
        CompletableFuture<Void> cmaf = CompletableFuture.runAsync(() -> stream("streamgear:cmaf?format=cmaf&" + options, "cmaf"));
        hls.get(120, TimeUnit.SECONDS);
        cmaf.get(120, TimeUnit.SECONDS);
        for (String job : List.of("ts", "cmaf")) {
            String finalMaster = Files.readString(out.resolve(job).resolve("manifest.m3u8"));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (published.stream().noneMatch(p -> p.job().equals(job) && finalMaster.equals(p.text()))
                   && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
        checkPublication("ts", "iframes_180p.m3u8");
        checkPublication("cmaf", "iframes_180p.m3u8");
        // the live MPD is FFmpeg's; its last (static) version gets the image set of the tiles kept, each of them here
        String mpd = Files.readString(out.resolve("cmaf/manifest.mpd"));
        Matcher set = Pattern.compile("<SegmentTemplate media=\"tile_\\$Number%05d\\$.jpg\" timescale=\"1000\" startNumber=\"(\\d+)\">"
                                      + "<SegmentTimeline>(.*?)</SegmentTimeline>").matcher(mpd);
        assertTrue(mpd.contains("type=\"static\"") && set.find(), mpd);
        int tiles = 0;
        Matcher s = Pattern.compile("<S (?:t=\"(\\d+)\" )?d=\"(\\d+)\"(?: r=\"(\\d+)\")?/>").matcher(set.group(2));
        while (s.find()) {
            tiles += 1 + (s.group(3) == null ? 0 : Integer.parseInt(s.group(3)));
        }
        int first = Integer.parseInt(set.group(1));
        assertTrue(set.group(2).startsWith("<S t=\"" + (first - 1) * 2000 + "\""), "the first tile kept starts at its time: " + mpd);
        for (int n = first; n < first + tiles; n++) {
            assertTrue(Files.isRegularFile(out.resolve(String.format("cmaf/tile_%05d.jpg", n))), n + " named by the MPD");
        }
        assertTrue(tiles >= 1 && first > 1, mpd);
        assertEquals(List.of(), ManifestConformance.mpdErrors(out.resolve("cmaf/manifest.mpd")), mpd);
    }

    private void checkPublication(String job, String iframes) throws Exception {
        // replay the publication: what a CDN following these messages holds at each moment
        Set<String> held = new HashSet<>();
        Map<String, Set<String>> lastNamed = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        List<Path> textVersions = new ArrayList<>();
        int vttVersions = 0;
        Set<String> deletedTiles = new HashSet<>();
        Set<String> iframeSequences = new HashSet<>();
        for (Published p : published) {
            if (!p.job().equals(job)) {
                continue;
            }
            if ("delete".equals(p.operation())) {
                held.remove(p.name());
                if (p.name().startsWith("tile_")) {
                    deletedTiles.add(p.name());
                }
                lastNamed.forEach((playlist, names) -> {
                    if (names.contains(p.name())) {
                        problems.add(p.name() + " deleted while the last published " + playlist + " names it");
                    }
                });
                continue;
            }
            if (p.name().startsWith("tile_") || p.name().equals("poster.jpg")) {
                assertEquals("image/jpeg", p.contentType(), p.name());
                assertEquals("thumbnail", p.kind(), p.name());
            }
            if (p.text() != null) {
                Set<String> names = referenced(p.name(), p.text());
                for (String n : names) {
                    if (!held.contains(n)) {
                        problems.add(p.name() + " names " + n + ", not delivered before it (or deleted since):\n" + p.text());
                    }
                }
                lastNamed.put(p.name(), names);
                if (p.name().endsWith(".m3u8")) {
                    Path copy = versions.resolve(String.format("%s%04d_%s", job, textVersions.size(), p.name()));
                    Files.writeString(copy, p.text());
                    textVersions.add(copy);
                }
                if (p.name().equals("thumbnails.vtt")) {
                    assertEquals("text/vtt", p.contentType());
                    vttVersions++;
                }
                Matcher m = Pattern.compile("#EXT-X-MEDIA-SEQUENCE:(\\d+)").matcher(p.text());
                if (p.name().equals(iframes) && m.find()) {
                    iframeSequences.add(m.group(1));
                }
            }
            held.add(p.name());
        }
        assertEquals(List.of(), problems, job);
        assertTrue(published.stream().anyMatch(p -> p.job().equals(job) && p.name().equals("poster.jpg")), "poster published");
        assertEquals(1, published.stream().filter(p -> p.job().equals(job) && p.name().equals("poster.jpg")).count(),
                "the poster is published once");
        // 14 s, 2 s per tile: 7 tiles, a 3 s window: most were deleted while live, each after the track dropped it
        assertTrue(deletedTiles.size() >= 3, job + ": tiles deleted with the window: " + deletedTiles);
        assertTrue(vttVersions >= 5, job + ": the track follows the stream: " + vttVersions + " versions");
        assertTrue(iframeSequences.size() >= 5, job + ": the I-frame window slides: media sequences " + iframeSequences);
        Path dir = out.resolve(job);
        String finalMaster = Files.readString(dir.resolve("manifest.m3u8"));
        assertTrue(finalMaster.contains("#EXT-X-IMAGE-STREAM-INF:") && finalMaster.contains("URI=\"thumbnails.m3u8\"")
                   && finalMaster.contains("#EXT-X-I-FRAME-STREAM-INF:") && finalMaster.contains("URI=\"" + iframes + "\""),
                finalMaster);

        // every published version of the image, I-frame, media and master playlists parses strictly (RFC 8216)
        assertEquals(Map.of(), ManifestConformance.hlsErrors(textVersions), job);
        // at the end: complete (every named file here), the playlists ended
        ManifestConformance.assertHlsConforms(dir.resolve("manifest.m3u8"));
        assertTrue(Files.readString(dir.resolve("thumbnails.m3u8")).endsWith("#EXT-X-ENDLIST\n"));
        assertTrue(Files.readString(dir.resolve(iframes)).endsWith("#EXT-X-ENDLIST\n"));
        String vtt = Files.readString(dir.resolve("thumbnails.vtt"));
        for (String n : referenced("thumbnails.vtt", vtt)) {
            assertTrue(Files.isRegularFile(dir.resolve(n)), n + " named by the final track is here");
        }

        // the tiles left show their moment: picture k (second k) has the hue of second k, not of k - 1 or k + 1
        List<ThumbnailsTest.Cue> cues = ThumbnailsTest.cues(dir.resolve("thumbnails.vtt"));
        assertTrue(cues.size() >= 2 && cues.get(cues.size() - 1).seconds() >= SECONDS - 2, cues.toString());
        for (ThumbnailsTest.Cue cue : cues) {
            int[] sprite = ThumbnailsTest.size(dir.resolve(cue.tile()));
            int[] shown = ThumbnailsTest.average(ThumbnailsTest.rgb(dir.resolve(cue.tile()), sprite), sprite[0], cue.x() + 6,
                    cue.y() + 6, cue.w() - 12, cue.h() - 12);
            int second = (int) Math.round(cue.seconds());
            double here = ThumbnailsTest.distance(shown, colour(second));
            assertTrue(here < 30, cue + " shows " + List.of(shown[0], shown[1], shown[2]) + ", second " + second + " is "
                                  + List.of(colour(second)[0], colour(second)[1], colour(second)[2]));
            for (int other : new int[] {second - 1, second + 1}) {
                assertTrue(here < ThumbnailsTest.distance(shown, colour(other)), cue + " nearer second " + other);
            }
        }
    }

    private void stream(String uri, String job) {
        TestFrames.paceRealTime(FPS, SECONDS * FPS, i -> send(uri, job, frame(i)));
        Exchange end = template.request(uri, x -> {
            x.getIn().setHeader(StreamGearConstants.JOB_ID, job);
            x.getIn().setHeader(StreamGearConstants.END_OF_STREAM, true);
        });
        assertNull(end.getException(), () -> job + ": end of stream failed: " + end.getException());
    }

    /** Files a playlist or thumbnails track names. */
    private static Set<String> referenced(String name, String text) {
        Set<String> names = new HashSet<>();
        if (name.endsWith(".vtt")) {
            Matcher m = VTT_IMAGE.matcher(text);
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        }
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                names.add(l);
            } else {
                Matcher m = URI.matcher(l);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    private void send(String uri, String job, byte[] frame) {
        Exchange result = template.request(uri, x -> {
            x.getIn().setBody(frame);
            x.getIn().setHeader(StreamGearConstants.JOB_ID, job);
        });
        assertNull(result.getException(), () -> "frame refused: " + result.getException());
    }

    /** Second k's colour: red turned by 18 k degrees; frame i shows second round(i / FPS) (changing at k + 0.5 s). */
    private static byte[] frame(int i) {
        int[] rgb = colour((int) Math.floor((double) i / FPS + 0.5));
        byte[] bgr = new byte[320 * 180 * 3];
        for (int p = 0; p < bgr.length; p += 3) {
            bgr[p] = (byte) rgb[2];
            bgr[p + 1] = (byte) rgb[1];
            bgr[p + 2] = (byte) rgb[0];
        }
        return bgr;
    }

    private static int[] colour(int second) {
        int c = Color.HSBtoRGB((second * 18 % 360) / 360f, 0.75f, 0.85f);
        return new int[] {(c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff};
    }
}
