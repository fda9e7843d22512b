package io.github.streamgear.engine.output;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DashManifestTest {

    @TempDir
    Path dir;

    /** The MPD FFmpeg 5.1 wrote for 4 s of video with 4.011 s of AAC (frames with external audio), abridged. */
    private static final String MPD = """
            <?xml version="1.0" encoding="utf-8"?>
            <MPD xmlns="urn:mpeg:dash:schema:mpd:2011"
            	profiles="urn:mpeg:dash:profile:isoff-live:2011"
            	type="%s"
            	mediaPresentationDuration="PT4.0S"
            	minBufferTime="PT2.0S">
            	<Period id="0" start="PT0.0S">
            		<AdaptationSet id="0" contentType="video">
            			<Representation id="0" mimeType="video/mp4" bandwidth="800000" width="640" height="360">
            				<SegmentTemplate timescale="12800" media="chunk-$RepresentationID$-$Number%%05d$.m4s" startNumber="1">
            					<SegmentTimeline>
            						<S t="0" d="12800" r="3" />
            					</SegmentTimeline>
            				</SegmentTemplate>
            			</Representation>
            		</AdaptationSet>
            		<AdaptationSet id="1" contentType="audio">
            			<Representation id="1" mimeType="audio/mp4" bandwidth="128000">
            				<SegmentTemplate timescale="48000" media="chunk-$RepresentationID$-$Number%%05d$.m4s" startNumber="1">
            					<SegmentTimeline>
            						<S t="0" d="48128" />
            						<S d="47104" />
            						<S d="48128" r="1" />
            						<S d="1024" />
            					</SegmentTimeline>
            				</SegmentTemplate>
            			</Representation>
            		</AdaptationSet>
            	</Period>
            </MPD>
            """;

    @Test
    void declaresTheEndOfTheLongestRepresentationToTheMillisecond() throws Exception {
        Path mpd = dir.resolve("manifest.mpd");
        Files.writeString(mpd, MPD.formatted("static"));

        DashManifest.finish(mpd);

        // audio: (48128 + 47104 + 2 x 48128 + 1024) / 48000 = 4.010667 s, rounded up
        assertEquals(MPD.formatted("static").replace("PT4.0S\"", "PT4.011S\""), Files.readString(mpd));
        DashManifest.finish(mpd);
        assertEquals(MPD.formatted("static").replace("PT4.0S\"", "PT4.011S\""), Files.readString(mpd), "idempotent");
    }

    @Test
    void leavesExactDynamicAndUnreadableManifestsAlone() throws Exception {
        Path mpd = dir.resolve("manifest.mpd");
        String videoOnly = MPD.formatted("static").replaceAll("(?s)<AdaptationSet id=\"1\".*?</AdaptationSet>\\s*", "");
        Files.writeString(mpd, videoOnly);
        DashManifest.finish(mpd);
        assertEquals(videoOnly, Files.readString(mpd), "4 x 12800 / 12800 = PT4.0S exactly");

        Files.writeString(mpd, MPD.formatted("dynamic"));
        DashManifest.finish(mpd);
        assertEquals(MPD.formatted("dynamic"), Files.readString(mpd));

        String unreadable = MPD.formatted("static").replace("<S d=\"1024\" />", "<S d=\"1024.5\" />");
        Files.writeString(mpd, unreadable);
        DashManifest.finish(mpd);
        assertEquals(unreadable, Files.readString(mpd), "a timeline it cannot read leaves FFmpeg's value");
    }

    @Test
    void honoursExplicitStartTimesAndThePresentationTimeOffset() throws Exception {
        String shifted = MPD.formatted("static")
                .replace("<SegmentTemplate timescale=\"12800\"", "<SegmentTemplate timescale=\"12800\" presentationTimeOffset=\"6400\"")
                .replace("<S t=\"0\" d=\"12800\" r=\"3\" />", "<S t=\"6400\" d=\"12800\" r=\"2\" /><S t=\"44800\" d=\"25600\" />");
        // video: from 0.5 s (the offset) to (44800 + 25600) / 12800 = 5.5 s: 5 s; audio still 4.011 s
        Path mpd = dir.resolve("manifest.mpd");
        Files.writeString(mpd, shifted);
        DashManifest.finish(mpd);
        assertEquals(shifted.replace("PT4.0S\"", "PT5.000S\""), Files.readString(mpd));
    }

    /**
     * The last MPD of a live stream from a UDP source stopped mid-GOP (LiveSourceKindsPlaybackTest, abridged): a window
     * from 16 s, video to 21.36 s, audio to 21.461 s, declared {@code PT21.3S}; dash.js parked at 20.8 s under it.
     */
    private static final String LIVE_END = """
            <?xml version="1.0" encoding="utf-8"?>
            <MPD xmlns="urn:mpeg:dash:schema:mpd:2011"
            	profiles="urn:mpeg:dash:profile:isoff-live:2011"
            	type="static"
            	mediaPresentationDuration="%s"
            	maxSegmentDuration="PT1.0S"
            	minBufferTime="PT2.0S">
            	<Period id="0" start="PT0.0S">
            		<AdaptationSet id="0" contentType="video">
            			<Representation id="0" mimeType="video/mp4" bandwidth="144000" width="320" height="180">
            				<SegmentTemplate timescale="12800" media="chunk-$RepresentationID$-$Number%%05d$.m4s" startNumber="17">
            					<SegmentTimeline>
            						<S t="204800" d="12800" r="4" />
            						<S d="4608" />
            					</SegmentTimeline>
            				</SegmentTemplate>
            			</Representation>
            		</AdaptationSet>
            		<AdaptationSet id="1" contentType="audio">
            			<Representation id="1" mimeType="audio/mp4" bandwidth="64000">
            				<SegmentTemplate timescale="48000" media="chunk-$RepresentationID$-$Number%%05d$.m4s" startNumber="17">
            					<SegmentTimeline>
            						<S t="768000" d="48128" r="4" />
            						<S d="21504" />
            					</SegmentTimeline>
            				</SegmentTemplate>
            			</Representation>
            		</AdaptationSet>
            	</Period>
            </MPD>
            """;

    @Test
    void aFinishedLiveStreamDeclaresTheEndOfItsLongestRepresentation() throws Exception {
        Path mpd = dir.resolve("manifest.mpd");
        Files.writeString(mpd, LIVE_END.formatted("PT21.3S"));
        DashManifest.finishLive(mpd);
        // audio: (768000 + 5 x 48128 + 21504) / 48000 = 21.4613 s, rounded up; the window starting at 16 s does not matter
        assertEquals(LIVE_END.formatted("PT21.462S"), Files.readString(mpd));

        Files.writeString(mpd, LIVE_END.formatted("PT22.0S"));
        DashManifest.finishLive(mpd);
        assertEquals(LIVE_END.formatted("PT22.0S"), Files.readString(mpd), "a live MPD's duration is never shortened");
    }
}
