package io.github.streamgear.engine.output;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The RFC 6381 codec string of H.264 video ({@code avc1.PPCCLL}: profile, constraint flags, level) read from the bytes
 * of a segment: the {@code avcC} box of an fMP4 init segment, or the first sequence parameter set of an MPEG-TS
 * segment (Annex B). FFmpeg's HLS muxer derives CODECS from the encoder's Annex B header only; a stream-copied MP4
 * source carries {@code avcC} instead, and its variant is then written without CODECS, which Apple's players need.
 */
final class H264Codec {

    /** The parameter sets are at the start of a segment: this much is read. */
    private static final int SCAN_BYTES = 64 * 1024;

    private H264Codec() {
    }

    /** {@code avc1.64001e}, or null when {@code file} holds no H.264 parameters in its first 64 kB. */
    static String of(Path file) throws IOException {
        byte[] b;
        try (InputStream in = Files.newInputStream(file)) {
            b = in.readNBytes(SCAN_BYTES);
        }
        for (int i = 0; i + 8 < b.length; i++) {
            if (b[i] == 'a' && b[i + 1] == 'v' && b[i + 2] == 'c' && b[i + 3] == 'C' && b[i + 4] == 1) {
                return format(b[i + 5], b[i + 6], b[i + 7]);
            }
        }
        for (int i = 0; i + 6 < b.length; i++) {
            // start code, then a NAL header: forbidden bit 0, type 7 (sequence parameter set)
            if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1 && (b[i + 3] & 0x80) == 0 && (b[i + 3] & 0x1F) == 7) {
                return format(b[i + 4], b[i + 5], b[i + 6]);
            }
        }
        return null;
    }

    private static String format(byte profile, byte constraints, byte level) {
        return String.format(Locale.ROOT, "avc1.%02x%02x%02x", profile & 0xFF, constraints & 0xFF, level & 0xFF);
    }
}
