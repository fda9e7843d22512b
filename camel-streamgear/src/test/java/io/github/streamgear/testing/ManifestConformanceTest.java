package io.github.streamgear.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The conformance checks of the stream-quality assertions reject broken manifests (a check that cannot fail is none). */
class ManifestConformanceTest {

    @TempDir
    Path dir;

    private static final String MEDIA = """
            #EXTM3U
            #EXT-X-VERSION:6
            #EXT-X-TARGETDURATION:2
            #EXT-X-MEDIA-SEQUENCE:1
            #EXT-X-MAP:URI="init-0.m4s"
            #EXTINF:2.000000,
            chunk-0-00001.m4s
            #EXTINF:2.000000,
            chunk-0-00002.m4s
            #EXT-X-ENDLIST
            """;

    private static final String MASTER = """
            #EXTM3U
            #EXT-X-VERSION:7
            #EXT-X-INDEPENDENT-SEGMENTS
            #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="group_A1",NAME="audio_2",DEFAULT=YES,URI="media_2.m3u8"
            #EXT-X-STREAM-INF:BANDWIDTH=932614,AVERAGE-BANDWIDTH=900000,RESOLUTION=640x360,CODECS="avc1.64001e,mp4a.40.2",AUDIO="group_A1",FRAME-RATE=25.000
            media_0.m3u8
            """;

