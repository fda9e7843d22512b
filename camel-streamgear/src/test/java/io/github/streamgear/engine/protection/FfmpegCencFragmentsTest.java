package io.github.streamgear.engine.protection;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.streamgear.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Why {@code encryption=cenc} is refused: FFmpeg's dash muxer, asked for CENC through its mp4 sub-muxer
 * ({@code -format_options encryption_scheme=cenc-aes-ctr:encryption_key=..:encryption_kid=..}), encrypts the samples of
 * every fragment but writes their sample encryption data (the per-sample IVs and the clear/encrypted subsample ranges,
 * boxes {@code senc}, {@code saiz}, {@code saio}) only into the init segment's sample table, where there are no
 * samples. A player, and FFmpeg itself given the right key, cannot decrypt a fragment without them.
 * <p>
 * If this test fails on a newer FFmpeg, the fragments carry their sample encryption data: {@code encryption=cenc} can
 * then be built on FFmpeg alone (see docs/content-protection.md).
 */
public class FfmpegCencFragmentsTest {

    private static final String KEY = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    private static final String KID = "00112233445566778899aabbccddeeff";
    private static final Set<String> CONTAINERS = Set.of("moov", "trak", "mdia", "minf", "stbl", "stsd", "moof", "traf",
            "sinf", "schi", "mvex", "encv", "enca", "avc1", "mp4a");

    @TempDir
    Path dir;

    @Test
    void ffmpegEncryptsFragmentsButWritesNoSampleEncryptionDataIntoThem() throws Exception {
        Path clear = dash(dir.resolve("clear"), List.of());
        Path cenc = dash(dir.resolve("cenc"), List.of("-format_options",
                "encryption_scheme=cenc-aes-ctr:encryption_key=" + KEY + ":encryption_kid=" + KID));

        List<String> init = boxes(Files.readAllBytes(cenc.resolve("init-stream0.m4s")));
        assertTrue(init.containsAll(List.of("encv", "sinf", "schm", "tenc")), "the init segment declares CENC: " + init);
        assertTrue(init.contains("senc"), "FFmpeg puts its sample encryption box into the init segment's stbl: " + init);

        byte[] clearSegment = Files.readAllBytes(clear.resolve("chunk-stream0-00001.m4s"));
        byte[] cencSegment = Files.readAllBytes(cenc.resolve("chunk-stream0-00001.m4s"));
        assertEquals(clearSegment.length, cencSegment.length, "CTR keeps every sample's size");
        assertFalse(Arrays.equals(clearSegment, cencSegment), "the samples are encrypted");
        List<String> fragment = boxes(cencSegment);
        assertTrue(fragment.contains("traf"), fragment.toString());
        assertFalse(fragment.contains("senc") || fragment.contains("saiz") || fragment.contains("saio"),
                "FFmpeg now writes sample encryption data into its fragments: encryption=cenc can be built on it ("
                        + fragment + ")");

        // FFmpeg itself, with the right key, cannot decode the fragment: the IVs it needs are not in it
        Path joined = dir.resolve("joined.mp4");
        Files.write(joined, concat(Files.readAllBytes(cenc.resolve("init-stream0.m4s")), cencSegment));
        Run decrypted = run(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-decryption_key", KEY,
                "-i", joined.toString(), "-map", "0:v", "-f", "framemd5", "-"));
        Path clearJoined = dir.resolve("clear.mp4");
        Files.write(clearJoined, concat(Files.readAllBytes(clear.resolve("init-stream0.m4s")), clearSegment));
        Run reference = run(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-i",
                clearJoined.toString(), "-map", "0:v", "-f", "framemd5", "-"));
        assertEquals(0, reference.exit, reference.output);
        assertTrue(frames(reference.output) > 0, reference.output);
        // FFmpeg 5.1 ends with 0 here. Only the very first sample, whose encryption data landed in the init segment,
        // decodes: the rest of the fragment is lost
        assertTrue(frames(decrypted.output) <= 1 && frames(reference.output) >= 50, "FFmpeg decrypted the fragment"
                + " with its key: " + frames(decrypted.output) + " of " + frames(reference.output) + " frames");
        assertTrue(decrypted.output.contains("encryption info"), decrypted.output);
    }

    private Path dash(Path out, List<String> extra) throws IOException, InterruptedException {
        Files.createDirectories(out);
        List<String> argv = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                "-i", TestMedia.standard().toString(), "-map", "0:v", "-c", "copy", "-t", "4", "-f", "dash",
                "-seg_duration", "2", "-use_template", "1", "-use_timeline", "1", "-dash_segment_type", "mp4"));
        argv.addAll(extra);
        argv.add(out.resolve("manifest.mpd").toString());
        Run r = run(argv);
        assertEquals(0, r.exit, r.output);
        return out;
    }

    /** The box types of an ISO BMFF file, depth first. */
    public static List<String> boxes(byte[] data) {
        List<String> types = new ArrayList<>();
        walk(ByteBuffer.wrap(data), 0, data.length, types);
        return types;
    }

    private static void walk(ByteBuffer b, int from, int to, List<String> types) {
        int at = from;
        while (at + 8 <= to) {
            long size = Integer.toUnsignedLong(b.getInt(at));
            String type = new String(new byte[] {b.get(at + 4), b.get(at + 5), b.get(at + 6), b.get(at + 7)},
                    StandardCharsets.ISO_8859_1);
            int header = 8;
            if (size == 1) {
                size = b.getLong(at + 8);
                header = 16;
            } else if (size == 0) {
                size = to - at;
            }
            if (size < header || at + size > to) {
                return;
            }
            types.add(type);
            if (CONTAINERS.contains(type)) {
                // sample entries and stsd have fixed fields before their children
                int skip = switch (type) {
                    case "stsd" -> 8;
                    case "encv", "avc1" -> 78;
                    case "enca", "mp4a" -> 28;
                    default -> 0;
                };
                walk(b, at + header + skip, (int) (at + size), types);
            }
            at += (int) size;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static long frames(String framemd5) {
        try (Stream<String> lines = framemd5.lines()) {
            return lines.filter(l -> l.matches("^0,\\s*-?\\d+,.*")).count();
        }
    }

    private record Run(int exit, String output) {
    }

    private static Run run(List<String> argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IOException(argv + " did not end");
        }
        return new Run(p.exitValue(), output);
    }
}
