package io.github.streamgear.camel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import io.github.streamgear.engine.StreamGearException;
import io.github.streamgear.testing.Processes;
import io.github.streamgear.testing.TestMedia;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A job is declared good only when its output is complete: every manifest and playlist parses and every file it lists
 * is in the job folder and not empty; otherwise it fails naming the cause and publishes nothing broken.
 */
class OutputVerificationTest extends CamelTestSupport {

    @TempDir
    Path work;

    private final List<Message> published = new CopyOnWriteArrayList<>();
    private final AtomicBoolean deleteFirstSegment = new AtomicBoolean();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("streamgear:verify").process(e -> {
                    Message m = e.getMessage();
                    if (deleteFirstSegment.get() && "segment".equals(m.getHeader(StreamGearConstants.FILE_KIND))
                            && "write".equals(m.getHeader(StreamGearConstants.OPERATION))) {
                        deleteFirstSegment.set(false);
                        Files.delete(m.getBody(java.io.File.class).toPath()); // the output is damaged while FFmpeg runs
                    }
                    published.add(m.copy());
                });
            }
        };
    }

    @AfterEach
    void noProcessLeft() {
        assertEquals(List.of(), Processes.leftoverFfmpeg(), "FFmpeg processes left running");
    }

    /** Defect: on a full disk FFmpeg 5.1's HLS muxer exits 0 and leaves empty segments and playlists. */
    @ParameterizedTest
    @ValueSource(strings = { "format=hls", "format=hls&hlsSegmentType=fmp4", "format=dash", "format=cmaf" })
    void aFullDiskFailsTheJobSayingSoAndPublishesNothingBroken(String options) throws Exception {
        Path disk = Files.createDirectories(work.resolve("small-disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        Assumptions.assumeTrue(mount.waitFor() == 0, "cannot mount a 2 MiB tmpfs here (needs root): "
                + new String(mount.getInputStream().readAllBytes()));
        try {
            Exchange result = template.request("streamgear:verify?streams=320x180&outputDir=" + disk + "&" + options,
                    x -> x.getIn().setBody(longSource().toFile()));
            StreamGearException e = assertInstanceOf(StreamGearException.class, result.getException());
            assertTrue(e.getMessage().contains("No space left on the disk that holds"), e.getMessage());
            assertNothingBrokenPublished();
            assertTrue(listFiles(disk).isEmpty(), "the failed job left " + listFiles(disk));
        } finally {
            new ProcessBuilder("umount", disk.toString()).inheritIO().start().waitFor();
        }
    }

    @Test
    void aFileRemovedWhileFfmpegRunsFailsTheJobNamingIt() throws Exception {
        deleteFirstSegment.set(true);
        Exchange result = template.request("streamgear:verify?format=hls&outputDir=" + work,
                x -> x.getIn().setBody(TestMedia.standard().toFile()));
        StreamGearException e = assertInstanceOf(StreamGearException.class, result.getException());
        assertTrue(e.getMessage().matches("(?s).*stream_\\w+\\.m3u8 lists stream_\\w+_00000\\.ts, which is missing.*"),
                e.getMessage());
        assertNothingBrokenPublished();
    }

    @Test
    void aPercentSignInTheOutputFolderIsJustACharacter() throws IOException {
        Path folder = work.resolve("pct%d").resolve("100%v");
        for (String format : List.of("hls", "dash", "cmaf")) {
            published.clear();
            Exchange result = template.request("streamgear:verify?format=" + format + "&outputDir=" + folder,
                    x -> x.getIn().setBody(TestMedia.noAudio().toFile()));
            assertEquals(null, result.getException(), format);
            List<Message> reply = result.getMessage().getBody(List.class);
            assertTrue(reply.stream().anyMatch(m -> "segment".equals(m.getHeader(StreamGearConstants.FILE_KIND))), format);
            for (Message m : reply) {
                Path file = m.getBody(java.io.File.class).toPath();
                assertTrue(file.startsWith(folder) && Files.size(file) > 0, format + ": " + file);
            }
        }
    }

    @Test
    void rawOptionsThatPlaceOutputFilesAreRefused() {
        ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class, () -> context.getEndpoint(
                "streamgear:verify?format=hls&outputDir=" + work + "&ffmpeg.hls_segment_filename=/elsewhere/x_%d.ts"));
        assertTrue(e.getCause().getMessage().contains("'ffmpeg.hls_segment_filename' is refused"), e.getCause().getMessage());
    }

    /** Defect: the first 30% of a faststart MP4 gave a 1.2 s stream of a 4 s source, reported as a success. */
    @Test
    void aTruncatedSourceFailsUnlessAShortOutputIsAllowed() throws Exception {
        Path faststart = work.resolve("talk.mp4");
        TestMediaSupport.ffmpeg("-i", TestMedia.standard().toString(), "-t", "4", "-c", "copy", "-movflags", "+faststart",
                faststart.toString());
        Path cut = TestMedia.truncated(faststart, Files.size(faststart) * 3 / 10, Files.createDirectories(work.resolve("in")));

        Exchange failed = template.request("streamgear:verify?format=dash&outputDir=" + work.resolve("out"),
                x -> x.getIn().setBody(cut.toFile()));
        StreamGearException e = assertInstanceOf(StreamGearException.class, failed.getException());
        assertTrue(e.getMessage().matches("(?s).*the output plays \\d\\.\\d s, \\d\\.\\d s shorter than the source .*"),
                e.getMessage());
        assertNothingBrokenPublished();

        Exchange allowed = template.request("streamgear:verify?format=dash&allowShortOutput=true&outputDir="
                + work.resolve("out"), x -> x.getIn().setBody(cut.toFile()));
        assertEquals(null, allowed.getException());
        assertEquals(true, allowed.getMessage().getHeader(StreamGearConstants.SHORT_OUTPUT));

        Exchange whole = template.request("streamgear:verify?format=dash&outputDir=" + work.resolve("out"),
                x -> x.getIn().setBody(faststart.toFile()));
        assertEquals(null, whole.getException());
        assertEquals(null, whole.getMessage().getHeader(StreamGearConstants.SHORT_OUTPUT));
    }

    /** No manifest or playlist was published, and every segment that was is deleted again. */
    private void assertNothingBrokenPublished() throws InterruptedException {
        // the consumer delivers on its own thread: the deletes of a failed job may still be queued when its exchange ends
        for (int i = 0; i < 100 && !deletedAllWritten(); i++) {
            Thread.sleep(100);
        }
        for (Message m : published) {
            String kind = m.getHeader(StreamGearConstants.FILE_KIND, String.class);
            boolean write = "write".equals(m.getHeader(StreamGearConstants.OPERATION));
            assertFalse(write && ("manifest".equals(kind) || "playlist".equals(kind)),
                    "published " + m.getHeader(StreamGearConstants.FILE_NAME));
        }
        List<Object> written = published.stream().filter(m -> "write".equals(m.getHeader(StreamGearConstants.OPERATION)))
                .map(m -> m.getHeader(StreamGearConstants.FILE_NAME)).toList();
        List<Object> deleted = published.stream().filter(m -> "delete".equals(m.getHeader(StreamGearConstants.OPERATION)))
                .map(m -> m.getHeader(StreamGearConstants.FILE_NAME)).toList();
        assertTrue(deleted.containsAll(written), "published and not deleted again: " + written);
    }

    private boolean deletedAllWritten() {
        List<Object> written = published.stream().filter(m -> "write".equals(m.getHeader(StreamGearConstants.OPERATION)))
                .map(m -> m.getHeader(StreamGearConstants.FILE_NAME)).toList();
        return published.stream().filter(m -> "delete".equals(m.getHeader(StreamGearConstants.OPERATION)))
                .map(m -> m.getHeader(StreamGearConstants.FILE_NAME)).toList().containsAll(written);
    }

    /** 40 s of 640x360 video with audio: two rungs make about 4 MB of segments. */
    private Path longSource() throws Exception {
        Path source = work.resolve("long.mp4");
        if (!Files.exists(source)) {
            TestMediaSupport.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25", "-f", "lavfi", "-i",
                    "sine=frequency=440:sample_rate=48000", "-t", "40", "-c:v", "libx264", "-preset", "ultrafast", "-c:a",
                    "aac", "-shortest", source.toString());
        }
        return source;
    }

    private static List<Path> listFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