    @Test
    void strictHlsParseAcceptsSoundPlaylistsAndRejectsBrokenOnes() throws Exception {
        Files.writeString(dir.resolve("manifest.m3u8"), MASTER);
        Files.writeString(dir.resolve("media_0.m3u8"), MEDIA);
        Files.writeString(dir.resolve("media_2.m3u8"), MEDIA.replace("init-0", "init-2").replace("chunk-0", "chunk-2"));
        assertEquals(List.of(dir.resolve("media_2.m3u8"), dir.resolve("media_0.m3u8")),
                ManifestConformance.listedPlaylists(dir.resolve("manifest.m3u8")));
        ManifestConformance.assertHlsConforms(dir.resolve("manifest.m3u8"));

        // a segment longer than the target duration (RFC 8216 4.3.3.1), a variant without its required BANDWIDTH
        Files.writeString(dir.resolve("media_2.m3u8"), MEDIA.replace("#EXTINF:2.000000,\nchunk-0-00002", "#EXTINF:3.000000,\nchunk-0-00002"));
        Files.writeString(dir.resolve("manifest.m3u8"), MASTER.replace("BANDWIDTH=932614,AVERAGE-", "AVERAGE-"));
        Map<Path, String> errors = ManifestConformance.hlsErrors(List.of(dir.resolve("manifest.m3u8"),
                dir.resolve("media_0.m3u8"), dir.resolve("media_2.m3u8")));
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get(dir.resolve("media_2.m3u8")).contains("target duration"), errors.toString());
        AssertionError failure = assertThrows(AssertionError.class,
                () -> ManifestConformance.assertHlsConforms(dir.resolve("manifest.m3u8")));
        assertTrue(failure.getMessage().contains("media_2.m3u8"), failure.getMessage());
    }

    private static final String MPD = """
            <?xml version="1.0" encoding="utf-8"?>
            <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" profiles="urn:mpeg:dash:profile:isoff-live:2011" type="static"
            	mediaPresentationDuration="PT4.000S" minBufferTime="PT4.0S">
            	<ProgramInformation>
            	</ProgramInformation>
            	<Period id="0" start="PT0.0S">
            		<AdaptationSet id="0" contentType="video" startWithSAP="1" segmentAlignment="true">
            			<Representation id="0" mimeType="video/mp4" codecs="avc1.64001e" bandwidth="%s" width="640" height="360">
            				<SegmentTemplate timescale="12800" initialization="init-$RepresentationID$.m4s" media="chunk-$RepresentationID$-$Number%%05d$.m4s" startNumber="1">
            					<SegmentTimeline>
            						<S t="0" d="25600" r="1" />
            					</SegmentTimeline>
            				</SegmentTemplate>
            			</Representation>
            		</AdaptationSet>
            	</Period>
            </MPD>
            """;

    @Test
    void mpdSchemaRejectsAnInvalidMpd() throws Exception {
        assumeTrue(ManifestConformance.schemaFile() != null, "MPEG-DASH schema not available");
        Path mpd = dir.resolve("manifest.mpd");
        Files.writeString(mpd, MPD.formatted("200000"));
        assertEquals(List.of(), ManifestConformance.mpdErrors(mpd));

        // Period before ProgramInformation, a negative bandwidth, an unknown element
        Files.writeString(mpd, MPD.formatted("-5").replace("<ProgramInformation>\n\t</ProgramInformation>\n", "")
                .replace("</Period>", "</Period>\n\t<ProgramInformation/>\n\t<Bogus/>"));
        List<String> errors = ManifestConformance.mpdErrors(mpd);
        assertTrue(errors.size() >= 2, errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("-5")), errors.toString());
        assertThrows(AssertionError.class, () -> ManifestConformance.assertMpdValid(mpd));
    }

    @Test
    void withoutTheSchemaTheMpdCheckIsSkippedNotFailed() throws Exception {
        Path mpd = dir.resolve("manifest.mpd");
        Files.writeString(mpd, MPD.formatted("-5"));
        String before = System.getProperty("streamgear.dash.xsd");
        System.setProperty("streamgear.dash.xsd", dir.resolve("absent/DASH-MPD.xsd").toString());
        try {
            assertNull(ManifestConformance.mpdErrors(mpd));
            ManifestConformance.assertMpdValid(mpd); // prints that the schema check is skipped
        } finally {
            if (before == null) {
                System.clearProperty("streamgear.dash.xsd");
            } else {
                System.setProperty("streamgear.dash.xsd", before);
            }
        }
    }

    @Test
    void dashBandwidthMustBeMeasuredAndHoldTheBufferModel() throws Exception {
        Path mpd = dir.resolve("manifest.mpd");
        Files.write(dir.resolve("init-0.m4s"), new byte[800]);
        Files.write(dir.resolve("chunk-0-00001.m4s"), new byte[100_000]); // 400 kbit/s
        Files.write(dir.resolve("chunk-0-00002.m4s"), new byte[50_000]); // 200 kbit/s; average 300 kbit/s

        // buffer model: (800 + 100 000) x 8 / 4 s = 201 600 bit/s at least, so the average 300 000 it is
        Files.writeString(mpd, MPD.formatted("300000"));
        StreamAssertions.assertDashBandwidth(mpd);

        Files.writeString(mpd, MPD.formatted("800000")); // the encoder's target: 2.67x what is delivered
        AssertionError target = assertThrows(AssertionError.class, () -> StreamAssertions.assertDashBandwidth(mpd));
        assertTrue(target.getMessage().contains("delivered average"), target.getMessage());

        // 4 x 2 s: a first segment of 1.2 Mbit (+ init) needs 301 600 bit/s over the 4 s buffer; 240 000 is within 15%
        // of the average (210 000) but runs dry
        Files.write(dir.resolve("chunk-0-00001.m4s"), new byte[150_000]);
        for (int n = 2; n <= 4; n++) {
            Files.write(dir.resolve("chunk-0-0000" + n + ".m4s"), new byte[20_000]);
        }
        Files.writeString(mpd, MPD.formatted("240000").replace("d=\"25600\" r=\"1\"", "d=\"25600\" r=\"3\""));
        AssertionError dry = assertThrows(AssertionError.class, () -> StreamAssertions.assertDashBandwidth(mpd));
        assertTrue(dry.getMessage().contains("runs dry"), dry.getMessage());
    }

    @Test
    void bufferSimulation() throws Exception {
        Path a = Files.write(dir.resolve("a"), new byte[50_000]);
        Path b = Files.write(dir.resolve("b"), new byte[50_000]);
        // 2 x 400 kbit, T = 2 s: starting at a, a is needed at 2 s, b at 4 s
        assertNull(StreamAssertions.bufferUnderrun(200_000, 0, List.of(a, b), List.of(2.0, 2.0), 2));
        assertNotNull(StreamAssertions.bufferUnderrun(199_999, 0, List.of(a, b), List.of(2.0, 2.0), 2));
        assertNotNull(StreamAssertions.bufferUnderrun(200_000, 1, List.of(a, b), List.of(2.0, 2.0), 2), "init counted");
    }
}
