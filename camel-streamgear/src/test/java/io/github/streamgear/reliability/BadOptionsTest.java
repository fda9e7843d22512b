package io.github.streamgear.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.streamgear.engine.StreamGearException;
import io.github.streamgear.testing.StreamInspector;
import org.apache.camel.ResolveEndpointFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Options a route author gets wrong: values refused when the endpoint is created (naming the option, before anything
 * runs), raw FFmpeg options that break the encode or try to write outside the job folder, and output folders whose
 * names FFmpeg would read as patterns.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one CamelContext: FFmpeg is located once
class BadOptionsTest extends ReliabilitySupport {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "format=webm|format",
            "segmentDuration=-2|segmentDuration",
            "streams=640x@800k|streams" })
    void badValueFailsAtEndpointCreationNamingTheOption(String option, String named) throws Exception {
        int mark = sink.mark();
        ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class,
                () -> context.getEndpoint(uri(option)), option);
        String all = allMessages(e);
        assertTrue(all.contains("'" + named + "'") || all.contains(named + "="), option + " -> " + all);
        assertEquals(Map.of(), tree(out), "nothing was written");
        assertEquals(List.of(), sink.eventsSince(mark), "nothing was published");
    }

    /** Every rung larger than the source: nothing is upscaled, the source-sized rendition alone is a complete output. */
    @Test
    void upscaleOnlyLadder() throws Exception {
        Outcome o = send("format=dash&streams=1280x720@2M,1920x1080", BadMedia.clip().toFile());
        assertComplete(o, BadMedia.duration(BadMedia.clip()));
        List<StreamInspector.Track> video = StreamInspector.readDash(out.resolve(o.jobId()).resolve("manifest.mpd"))
                .stream().filter(t -> !t.audio()).toList();
        assertEquals(List.of("320x180"), video.stream().map(t -> t.width() + "x" + t.height()).toList(),
                "only the source-sized rendition, nothing upscaled");
    }

    /** Refused when the producer starts (the encoding is tried on FFmpeg then), before the source is read. */
    @Test
    void rawFfmpegOptionThatBreaksTheEncode() throws Exception {
        Outcome o = send("format=hls&ffmpeg.c:v=nope", BadMedia.clip().toFile());
        StreamGearException e = null;
        for (Throwable t = o.exception(); t != null && e == null; t = t.getCause()) {
            e = t instanceof StreamGearException s ? s : null;
        }
        assertNotNull(e, "a StreamGearException in " + o.exception());
        assertTrue(e.getMessage().contains("refuses these encoding options"), e.getMessage());
        assertTrue(e.getProcessLog().stream().anyMatch(l -> l.contains("nope")), "FFmpeg's reason is attached: "
                + e.getProcessLog());
    }

    /** A raw muxer option the encoding check cannot try: FFmpeg fails on the job, which is rolled back. */
    @Test
    void rawMuxerOptionThatBreaksTheJob() throws Exception {
        StreamGearException e = assertFailed(send("format=hls&ffmpeg.hls_time=-1", BadMedia.clip().toFile()),
                "FFmpeg failed with exit code");
        assertTrue(e.getProcessLog().stream().anyMatch(l -> l.contains("hls_time")), "FFmpeg's reason is attached: "
                + e.getProcessLog());
    }

    /**
     * A raw option pointing the segments outside the job folder is refused when the endpoint is created (with %v, one
     * file name per variant, FFmpeg would really write there); nothing is written out there.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "x_%d.ts", "x_%v_%d.ts" })
    void segmentsPointedOutsideTheJobFolder(String pattern) throws Exception {
        Path elsewhere = Files.createDirectories(out.resolveSibling("elsewhere"));
        ResolveEndpointFailedException refused = assertThrows(ResolveEndpointFailedException.class,
                () -> send("format=hls&ffmpeg.hls_segment_filename=RAW(" + elsewhere + "/" + pattern + ")",
                        BadMedia.clip().toFile()));
        assertTrue(refused.getMessage().contains("'ffmpeg.hls_segment_filename' is refused"), refused.getMessage());
        assertEquals(Map.of(), tree(elsewhere), "nothing written outside the job folder");
    }

    /** FFmpeg reads %d in a path as a segment number: an output folder with %d in its name must still hold the stream. */
    @Test
    void outputDirContainingPercentD() throws Exception {
        Path parent = out.getParent();
        Path dir = parent.resolve("out%d");
        Set<String> rootBefore = names(parent);
        Outcome o = send(dir, "format=hls", BadMedia.clip().toFile());
        assertComplete(o, BadMedia.duration(BadMedia.clip()));
        try (Stream<Path> files = Files.walk(dir)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().endsWith(".ts")), "the segments are in " + dir);
        }
        Set<String> created = names(parent);
        created.removeAll(rootBefore);
        assertEquals(Set.of("out%d"), created, "nothing written beside the output folder");
    }

    private static Set<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static String allMessages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
