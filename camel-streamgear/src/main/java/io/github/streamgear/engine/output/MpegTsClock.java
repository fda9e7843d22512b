package io.github.streamgear.engine.output;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The first presentation timestamp in an MPEG-TS segment, in 90 kHz units: FFmpeg's MPEG-TS muxer starts its clock at
 * about 1.4 s, and a WebVTT segment's {@code X-TIMESTAMP-MAP} must name that timestamp for its cues to line up.
 */
final class MpegTsClock {

    /** The first PES headers come within the first packets; a segment without one here has no clock to read. */
    private static final int BYTES_READ = 2000 * MpegTsPackets.SIZE;

    private MpegTsClock() {
    }

    static OptionalLong firstPts(Path segment) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(segment)) {
            head = in.readNBytes(BYTES_READ);
        }
        return MpegTsPackets.pesStarts(head, head.length).stream()
                .filter(p -> (p.isAudio() || p.isVideo()) && p.pts() >= 0)
                .mapToLong(MpegTsPackets.PesStart::pts).findFirst();
    }
}
