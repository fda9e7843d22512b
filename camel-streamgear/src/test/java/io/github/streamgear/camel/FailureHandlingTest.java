package io.github.streamgear.camel;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.github.streamgear.engine.StreamGearException;
import io.github.streamgear.testing.Processes;
import io.github.streamgear.testing.StreamInspector;
import io.github.streamgear.testing.TestMedia;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input gets a clear exception on the exchange, leaves no FFmpeg process, no temp file and no half-written job. */
class FailureHandlingTest extends CamelTestSupport {

    @TempDir
    Path out;

    @TempDir
    Path in;

    @AfterEach
    void noProcessLeft() {
        assertEquals(List.of(), Processes.leftoverFfmpeg(), "FFmpeg processes left running");
    }

    @Test
    void missingFile() {
        StreamGearException e = fail("format=dash", in.resolve("nope.mp4").toFile());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertNoJobFolder("nope");
    }

    @Test
    void emptyFile() throws IOException {
        Path empty = Files.createFile(in.resolve("empty.mp4"));
        StreamGearException e = fail("format=dash", empty.toFile());
        assertTrue(e.getMessage().contains("is empty"), e.getMessage());
        assertNoJobFolder("empty");
    }

    @Test
    void notAVideo() throws IOException {
        Path text = Files.writeString(in.resolve("notes.mp4"), "just some text, not a video\n".repeat(100));
        StreamGearException e = fail("format=hls", text.toFile());
        assertTrue(e.getMessage().contains("ffprobe could not read"), e.getMessage());
        assertFalse(e.getProcessLog().isEmpty(), "ffprobe's own words are attached");
        assertNoJobFolder("notes");
    }

    @Test
    void truncatedVideo() throws IOException {
        Path source = TestMedia.standard();
        Path cut = TestMedia.truncated(source, Files.size(source) / 3, in);
        StreamGearException e = fail("format=dash", cut.toFile());
        assertTrue(e.getMessage().contains("truncated-standard.mp4"), e.getMessage());
        assertNoJobFolder("truncated-standard");
    }

    /** A muxer option out of range (an unknown encoder is refused when the producer starts: EncodingOptionsCheckTest). */
    @Test
    void ffmpegFailureCarriesItsLogAndRemovesPartialOutput() {
        StreamGearException e = fail("format=dash&ffmpeg.seg_duration=-5", TestMedia.standard().toFile());
        assertTrue(e.getMessage().contains("FFmpeg failed with exit code"), e.getMessage());
        assertTrue(e.getProcessLog().stream().anyMatch(l -> l.contains("seg_duration")), String.join("\n", e.getProcessLog()));
        assertNoJobFolder("standard");
    }

    @Test
    void failedRerunKeepsTheEarlierGoodOutput() throws Exception {
        Exchange ok = template.request(uri("format=dash"), x -> x.getIn().setBody(TestMedia.noAudio().toFile()));
        assertNull(ok.getException());
        Path manifest = out.resolve("no-audio/manifest.mpd");
        String before = Files.readString(manifest);
        fail("format=dash&ffmpeg.seg_duration=-5", TestMedia.noAudio().toFile());
        assertEquals(before, Files.readString(manifest), "a failed run does not touch the files it did not write");
    }

    /**
     * An upload named .mp4 that is really an HLS playlist pointing at another local video. Without the demuxer allow-list
     * FFmpeg follows the reference and publishes that video; with the default guard the job fails and nothing leaks.
     */
    @Test
    void craftedPlaylistUploadCannotReadLocalFiles() throws Exception {
        Path secret = in.resolve("secret.ts");
        TestMediaSupport.ffmpeg("-f", "lavfi", "-i", "color=c=red:size=320x240:rate=25", "-t", "2", "-c:v", "libx264",
                "-f", "mpegts", secret.toString());
        Path upload = Files.writeString(in.resolve("upload.mp4"),
                "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n" + secret.toUri() + "\n#EXT-X-ENDLIST\n");

        StreamGearException e = fail("format=dash", upload.toFile());
        assertTrue(e.getMessage().contains("ffprobe could not read"), e.getMessage());
        assertTrue(e.getProcessLog().stream().anyMatch(l -> l.contains("not on whitelist")), String.join("\n", e.getProcessLog()));
        assertNoJobFolder("upload");

        // the same upload with the guard lifted really does read the other file: the test above is not vacuous
        Exchange unguarded = template.request(uri("format=dash&allowedDemuxers=all"), x -> x.getIn().setBody(upload.toFile()));
        assertNull(unguarded.getException());
        List<StreamInspector.Track> tracks = StreamInspector.readDash(out.resolve("upload/manifest.mpd"));
        assertEquals(320, tracks.get(0).width(), "the secret 320x240 video was transcoded");
    }

