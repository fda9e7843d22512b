package io.github.streamgear.camel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.streamgear.engine.frames.PixelFormat;
import io.github.streamgear.engine.output.FileKind;
import io.github.streamgear.engine.output.OutputEvent;
import io.github.streamgear.testing.StreamInspector;
import io.github.streamgear.testing.ManifestConformance;
import io.github.streamgear.testing.StreamAssertions;
import io.github.streamgear.testing.TestFrames;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Measures, through a route, the delay from a segment's first frame entering the route to (a) the segment being listed
 * in a manifest version and (b) the segment file being complete on disk, for live DASH with and without lowLatency.
 * Prints the figures; asserts only what must hold on any machine (low latency lists segments sooner).
 */
class LowLatencyTest extends CamelTestSupport {

    private static final int FPS = 25;
    private static final int SECONDS = 16;

    @TempDir
    Path out;

    @Test
    void lowLatencyListsSegmentsSoonerThanPlainLive() throws Exception {
        String common = "&format=dash&livestream=true&windowSize=6&segmentDuration=1&frameWidth=320&frameHeight=180"
                + "&inputFramerate=" + FPS + "&preset=ultrafast&outputDir=" + out;
        Delays plain = new Delays();
        Delays low = new Delays();
        context.getEndpoint("streamgear:plain?" + common.substring(1), StreamGearEndpoint.class).addOutputListener(plain);
        context.getEndpoint("streamgear:low?lowLatency=true" + common, StreamGearEndpoint.class).addOutputListener(low);

        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> stream("streamgear:plain?" + common.substring(1), plain));
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> stream("streamgear:low?lowLatency=true" + common, low));
        a.get(2, TimeUnit.MINUTES);
        b.get(2, TimeUnit.MINUTES);

        String report = String.format(Locale.ROOT,
                "live DASH, 1 s segments, %d fps, delay from a segment's first frame entering the route:%n"
                        + "  plain live   : listed in the MPD median %s ms p95 %s ms; file complete median %s ms p95 %s ms%n"
                        + "  low latency  : listed in the MPD median %s ms p95 %s ms; file complete median %s ms p95 %s ms",
                FPS, plain.listed.median(), plain.listed.p95(), plain.completed.median(), plain.completed.p95(),
                low.listed.median(), low.listed.p95(), low.completed.median(), low.completed.p95());
        System.out.println(report);
        assertTrue(plain.listed.count() >= SECONDS - 4 && low.listed.count() >= SECONDS - 4, report);
        assertTrue(low.listed.median() < plain.listed.median(), report);

        // the final MPDs (static, the last window) validate and advertise bandwidths measured over that window
        for (String job : List.of("plain", "low")) {
            ManifestConformance.assertMpdValid(out.resolve(job + "/manifest.mpd"));
            StreamAssertions.assertDashBandwidth(out.resolve(job + "/manifest.mpd"));
        }
    }

    private void stream(String uri, Delays delays) {
        TestFrames.paceRealTime(FPS, SECONDS * FPS, i -> {
            if (i % FPS == 0) {
                delays.segmentStart.put(i / FPS + 1L, System.nanoTime()); // segment k starts with frame (k-1)*FPS
            }
            Exchange x = template.request(uri, e -> e.getIn().setBody(TestFrames.frame(PixelFormat.BGR24, 320, 180, i)));
            if (x.getException() != null) {
                throw new AssertionError(x.getException());
            }
        });
        template.request(uri, e -> e.getIn().setHeader(StreamGearConstants.END_OF_STREAM, true));
    }

    /** Per-segment delays of one session, filled by the endpoint's output events. */
    private static final class Delays implements OutputListener {
        final Map<Long, Long> segmentStart = new ConcurrentHashMap<>();
        final Map<Long, Boolean> seenListed = new ConcurrentHashMap<>();
        final Stats listed = new Stats();
        final Stats completed = new Stats();

        @Override
        public void onOutput(String jobId, OutputEvent event) {
            long now = System.nanoTime();
            if (event.type() != OutputEvent.Type.COMPLETED) {
                return;
            }
            if (event.file().kind() == FileKind.SEGMENT && "180p".equals(event.file().rendition())) {
                record(completed, event.file().sequence(), now);
            } else if (event.file().kind() == FileKind.MANIFEST) {
                try {
                    for (StreamInspector.Track t : StreamInspector.readDash(event.file().path())) {
                        if (!t.audio()) {
                            for (Path segment : t.segments()) {
                                String name = segment.getFileName().toString();
                                long k = Long.parseLong(name.substring(name.lastIndexOf('-') + 1, name.indexOf('.')));
                                if (seenListed.putIfAbsent(k, true) == null) {
                                    record(listed, k, now);
                                }
                            }
                        }
                    }
                } catch (Exception e) {
                    // a manifest replaced while being read: the next version is read instead
                }
            }
        }

        private void record(Stats stats, long segment, long now) {
            Long start = segmentStart.get(segment);
            if (start != null) {
                stats.add((now - start) / 1_000_000);
            }
        }
    }

    private static final class Stats {
        private final List<Long> values = Collections.synchronizedList(new ArrayList<>());

        void add(long ms) {
            values.add(ms);
        }

        int count() {
            return values.size();
        }

        long median() {
            return percentile(50);
        }

        long p95() {
            return percentile(95);
        }

        private long percentile(int p) {
            List<Long> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
        }
    }
}
