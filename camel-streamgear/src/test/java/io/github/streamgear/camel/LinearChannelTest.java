package io.github.streamgear.camel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.streamgear.testing.LogCapture;
import io.github.streamgear.testing.ManifestConformance;
import io.github.streamgear.testing.SourceServer;
import io.github.streamgear.testing.TestMedia;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A folder of files played as a live channel, one file after another in name order (issue 18's linear channel): the
 * stream goes on across files with one continuous timeline, a file the channel cannot take is skipped with a warning,
 * hidden files are not played, and the channel ends after its last file or loops over the folder.
 */
class LinearChannelTest extends CamelTestSupport {

    private static final String LIVE = "&livestream=true&segmentDuration=1&preset=ultrafast&progressInterval=0";
    private static final long WAIT_MS = 60_000;

    @TempDir
    Path out;

    private final List<String> events = new CopyOnWriteArrayList<>();

    @Test
    void aFolderIsPlayedFileAfterFileAndEndsAfterTheLast() throws Exception {
        Path folder = Files.createDirectories(out.resolve("playout"));
        clip(folder.resolve("a-first.mp4"), "testsrc2", true);
        clip(folder.resolve("b-silent.mp4"), "testsrc2", false); // no audio: the channel cannot take it
        clip(folder.resolve("c-second.mp4"), "smptebars", true);
        clip(folder.resolve(".d-uploading.mp4"), "testsrc2", true);
        LogCapture logs = new LogCapture();
        logs.attach(Level.INFO);
        try {
            addRoute("streamgear:tv?format=hls&windowSize=30&outputDir=" + out + LIVE + "&videoSource=" + folder, "tv");
            Path dir = out.resolve("tv");
            await(() -> playlist(dir).contains("#EXT-X-ENDLIST"), "the channel ends after its last file");
            await(() -> SourceServer.componentFfmpeg().isEmpty(), "no FFmpeg left");
        } finally {
            logs.detach();
        }
        Path dir = out.resolve("tv");
        String media = playlist(dir);
        // two 3 s files, one after the other, in one timeline: about 6 s, numbered without a hole from 0
        double seconds = extinfs(media).stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(6.0, seconds, 0.6, media);
        List<String> segments = segments(media);
        for (int i = 0; i < segments.size(); i++) {
            assertTrue(segments.get(i).endsWith(String.format("%d.ts", i)), "numbered on: " + segments);
            assertTrue(Files.exists(dir.resolve(segments.get(i))), segments.get(i));
        }
        ManifestConformance.assertHlsConforms(dir.resolve("manifest.m3u8"));
        assertFalse(media.contains("#EXT-X-DISCONTINUITY"), "one encoder, one timeline: " + media);
        List<String> lines = logs.all();
        assertTrue(lines.stream().anyMatch(l -> l.contains("skipped b-silent.mp4") && l.contains("audio")),
                String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("played a-first.mp4")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("played c-second.mp4")), String.join("\n", lines));
        assertTrue(lines.stream().noneMatch(l -> l.contains(".d-uploading")), "hidden files are not played");
        context.getRouteController().stopRoute("tv");
    }

    @Test
    void aLoopedFolderGoesOnPastItsLastFile() throws Exception {
        Path folder = Files.createDirectories(out.resolve("loop"));
        clip(folder.resolve("a.mp4"), "testsrc2", true);
        clip(folder.resolve("b.mp4"), "smptebars", true);
        addRoute("streamgear:looped?format=hls&windowSize=3&extraWindowSize=1&liveLoop=true&outputDir=" + out + LIVE
                 + "&videoSource=" + folder, "looped");
        Path dir = out.resolve("looped");
        // the two files hold 6 s: a media sequence of 13 means the channel is in the folder's third round
        await(() -> mediaSequence(playlist(dir)) >= 13, "the channel plays the folder twice more");
        context.getRouteController().stopRoute("looped");
        assertTrue(playlist(dir).contains("#EXT-X-ENDLIST"), "finalised when the route stops");
        // after four file boundaries, audio and video still start together in each segment
        for (String segment : segments(playlist(dir))) {
            List<Double> starts = streamStarts(dir.resolve(segment));
            assertEquals(2, starts.size(), segment + ": audio and video");
            assertEquals(starts.get(0), starts.get(1), 0.1, segment + ": audio and video start together " + starts);
        }
        assertEquals(List.of(), SourceServer.componentFfmpeg());
        assertTrue(events.stream().anyMatch(e -> e.startsWith("delete ")), "the window moved: " + events);
    }

    private static void clip(Path file, String pattern, boolean audio) throws IOException {
        List<String> argv = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
                "-i", pattern + "=size=320x180:rate=25"));
        if (audio) {
            argv.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"));
        }
        argv.addAll(List.of("-t", "3", "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-pix_fmt", "yuv420p"));
        if (audio) {
            argv.addAll(List.of("-c:a", "aac"));
        }
        argv.add(file.toString());
        TestMedia.run(argv);
    }

    private static List<Double> streamStarts(Path segment) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "stream=start_time", "-of", "csv=p=0",
                segment.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return output.lines().filter(l -> !l.isBlank()).map(l -> Double.parseDouble(l.trim().replace(",", ""))).toList();
    }

    private void addRoute(String uri, String name) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId(name).process(e -> events.add(e.getIn().getHeader(StreamGearConstants.OPERATION)
                        + " " + e.getIn().getHeader(StreamGearConstants.FILE_NAME)));
            }
        });
    }

    /** The (single) media playlist of the channel's one rendition. */
    private static String playlist(Path dir) {
        try (Stream<Path> files = Files.exists(dir) ? Files.list(dir) : Stream.empty()) {
            Path p = files.filter(f -> f.getFileName().toString().matches("stream_.*\\.m3u8")).findFirst().orElse(null);
            return p == null ? "" : Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }

    private static List<Double> extinfs(String playlist) {
        List<Double> d = new ArrayList<>();
        Matcher m = Pattern.compile("#EXTINF:([0-9.]+)").matcher(playlist);
        while (m.find()) {
            d.add(Double.parseDouble(m.group(1)));
        }
        return d;
    }

    private static List<String> segments(String playlist) {
        return playlist.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    private static long mediaSequence(String playlist) {
        Matcher m = Pattern.compile("#EXT-X-MEDIA-SEQUENCE:(\\d+)").matcher(playlist);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + WAIT_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("Timed out waiting: " + what);
            }
            Thread.sleep(200);
        }
    }
}
