package io.github.streamgear.playback;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.github.streamgear.playback.PlayerHarness.Run;
import io.github.streamgear.testing.StreamInspector;
import io.github.streamgear.testing.TestMedia;
import org.junit.jupiter.api.Test;

import static io.github.streamgear.playback.Player.DASHJS;
import static io.github.streamgear.playback.Player.HLS_JS;
import static io.github.streamgear.playback.Player.SHAKA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The harness fails loudly on broken output: a good CMAF output (fMP4, both manifests) and a good HLS-mpegts output
 * are damaged by deleting a segment of the top rendition, or cutting it in half; every player must then fail, while
 * the intact outputs pass.
 */
class BrokenOutputPlaybackTest extends PlaybackTestSupport {

    /** A damaged run that stops moving fails after this long (default 10 s). */
    private static final int STALL_TIMEOUT_MS = 4000;
    /** Both sources (portrait and standard) are 30 fps. */
    private static final double FPS = 30;

    @Test
    void missingAndTruncatedSegmentsFailEveryPlayer() throws Exception {
        transcode(job("cmaf", "format=cmaf&streams=320x180&segmentDuration=1", TestMedia.portrait()),
                job("ts", "format=hls&hlsSegmentType=mpegts&streams=320x180&segmentDuration=1", TestMedia.standard()));

        // the intact outputs play (so what fails below fails because of the damage)
        List<Target> intact = List.of(target(out.resolve("cmaf/manifest.mpd"), SHAKA, DASHJS),
                target(out.resolve("cmaf/manifest.m3u8"), HLS_JS, SHAKA), target(out.resolve("ts/manifest.m3u8"), HLS_JS, SHAKA));

        List<Target> damaged = new ArrayList<>();
        for (String job : List.of("cmaf", "ts")) {
            Path missing = copy(out.resolve(job), out.resolve(job + "-missing"));
            Files.delete(middleSegmentOfTopRendition(missing, job));
            Path truncated = copy(out.resolve(job), out.resolve(job + "-truncated"));
            Path cut = middleSegmentOfTopRendition(truncated, job);
            byte[] data = Files.readAllBytes(cut);
            Files.write(cut, Arrays.copyOf(data, data.length / 2));
            for (Path dir : List.of(missing, truncated)) {
                if (job.equals("cmaf")) {
                    damaged.add(target(dir.resolve("manifest.mpd"), SHAKA, DASHJS));
                }
                damaged.add(target(dir.resolve("manifest.m3u8"), HLS_JS, SHAKA));
            }
        }

        List<Run> runs = new ArrayList<>();
        List<Manifest> manifests = new ArrayList<>(); // a damaged copy advertises what the intact one does
        for (Target t : Stream.concat(intact.stream(), damaged.stream()).toList()) {
            for (Player p : t.players()) {
                runs.add(Run.vod(p, harness.url(t.manifest())).with("stallTimeoutMs", STALL_TIMEOUT_MS));
                manifests.add(Manifest.read(t.manifest()));
            }
        }
        List<PlaybackReport> reports = playVod("broken", runs, manifests, FPS);

        int intactRuns = intact.stream().mapToInt(t -> t.players().size()).sum();
        List<List<String>> intactProblems = new ArrayList<>();
        for (int i = 0; i < intactRuns; i++) {
            intactProblems.add(PlaybackAssertions.vodProblems(reports.get(i), manifests.get(i), FPS));
        }
        PlaybackAssertions.assertNoProblems(reports.subList(0, intactRuns), intactProblems);

        List<String> summary = new ArrayList<>();
        for (int i = intactRuns; i < reports.size(); i++) {
            PlaybackReport r = reports.get(i);
            List<String> problems = PlaybackAssertions.vodProblems(r, manifests.get(i), FPS);
            summary.add(r.player() + " on " + r.url() + ": " + problems);
            assertFalse(problems.isEmpty(), "the harness did not notice the damage: " + r.player() + " on " + r.url()
                    + "\n" + PlayerHarness.pretty(r));
            if (r.url().contains("-missing/")) {
                assertTrue(problems.stream().anyMatch(p -> p.contains("404")), "a missing segment shows as HTTP 404: " + problems);
            }
        }
        assertEquals(12, summary.size(), String.join("\n", summary));
        Files.writeString(REPORTS.resolve("broken-summary.txt"), String.join("\n", summary) + "\n");
    }

    /** The segment in the middle of the top (largest) rendition, by the manifest. */
    private static Path middleSegmentOfTopRendition(Path dir, String job) throws Exception {
        List<Path> segments;
        if (job.equals("cmaf")) {
            segments = StreamInspector.readDash(dir.resolve("manifest.mpd")).stream().filter(t -> !t.audio())
                    .max(Comparator.comparingInt(StreamInspector.Track::width)).orElseThrow().segments();
        } else {
            StreamInspector.Master master = StreamInspector.readHlsMaster(dir.resolve("manifest.m3u8"));
            Path top = master.variants().stream().max(Comparator.comparingInt(StreamInspector.Variant::width))
                    .orElseThrow().playlist();
            segments = StreamInspector.readHlsMedia(top, false).segments();
        }
        return segments.get(segments.size() / 2);
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}
