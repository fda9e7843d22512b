package io.github.streamgear.engine.output;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.streamgear.engine.output.DashBandwidth.Segment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DashBandwidthTest {

    @TempDir
    Path dir;

    /** Segments of {@code seconds} each, back to back from 0, of the given sizes. */
    private static List<Segment> timeline(double seconds, long... bytes) {
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            segments.add(new Segment(i * seconds, seconds, bytes[i]));
        }
        return segments;
    }

    /** Whether a client starting at any segment with {@code rate} bit/s and {@code buffer} s head start never runs dry. */
    private static boolean holds(long rate, long init, List<Segment> segments, double buffer) {
        for (int i = 0; i < segments.size(); i++) {
            double bits = init * 8.0;
            for (int k = i; k < segments.size(); k++) {
                bits += segments.get(k).bytes() * 8.0;
                double deadline = buffer + segments.get(k).start() - segments.get(i).start();
                if (bits / rate > deadline + 1e-9) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void steadySegmentsAdvertiseTheirAverageNotLess() {
        // 4 x 2 s of 50 000 bytes: 200 kbit/s. The buffer model alone holds at 4 x 400 kbit / (6 s + 4 s) = 160 kbit/s
        // because the 4 s head start pays for a fifth of the clip; the average is the floor.
        List<Segment> steady = timeline(2, 50_000, 50_000, 50_000, 50_000);
        assertEquals(200_000, DashBandwidth.rate(0, steady, 4));
        assertEquals(160_000, DashBandwidth.bufferModelRate(0, steady, 4), 1e-6);
        assertTrue(holds(160_000, 0, steady, 4), "the buffer model alone would accept less than the average");
    }

    @Test
    void aLargeSegmentSetsTheRateThroughTheBufferModel() {
        // first segment 150 000 bytes (1.2 Mbit), then 3 x 50 000 bytes: average 300 000 bytes / 8 s = 300 kbit/s;
        // starting at the first segment it must be in within the 4 s head start: 1.2 Mbit / 4 s = 300 kbit/s...
        // with the init segment (1 000 bytes) 1.208 Mbit / 4 s = 302 kbit/s.
        List<Segment> spike = timeline(2, 150_000, 50_000, 50_000, 50_000);
        long rate = DashBandwidth.rate(1_000, spike, 4);
        assertEquals(302_000, rate);
        assertTrue(holds(rate, 1_000, spike, 4));
        assertFalse(holds(rate - 1_000, 1_000, spike, 4), "the smallest rate that holds");

        // a peak late in the clip: 2 s segments of 25 000, 25 000, 200 000, 200 000 bytes, T = 4 s. Starting at the
        // third: (1.6 + 1.6) Mbit by 2 s + 4 s = 533 334 bit/s, above the average of 450 kbit/s.
        List<Segment> late = timeline(2, 25_000, 25_000, 200_000, 200_000);
        rate = DashBandwidth.rate(0, late, 4);
        assertEquals(533_334, rate);
        assertTrue(holds(rate, 0, late, 4));
        assertFalse(holds(rate - 1, 0, late, 4));
    }

    @Test
    void aShorterBufferNeedsAHigherRate() {
        List<Segment> spike = timeline(2, 150_000, 50_000, 50_000, 50_000);
        assertEquals(600_000, DashBandwidth.rate(0, spike, 2)); // 1.2 Mbit in 2 s
        assertEquals(0, DashBandwidth.rate(0, List.of(), 4));
    }

    @Test
    void timelineGapsAndUnevenDurationsUseTheSegmentStarts() {
        // AAC-like timeline: 1.92 s, 2.005 s, 2.005 s, 0.064 s (last one short). A short last segment has a tiny
        // average but must not lower the figure: the average is over the whole duration.
        List<Segment> audio = List.of(new Segment(0, 1.92, 23_000), new Segment(1.92, 2.005, 24_000),
                new Segment(3.925, 2.005, 24_000), new Segment(5.93, 0.064, 450));
        long rate = DashBandwidth.rate(700, audio, 4);
        assertTrue(holds(rate, 700, audio, 4));
        double average = (23_000 + 24_000 + 24_000 + 450) * 8 / 5.994;
        assertTrue(rate >= average && rate <= average * 1.15, rate + " vs average " + average);
    }

    private static final String MPD = """
            <?xml version="1.0" encoding="utf-8"?>
            <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT8.0S" minBufferTime="PT4.0S">
            	<Period id="0" start="PT0.0S">
            		<AdaptationSet id="0" contentType="video">
            			<Representation id="0" mimeType="video/mp4" codecs="avc1.64001e" bandwidth="800000" width="640" height="360">
            				<SegmentTemplate timescale="12800" initialization="init-$RepresentationID$.m4s" media="chunk-$RepresentationID$-$Number%05d$.m4s" startNumber="1">
            					<SegmentTimeline>
            						<S t="0" d="25600" r="3" />
            					</SegmentTimeline>
            				</SegmentTemplate>
            			</Representation>
            		</AdaptationSet>
            		<AdaptationSet id="1" contentType="audio">
            			<Representation id="1" mimeType="audio/mp4" codecs="mp4a.40.2" bandwidth="128000">
            				<SegmentTemplate timescale="48000" initialization="init-$RepresentationID$.m4s" media="chunk-$RepresentationID$-$Number%05d$.m4s" startNumber="3">
            					<SegmentTimeline>
            						<S t="192000" d="96000" r="1" />
            					</SegmentTimeline>
            				</SegmentTemplate>
            			</Representation>
            		</AdaptationSet>
            	</Period>
            </MPD>
            """;

    @Test
    void measuresEachRepresentationFromItsFilesAndReplacesOnlyTheAttribute() throws Exception {
        Files.write(dir.resolve("init-0.m4s"), new byte[800]);
        for (int n = 1; n <= 4; n++) {
            Files.write(dir.resolve("chunk-0-0000" + n + ".m4s"), new byte[50_000]);
        }
        Files.write(dir.resolve("init-1.m4s"), new byte[700]);
        Files.write(dir.resolve("chunk-1-00003.m4s"), new byte[22_000]); // startNumber 3: 00001, 00002 are not listed
        Files.write(dir.resolve("chunk-1-00004.m4s"), new byte[22_000]);

        Map<String, Long> rates = DashBandwidth.measure(DashManifest.parse(MPD), dir);

        // video: 50 000 bytes per 2 s = 200 kbit/s average; buffer model 4 x 400 kbit + init / 10 s is below it
        // audio: 22 000 bytes per 2 s = 88 kbit/s; 2 x 176 kbit + 5.6 kbit / (2 s + 4 s) = 59.6 kbit/s: the average
        assertEquals(Map.of("0", 200_000L, "1", 88_000L), rates);
        String measured = DashBandwidth.withBandwidths(MPD, rates);
        assertEquals(MPD.replace("bandwidth=\"800000\"", "bandwidth=\"200000\"")
                .replace("bandwidth=\"128000\"", "bandwidth=\"88000\""), measured);
    }

    @Test
    void aRepresentationWithAMissingFileKeepsItsFigure() throws Exception {
        Files.write(dir.resolve("init-0.m4s"), new byte[800]);
        for (int n = 1; n <= 3; n++) { // the fourth is missing
            Files.write(dir.resolve("chunk-0-0000" + n + ".m4s"), new byte[50_000]);
        }
        Files.write(dir.resolve("chunk-1-00003.m4s"), new byte[22_000]); // audio init missing
        Files.write(dir.resolve("chunk-1-00004.m4s"), new byte[22_000]);

        assertEquals(Map.of(), DashBandwidth.measure(DashManifest.parse(MPD), dir));
        assertEquals(MPD, DashBandwidth.withBandwidths(MPD, Map.of()));
        assertEquals(Map.of(), DashBandwidth.measure(DashManifest.parse(MPD.replace(" minBufferTime=\"PT4.0S\"", "")), dir),
                "without minBufferTime there is no buffer model to measure against");
    }

    @Test
    void finishAndFinishLiveMeasureTheBandwidths() throws Exception {
        Files.write(dir.resolve("init-0.m4s"), new byte[800]);
        for (int n = 1; n <= 4; n++) {
            Files.write(dir.resolve("chunk-0-0000" + n + ".m4s"), new byte[50_000]);
        }
        String videoOnly = MPD.replaceAll("(?s)<AdaptationSet id=\"1\".*?</AdaptationSet>\\s*", "");
        Path mpd = dir.resolve("manifest.mpd");
        Files.writeString(mpd, videoOnly.replace("PT8.0S", "PT7.9S"));
        DashManifest.finish(mpd);
        assertEquals(videoOnly.replace("bandwidth=\"800000\"", "bandwidth=\"200000\"").replace("PT8.0S", "PT8.000S"),
                Files.readString(mpd));

        Files.writeString(mpd, videoOnly.replace("PT8.0S", "PT7.9S"));
        DashManifest.finishLive(mpd);
        assertEquals(videoOnly.replace("bandwidth=\"800000\"", "bandwidth=\"200000\"").replace("PT8.0S", "PT8.000S"),
                Files.readString(mpd), "live: the bandwidths, and the duration lengthened to the media's end (DashManifestTest)");
    }
}
