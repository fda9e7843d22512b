package io.github.streamgear.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.streamgear.engine.frames.PixelFormat;
import io.github.streamgear.testing.ManifestConformance;
import io.github.streamgear.testing.Processes;
import io.github.streamgear.testing.StreamAssertions;
import io.github.streamgear.testing.StreamInspector;
import io.github.streamgear.testing.TestFrames;
import io.github.streamgear.testing.TestMedia;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Live sessions at real time: the sliding window is honoured all along, and the stream is finalised at the end. */
class LiveStreamingTest extends CamelTestSupport {

    private static final int FPS = 25;
    private static final int WINDOW = 4;
    private static final int EXTRA = 2;

    @TempDir
    Path out;

    @Test
    void thirtySecondsLiveWithSlidingWindowsWithAndWithoutAudio() throws Exception {
        String hls = "streamgear:cam-hls?format=hls&livestream=true&windowSize=" + WINDOW + "&extraWindowSize=" + EXTRA
                + "&segmentDuration=1&frameWidth=320&frameHeight=180&inputFramerate=" + FPS + "&preset=ultrafast"
                + "&streams=160x90&outputDir=" + out;
        String dash = "streamgear:cam-dash?format=dash&livestream=true&windowSize=" + WINDOW + "&extraWindowSize=" + EXTRA
                + "&segmentDuration=1&frameWidth=320&frameHeight=180&inputFramerate=" + FPS + "&preset=ultrafast"
                + "&streams=160x90&audio=" + TestMedia.standard() + "&outputDir=" + out;
        List<String> violations = new ArrayList<>();
        Set<String> nonConformant = new TreeSet<>();
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> streamRealTime(hls, "hls-live", 30));
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> streamRealTime(dash, "dash-live", 30));
        int samples = 0;
        while (!(a.isDone() && b.isDone())) {
            violations.addAll(checkWindow(out.resolve("hls-live"), out.resolve("dash-live")));
            if (samples % 20 == 0) { // every 3 s: the live versions validate too (MPEG-DASH schema, strict RFC 8216)
                nonConformant.addAll(conformanceOfLiveVersions(out.resolve("hls-live"), out.resolve("dash-live")));
            }
            samples++;
            Thread.sleep(150);
        }
        a.get();
        b.get();
        assertTrue(samples > 100, "the window was sampled all along: " + samples);
        assertEquals(List.of(), violations);
        assertEquals(Set.of(), nonConformant, "live manifest versions that do not conform");
        assertEquals(List.of(), Processes.leftoverFfmpeg());

        // finalised: HLS playlists end, the MPD is static, and still only the last window (+extra) is on disk
        for (String playlist : List.of("stream_180p.m3u8", "stream_90p.m3u8")) {
            String text = Files.readString(out.resolve("hls-live/" + playlist));
            assertTrue(text.contains("#EXT-X-ENDLIST"), playlist + " is finalised");
            assertTrue(count(text, "#EXTINF") <= WINDOW, playlist + " lists the last window only");
        }
        assertTrue(Files.readString(out.resolve("hls-live/manifest.m3u8")).contains("RESOLUTION=160x90"));
        String mpd = Files.readString(out.resolve("dash-live/manifest.mpd"));
        assertTrue(mpd.contains("type=\"static\""), "MPD finalised as static:\n" + mpd);
        // the final versions conform, and the final MPD advertises the bandwidths measured over its window
        ManifestConformance.assertHlsConforms(out.resolve("hls-live/manifest.m3u8"));
        ManifestConformance.assertMpdValid(out.resolve("dash-live/manifest.mpd"));
        StreamAssertions.assertDashBandwidth(out.resolve("dash-live/manifest.mpd"));
        List<StreamInspector.Track> tracks = StreamInspector.readDash(out.resolve("dash-live/manifest.mpd"));
        assertEquals(1, tracks.stream().filter(StreamInspector.Track::audio).count(), "audio encoded once");
        for (StreamInspector.Track t : tracks) {
            assertTrue(t.segments().stream().allMatch(Files::exists), "the final manifest lists files that exist: " + t);
            assertTrue(t.durationSeconds() <= WINDOW + 0.5, "the final manifest lists the last window: " + t);
        }
        Map<String, Integer> onDisk = segmentsPerRendition(out.resolve("hls-live"));
        onDisk.putAll(segmentsPerRendition(out.resolve("dash-live")));
        onDisk.forEach((rendition, n) -> assertTrue(n <= WINDOW + EXTRA, rendition + " keeps " + n + " segments"));
    }

    @Test
    void contextStopMidStreamFinalisesAndLeavesNoProcess() throws Exception {
        String uri = "streamgear:cam?format=hls&livestream=true&segmentDuration=1&frameWidth=320&frameHeight=180"
                + "&inputFramerate=" + FPS + "&preset=ultrafast&outputDir=" + out;
        for (int i = 0; i < 3 * FPS; i++) {
            int n = i;
            Exchange x = template.request(uri, e -> e.getIn().setBody(TestFrames.frame(PixelFormat.BGR24, 320, 180, n)));
            assertNull(x.getException());
        }
        context.stop();
        assertEquals(List.of(), Processes.leftoverFfmpeg(), "no FFmpeg after context stop");
        Path playlist = out.resolve("cam/stream_180p.m3u8");
        assertTrue(Files.readString(playlist).contains("#EXT-X-ENDLIST"), "playlist finalised");
        String duration = StreamInspector.ffprobe("-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
                out.resolve("cam/manifest.m3u8").toString()).trim();
        assertTrue(Double.parseDouble(duration) > 2.5, "what was streamed is playable: " + duration + " s");
    }

    @Test
    void aLiveStreamWhoseFfmpegDiesKeepsWhatItPublished() throws Exception {
        String uri = "streamgear:crash?format=hls&livestream=true&segmentDuration=1&frameWidth=320&frameHeight=180"
                + "&inputFramerate=" + FPS + "&preset=ultrafast&outputDir=" + out;
        for (int i = 0; i < 3 * FPS; i++) {
            int n = i;
            assertNull(template.request(uri, e -> e.getIn().setBody(TestFrames.frame(PixelFormat.BGR24, 320, 180, n)))
                    .getException());
        }
        ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("").contains("ffmpeg"))
                .forEach(ProcessHandle::destroyForcibly); // FFmpeg dies (OOM killer, operator, JVM exit hook...)
        Exchange after = null;
        for (int i = 0; i < 50 && (after == null || after.getException() == null); i++) {
            int n = 3 * FPS + i;
            after = template.request(uri, e -> e.getIn().setBody(TestFrames.frame(PixelFormat.BGR24, 320, 180, n)));
        }
        assertTrue(after.getException().getMessage().contains("FFmpeg stopped reading frames"),
                after.getException().getMessage());
        assertTrue(Files.exists(out.resolve("crash/stream_180p.m3u8")), "the published playlist is kept");
        try (Stream<Path> files = Files.list(out.resolve("crash"))) {
            assertTrue(files.filter(f -> f.toString().endsWith(".ts")).count() >= 2, "the published segments are kept");
        }
        assertEquals(List.of(), Processes.leftoverFfmpeg());
    }

    private void streamRealTime(String uri, String job, int seconds) {
        TestFrames.paceRealTime(FPS, seconds * FPS, n -> {
            Exchange x = template.request(uri, e -> {
                e.getIn().setBody(TestFrames.frame(PixelFormat.BGR24, 320, 180, n));
                e.getIn().setHeader(StreamGearConstants.JOB_ID, job);
            });
            if (x.getException() != null) {
                throw new AssertionError(job + " frame " + n, x.getException());
            }
        });
        Exchange end = template.request(uri, e -> {
            e.getIn().setHeader(StreamGearConstants.JOB_ID, job);
            e.getIn().setHeader(StreamGearConstants.END_OF_STREAM, true);
        });
        if (end.getException() != null) {
            throw new AssertionError(job + " end", end.getException());
        }
    }

    /** Schema errors of the live MPD and strict-parse errors of the live HLS playlists, as they are now. */
    private static List<String> conformanceOfLiveVersions(Path hlsDir, Path dashDir) throws Exception {
        List<String> problems = new ArrayList<>();
        Path mpd = dashDir.resolve("manifest.mpd");
        if (Files.exists(mpd)) {
            List<String> errors = ManifestConformance.mpdErrors(mpd);
            if (errors != null && !errors.isEmpty()) {
                problems.add("live MPD: " + errors);
            }
        }
        List<Path> playlists = new ArrayList<>();
        for (String name : List.of("manifest.m3u8", "stream_180p.m3u8", "stream_90p.m3u8")) {
            if (Files.exists(hlsDir.resolve(name))) {
                playlists.add(hlsDir.resolve(name));
            }
        }
        if (!playlists.isEmpty()) {
            ManifestConformance.hlsErrors(playlists).forEach((file, error) -> problems.add(file.getFileName() + ": " + error));
        }
        return problems;
    }

    /** Window rules at one instant: manifests list at most WINDOW segments, disks keep at most WINDOW + EXTRA (+1). */
    private static List<String> checkWindow(Path hlsDir, Path dashDir) throws Exception {
        List<String> problems = new ArrayList<>();
        for (String playlist : List.of("stream_180p.m3u8", "stream_90p.m3u8")) {
            Path p = hlsDir.resolve(playlist);
            if (Files.exists(p)) {
                int listed = count(Files.readString(p), "#EXTINF");
                if (listed > WINDOW) {
                    problems.add(playlist + " listed " + listed);
                }
            }
        }
        Path mpd = dashDir.resolve("manifest.mpd");
        if (Files.exists(mpd)) {
            for (StreamInspector.Track t : StreamInspector.readDash(mpd)) {
                if (t.segments().size() > WINDOW) {
                    problems.add("MPD representation " + t.id() + " listed " + t.segments().size());
                }
            }
        }
        for (Map.Entry<String, Integer> e : segmentsPerRendition(hlsDir).entrySet()) {
            if (e.getValue() > WINDOW + EXTRA + 1) {
                problems.add("HLS " + e.getKey() + " kept " + e.getValue() + " segments");
            }
        }
        for (Map.Entry<String, Integer> e : segmentsPerRendition(dashDir).entrySet()) {
            if (e.getValue() > WINDOW + EXTRA + 1) {
                problems.add("DASH " + e.getKey() + " kept " + e.getValue() + " segments");
            }
        }
        return problems;
    }

    private static final Pattern SEGMENT = Pattern.compile("(?:stream_(.+)_\\d+\\.(?:ts|m4s)|chunk-(\\d+)-\\d+\\.m4s)");

    private static Map<String, Integer> segmentsPerRendition(Path dir) throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return counts;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Matcher m = SEGMENT.matcher(f.getFileName().toString());
                if (m.matches()) {
                    counts.merge(dir.getFileName() + ":" + (m.group(1) != null ? m.group(1) : m.group(2)), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private static int count(String text, String token) {
        int n = 0;
        for (int i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + 1)) {
            n++;
        }
        return n;
    }

}
