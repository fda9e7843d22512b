package io.github.streamgear.engine.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputVerifierTest {

    private static final String MPD = """
            <?xml version="1.0" encoding="utf-8"?>
            <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT6.0S">
              <Period id="0" start="PT0.0S">
                <AdaptationSet id="0" contentType="video">
                  <Representation id="0" bandwidth="800000">
                    <SegmentTemplate timescale="12800" initialization="init-$RepresentationID$.m4s"
                        media="chunk-$RepresentationID$-$Number%05d$.m4s" startNumber="1">
                      <SegmentTimeline><S t="0" d="25600" r="1" /><S d="25600" /></SegmentTimeline>
                    </SegmentTemplate>
                  </Representation>
                </AdaptationSet>
              </Period>
            </MPD>
            """;

    @TempDir
    Path dir;

    @Test
    void aCompleteDashOutputHasNoProblemAndItsDurationIsItsTimeline() throws IOException {
        write("manifest.mpd", MPD);
        for (String name : List.of("init-0.m4s", "chunk-0-00001.m4s", "chunk-0-00002.m4s", "chunk-0-00003.m4s")) {
            write(name, "data");
        }
        assertEquals(List.of(), OutputVerifier.problems(dir, "manifest.mpd"));
        assertEquals(6.0, OutputVerifier.duration(dir, List.of(file("manifest.mpd", FileKind.MANIFEST))).getAsDouble(), 1e-9);
    }

    @Test
    void aDashManifestListingAMissingOrEmptySegmentIsReported() throws IOException {
        write("manifest.mpd", MPD);
        write("init-0.m4s", "data");
        write("chunk-0-00001.m4s", "");
        write("chunk-0-00002.m4s", "data");
        assertEquals(List.of("manifest.mpd lists chunk-0-00001.m4s, which is empty",
                "manifest.mpd lists chunk-0-00003.m4s, which is missing"), OutputVerifier.problems(dir, "manifest.mpd"));
    }

    @Test
    void playlistsMayOnlyListFilesInTheJobFolder() throws IOException {
        write("stream_360p.m3u8", """
                #EXTM3U
                #EXT-X-MAP:URI="init_0.mp4"
                #EXTINF:2.0,
                stream_360p_00000.m4s
                #EXTINF:1.5,
                /elsewhere/x_1.m4s
                #EXTINF:1.5,
                ../other-job/stream_360p_00002.m4s
                #EXT-X-ENDLIST
                """);
        write("init_0.mp4", "init");
        write("stream_360p_00000.m4s", "data");
        assertEquals(List.of("stream_360p.m3u8 lists /elsewhere/x_1.m4s, which is outside the job folder",
                "stream_360p.m3u8 lists ../other-job/stream_360p_00002.m4s, which is outside the job folder"),
                OutputVerifier.problems(dir, "stream_360p.m3u8"));
        assertEquals(5.0, OutputVerifier.duration(dir, List.of(file("stream_360p.m3u8", FileKind.PLAYLIST))).getAsDouble(),
                1e-9);
    }

    @Test
    void emptyOrUnparsableManifestsAndUnwrittenEntryPointsAreReported() throws IOException {
        write("manifest.m3u8", "");
        write("stream_a.m3u8", "garbage");
        write("chunk.ts", "");
        List<String> problems = OutputVerifier.problems(dir, List.of(file("manifest.m3u8", FileKind.MANIFEST),
                file("stream_a.m3u8", FileKind.PLAYLIST), file("chunk.ts", FileKind.SEGMENT)),
                List.of("manifest.m3u8", "manifest.mpd"));
        assertTrue(problems.contains("manifest.mpd was not written"), problems.toString());
        assertTrue(problems.contains("manifest.m3u8 is empty"), problems.toString());
        assertTrue(problems.contains("chunk.ts is empty"), problems.toString());
        assertTrue(problems.contains("stream_a.m3u8 cannot be read: it does not start with #EXTM3U"), problems.toString());
    }

    /** A y4m header claiming 8192x8192 over a few bytes gave an init segment and an MPD with an empty timeline. */
    @Test
    void anOutputWithoutASegmentIsReported() throws IOException {
        write("manifest.mpd", MPD.replace("<S t=\"0\" d=\"25600\" r=\"1\" /><S d=\"25600\" />", ""));
        write("init-0.m4s", "data");
        write("stream_0.m3u8", "#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-ENDLIST\n");
        assertEquals(List.of("manifest.mpd cannot be read: representation 0 lists no segment"),
                OutputVerifier.problems(dir, "manifest.mpd"));
        assertEquals(List.of("stream_0.m3u8 cannot be read: it lists no segment"), OutputVerifier.problems(dir, "stream_0.m3u8"));
        // a live stream's first versions: not published, but logged as the stream's start rather than as a fault
        assertTrue(OutputVerifier.listsNoSegment("manifest.mpd", Files.readString(dir.resolve("manifest.mpd"))));
        assertTrue(OutputVerifier.listsNoSegment("stream_0.m3u8", Files.readString(dir.resolve("stream_0.m3u8"))));
        assertFalse(OutputVerifier.listsNoSegment("manifest.mpd", MPD), "a version listing segments");
        assertFalse(OutputVerifier.listsNoSegment("manifest.mpd", "<MPD"), "a version that cannot be parsed is a fault");
    }

    @Test
    void templatesAreExpandedAsTheDashStandardSays() {
        assertEquals("chunk-v1-00042.m4s", OutputVerifier.expand("chunk-$RepresentationID$-$Number%05d$.m4s", "v1", "8", 42, 0));
        assertEquals("seg-900000-1234$.m4s", OutputVerifier.expand("seg-$Bandwidth$-$Time$$$.m4s", "0", "900000", 1, 1234));
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    private OutputFile file(String name, FileKind kind) throws IOException {
        return new OutputFile(dir.resolve(name), name, kind, "x", null, -1, Files.size(dir.resolve(name)));
    }
}