    @Test
    void timeoutStopsFfmpeg() {
        StreamGearException e = fail("format=dash&preset=veryslow&streams=640x360,426x240&timeout=1s",
                TestMedia.hd().toFile());
        assertTrue(e.getMessage().contains("did not finish within the timeout"), e.getMessage());
        assertNoJobFolder("hd");
    }

    @Test
    void streamBodyIsSpooledAndTheTempFileRemoved() throws Exception {
        long tempsBefore = spooledTempFiles();
        Exchange ok = template.request(uri("format=hls"), x -> {
            x.getIn().setBody(Files.newInputStream(TestMedia.noAudio()));
            x.getIn().setHeader(Exchange.FILE_NAME, "uploads/clip.mp4");
        });
        assertNull(ok.getException());
        @SuppressWarnings("unchecked")
        List<Message> reply = ok.getMessage().getBody(List.class);
        assertTrue(reply.stream().anyMatch(m -> "clip/manifest.m3u8".equals(m.getHeader(Exchange.FILE_NAME))));
        assertEquals(tempsBefore, spooledTempFiles(), "spooled source deleted after the job");

        InputStream garbage = new ByteArrayInputStream(new byte[4096]);
        Exchange bad = template.request(uri("format=hls"), x -> x.getIn().setBody(garbage));
        assertInstanceOf(StreamGearException.class, bad.getException());
        assertEquals(tempsBefore, spooledTempFiles(), "spooled source deleted after a failed job");
    }

    @Test
    void unsupportedBody() {
        Exchange bad = template.request(uri("format=hls"), x -> x.getIn().setBody(42));
        assertTrue(bad.getException().getMessage().contains("java.lang.Integer"), bad.getException().getMessage());
    }

    @Test
    void missingFfmpegFailsWhenTheEndpointStarts() {
        Exception e = assertThrows(Exception.class,
                () -> template.sendBody(uri("format=dash&ffmpegPath=/opt/nowhere/ffmpeg"), TestMedia.noAudio().toFile()));
        String message = rootMessage(e);
        assertTrue(message.contains("option ffmpegPath=/opt/nowhere/ffmpeg (does not exist)"), message);
    }

    @Test
    void badOptionsFailAtEndpointCreationNamingTheOption() {
        assertOptionError("format=mp3", "format");
        assertOptionError("streams=640by360", "streams");
        assertOptionError("streams=640x360@0k", "streams");
        assertOptionError("hlsSegmentType=webm", "hlsSegmentType");
        assertOptionError("segmentDuration=0", "segmentDuration");
        assertOptionError("bpp=-1", "bpp");
        assertOptionError("noSuchOption=1", "noSuchOption");
        // a consumer endpoint (from("streamgear:x")) needs no outputDir; a producer does
        Exception e = assertThrows(Exception.class, () -> template.sendBody("streamgear:x?format=dash", "/in/a.mp4"));
        assertTrue(rootMessage(e).contains("Option 'outputDir' is required"), rootMessage(e));
    }

    private void assertOptionError(String option, String name) {
        ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class,
                () -> context.getEndpoint(uri(option)), option);
        assertTrue(rootMessage(e).contains(name), option + " -> " + rootMessage(e));
    }

    private StreamGearException fail(String options, Object body) {
        Exchange result = template.request(uri(options), x -> x.getIn().setBody(body));
        assertInstanceOf(StreamGearException.class, result.getException(), "exchange failed with a StreamGearException");
        return (StreamGearException) result.getException();
    }

    private void assertNoJobFolder(String job) {
        assertFalse(Files.exists(out.resolve(job)), "no half-written job folder " + job);
    }

    private static long spooledTempFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("streamgear-source-")).count();
        }
    }

    private static String rootMessage(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        return all.toString();
    }

    private String uri(String options) {
        return "streamgear:fail?outputDir=" + out + "&" + options;
    }
}
