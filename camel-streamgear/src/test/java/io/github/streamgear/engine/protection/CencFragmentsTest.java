package io.github.streamgear.engine.protection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.streamgear.testing.CencSamples;
import io.github.streamgear.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FFmpeg 5.1's CENC DASH output, completed by {@link CencFragments}, decrypts with the key to exactly the samples, and
 * decodes to exactly the frames, of the same output in the clear (real FFmpeg, H.264 and AAC, several segments); a
 * wrong key does not.
 */
class CencFragmentsTest {

    private static final String KEY = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    private static final String WRONG_KEY = "a1b2c3d4e5f60718293a4b5c6d7e8f91";
    private static final String KID = "00112233445566778899aabbccddeeff";

    @TempDir
    Path dir;

    private Path source = TestMedia.standard();

    @Test
    void completedFragmentsDecryptToTheClearOutputWithTheKeyOnly() throws Exception {
        // a key frame every second, so that both runs copy the same samples into several segments
        source = dir.resolve("keyframes.mp4");
        run(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", TestMedia.standard().toString(),
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "30", "-c:a", "copy", source.toString()));
        Path clear = dash(dir.resolve("clear"), List.of());
        Path cenc = dash(dir.resolve("cenc"), List.of("-format_options",
                "encryption_scheme=cenc-aes-ctr:encryption_key=" + KEY + ":encryption_kid=" + KID));
        for (int stream = 0; stream < 2; stream++) {
            List<Path> segments = segments(cenc, stream);
            List<Path> clearSegments = segments(clear, stream);
            assertTrue(segments.size() >= 4, "several fragments, so that the IV runs on across them: " + segments);
            assertEquals(clearSegments.size(), segments.size());

            CencFragments track = CencFragments.of(Files.readAllBytes(cenc.resolve("init-stream" + stream + ".m4s")));
            assertFalse(FfmpegCencFragmentsTest.boxes(track.initSegment()).contains("senc"), "no senc left in the init");
            List<byte[]> completed = new ArrayList<>();
            for (int i = 0; i < segments.size(); i++) {
                byte[] fixed = track.segment(Files.readAllBytes(segments.get(i)));
                List<String> boxes = FfmpegCencFragmentsTest.boxes(fixed);
                assertTrue(boxes.containsAll(List.of("saiz", "saio", "senc")), boxes.toString());
                completed.add(fixed);
                // an independent CENC decryptor (AES-CTR per sample, as the senc box says) gives the clear samples back
                byte[] clearMdat = CencSamples.mdat(Files.readAllBytes(clearSegments.get(i)));
                assertArrayEquals(clearMdat, CencSamples.decrypt(fixed, KEY), "stream " + stream + ", segment " + (i + 1));
                assertFalse(Arrays.equals(clearMdat, CencSamples.decrypt(fixed, WRONG_KEY)), "a wrong key");
                assertFalse(Arrays.equals(clearMdat, CencSamples.mdat(fixed)), "the samples are encrypted");
            }

            // and FFmpeg decodes them with the key to the clear frames. FFmpeg 5.1's own mp4 demuxer loses track of the
            // sample encryption data from the third fragment of a concatenation on ("subsample size exceeds the packet
            // size left"), although every entry adds up (checked above): two fragments are decoded
            Path encrypted = dir.resolve("encrypted-" + stream + ".mp4");
            Files.write(encrypted, concat(track.initSegment(), completed.get(0), completed.get(1)));
            Path reference = dir.resolve("clear-" + stream + ".mp4");
            Files.write(reference, concat(Files.readAllBytes(clear.resolve("init-stream" + stream + ".m4s")),
                    Files.readAllBytes(clearSegments.get(0)), Files.readAllBytes(clearSegments.get(1))));
            List<String> expected = framemd5(reference, null);
            assertTrue(expected.size() >= 50, "frames of stream " + stream + ": " + expected.size());
            assertTrue(expected.equals(framemd5(encrypted, KEY)), "stream " + stream + " decoded with the key");
            assertFalse(expected.equals(framemd5(encrypted, WRONG_KEY)), "stream " + stream + " with a wrong key");
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void refusesWhatIsNotFfmpegsCencOutput() throws Exception {
        Path clear = dash(dir.resolve("clear"), List.of());
        byte[] init = Files.readAllBytes(clear.resolve("init-stream0.m4s"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CencFragments.of(init));
        assertTrue(e.getMessage().contains("senc"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CencFragments.of(new byte[] {0, 0, 0, 9, 'm', 'o', 'o', 'v'}));
    }

    private static List<Path> segments(Path out, int stream) throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(f -> f.getFileName().toString().startsWith("chunk-stream" + stream + "-")).sorted().toList();
        }
    }

    private Path dash(Path out, List<String> extra) throws IOException, InterruptedException {
        Files.createDirectories(out);
        List<String> argv = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                "-i", source.toString(), "-map", "0:v", "-map", "0:a", "-c", "copy", "-f", "dash",
                "-seg_duration", "2", "-use_template", "1", "-use_timeline", "1", "-dash_segment_type", "mp4",
                "-adaptation_sets", "id=0,streams=v id=1,streams=a"));
        argv.addAll(extra);
        argv.add(out.resolve("manifest.mpd").toString());
        String output = run(argv);
        assertTrue(Files.exists(out.resolve("manifest.mpd")), output);
        return out;
    }

    /** FFmpeg's checksum of every decoded frame (video) or audio frame; with a key, the input is decrypted with it. */
    private static List<String> framemd5(Path input, String key) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "quiet"));
        if (key != null) {
            argv.addAll(List.of("-decryption_key", key));
        }
        argv.addAll(List.of("-i", input.toString(), "-f", "framemd5", "-"));
        return run(argv).lines().filter(l -> !l.startsWith("#")).toList();
    }

    private static String run(List<String> argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IOException(argv + " did not end");
        }
        return output;
    }
}
