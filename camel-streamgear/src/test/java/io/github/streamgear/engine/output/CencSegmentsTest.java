package io.github.streamgear.engine.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.streamgear.engine.ladder.LadderPlanner;
import io.github.streamgear.engine.protection.CencFragments;
import io.github.streamgear.engine.protection.FfmpegCencFragmentsTest;
import io.github.streamgear.engine.settings.HlsSegmentType;
import io.github.streamgear.engine.settings.Segmenting;
import io.github.streamgear.engine.settings.StreamFormat;
import io.github.streamgear.testing.CencSamples;
import io.github.streamgear.testing.TestMedia;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A CENC job's files completed in place, on FFmpeg 5.1's real output named as the job names it: once each, in order
 * within a rendition whoever asks first (the watcher, out of order, or the job at the end), each passed on once in its
 * completed version; a file that cannot be completed stops everything after it and is named.
 */
class CencSegmentsTest {

    private static final String KEY = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

    @TempDir
    Path dir;

    private final OutputLayout layout = new OutputLayout(new Segmenting(StreamFormat.DASH, HlsSegmentType.FMP4, 2, "manifest"),
            new LadderPlanner(0.1).plan(640, 360, 30, List.of()), true);
    private final Map<String, byte[]> ffmpeg = new HashMap<>();

    @BeforeEach
    void encrypt() throws IOException {
        TestMedia.run(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i",
                TestMedia.standard().toString(), "-map", "0:v", "-map", "0:a", "-c:v", "libx264", "-preset", "ultrafast",
                "-g", "30", "-c:a", "copy", "-f", "dash", "-seg_duration", "2", "-use_template", "1", "-use_timeline", "1",
                "-dash_segment_type", "mp4", "-adaptation_sets", "id=0,streams=v id=1,streams=a",
                "-init_seg_name", OutputLayout.DASH_INIT_TEMPLATE, "-media_seg_name", OutputLayout.DASH_MEDIA_TEMPLATE,
                "-format_options", "encryption_scheme=cenc-aes-ctr:encryption_key=" + KEY
                        + ":encryption_kid=00112233445566778899aabbccddeeff", dir.resolve("manifest.mpd").toString()));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".m4s")).toList()) {
                ffmpeg.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        assertTrue(ffmpeg.containsKey("chunk-0-00004.m4s") && ffmpeg.containsKey("init-1.m4s"), ffmpeg.keySet().toString());
    }

    @Test
    void eachFileIsCompletedOnceInOrderAndPassedOnOnce() throws Exception {
        Map<String, byte[]> expected = reference();
        CencSegments cenc = new CencSegments(dir, layout);

        // the watcher reports segment 3 first: 1 and 2 (and the init) are completed before it
        OutputEvent third = cenc.completed(event("chunk-0-00003.m4s"));
        assertNotNull(third);
        assertEquals(Files.size(dir.resolve("chunk-0-00003.m4s")), third.file().size(), "the completed version's size");
        for (String name : List.of("init-0.m4s", "chunk-0-00001.m4s", "chunk-0-00002.m4s", "chunk-0-00003.m4s")) {
            assertArrayEquals(expected.get(name), Files.readAllBytes(dir.resolve(name)), name);
        }
        assertNotNull(cenc.completed(event("init-0.m4s")), "found completed, passed on");
        assertNotNull(cenc.completed(event("chunk-0-00001.m4s")));
        assertNull(cenc.completed(event("chunk-0-00001.m4s")), "reported again once replaced: not passed on twice");
        assertNull(cenc.completed(event("chunk-0-00003.m4s")));

        // the job completes the rest once FFmpeg has exited
        assertTrue(cenc.completeAll(OutputCollector.collect(dir, layout, Map.of())), cenc.failure());
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(dir.resolve(e.getKey())), e.getKey());
        }
        assertNotNull(cenc.completed(event("chunk-1-00002.m4s")), "completed by the job, passed on when reported");
        assertFalse(cenc.wasPassedOn("chunk-1-00001.m4s"));
        assertTrue(cenc.wasPassedOn("chunk-1-00002.m4s"));
        for (String name : expected.keySet()) {
            if (name.startsWith("chunk-")) {
                CencSamples.decrypt(Files.readAllBytes(dir.resolve(name)), KEY); // the senc entries fill the mdat
            }
        }
        assertNull(cenc.failure());
        System.out.println("CencSegmentsTest: " + cenc.summary() + " (" + expected.size() + " files)");
    }

    @Test
    void aFileThatCannotBeCompletedIsNamedAndNothingMoreIsPassedOn() throws Exception {
        Path broken = dir.resolve("chunk-0-00002.m4s");
        byte[] bytes = Files.readAllBytes(broken);
        int mdat = indexOf(bytes, "mdat") - 4;
        ByteBuffer.wrap(bytes).putInt(mdat + 8, 0x7fffffff); // the first NAL unit's length runs past the sample
        Files.write(broken, bytes);

        CencSegments cenc = new CencSegments(dir, layout);
        assertNotNull(cenc.completed(event("init-0.m4s")));
        assertNotNull(cenc.completed(event("chunk-0-00001.m4s")));
        assertNull(cenc.completed(event("chunk-0-00002.m4s")));
        String failure = cenc.failure();
        assertTrue(failure.contains("chunk-0-00002.m4s") && failure.contains("NAL"), failure);
        assertArrayEquals(bytes, Files.readAllBytes(broken), "left as FFmpeg wrote it (and never passed on)");
        assertFalse(FfmpegCencFragmentsTest.boxes(Files.readAllBytes(broken)).contains("senc"));
        assertNull(cenc.completed(event("init-1.m4s")), "nothing after the failure, in any rendition");
        assertNull(cenc.completed(event("chunk-0-00003.m4s")));
        assertFalse(cenc.completeAll(OutputCollector.collect(dir, layout, Map.of())));
        assertArrayEquals(ffmpeg.get("init-1.m4s"), Files.readAllBytes(dir.resolve("init-1.m4s")));
        assertFalse(cenc.wasPassedOn("chunk-0-00002.m4s"));
    }

    /** What CencFragments makes of FFmpeg's files, track by track in order. */
    private Map<String, byte[]> reference() {
        Map<String, byte[]> out = new HashMap<>();
        for (int rep = 0; rep < 2; rep++) {
            CencFragments track = CencFragments.of(ffmpeg.get("init-" + rep + ".m4s"));
            out.put("init-" + rep + ".m4s", track.initSegment());
            List<String> names = new ArrayList<>(ffmpeg.keySet().stream().filter(n -> n.startsWith("chunk-")).toList());
            names.sort(null);
            for (String n : names) {
                if (n.startsWith("chunk-" + rep + "-")) {
                    out.put(n, track.segment(ffmpeg.get(n)));
                }
            }
        }
        return out;
    }

    private OutputEvent event(String name) throws IOException {
        OutputLayout.Classified c = layout.classify(name).orElseThrow();
        Path file = dir.resolve(name);
        return new OutputEvent(OutputEvent.Type.COMPLETED, new OutputFile(file, name, c.kind(),
                OutputLayout.contentType(name, c.kind()), c.rendition(), c.sequence(), Files.size(file)), Instant.now());
    }

    private static int indexOf(byte[] s, String type) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + 4 <= s.length; i++) {
            for (int j = 0; j < 4; j++) {
                if (s[i + j] != t[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("no " + type);
    }
}
