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

    private static final int PACKET = 188;
    /** The first PES header with a PTS comes within the first packets; a segment without one has no clock to read. */
    private static final int PACKETS_READ = 2000;

    private MpegTsClock() {
    }

    static OptionalLong firstPts(Path segment) throws IOException {
        try (InputStream in = Files.newInputStream(segment)) {
            byte[] p = new byte[PACKET];
            for (int n = 0; n < PACKETS_READ && in.readNBytes(p, 0, PACKET) == PACKET; n++) {
                if ((p[0] & 0xff) != 0x47 || (p[1] & 0x40) == 0) {
                    continue; // not synced, or no payload unit starts here
                }
                int offset = 4;
                int adaptation = (p[3] >> 4) & 0x3;
                if (adaptation == 2) {
                    continue;
                }
                if (adaptation == 3) {
                    offset += 1 + (p[4] & 0xff);
                }
                if (offset + 14 > PACKET || p[offset] != 0 || p[offset + 1] != 0 || p[offset + 2] != 1) {
                    continue; // a section (PAT, PMT), not a PES
                }
                int streamId = p[offset + 3] & 0xff;
                boolean audioOrVideo = (streamId & 0xe0) == 0xc0 || (streamId & 0xf0) == 0xe0;
                if (!audioOrVideo || (p[offset + 7] & 0x80) == 0) {
                    continue;
                }
                int b = offset + 9;
                long pts = ((long) (p[b] & 0x0e) << 29) | ((p[b + 1] & 0xffL) << 22) | ((p[b + 2] & 0xfeL) << 14)
                        | ((p[b + 3] & 0xffL) << 7) | ((p[b + 4] & 0xfeL) >> 1);
                return OptionalLong.of(pts);
            }
        }
        return OptionalLong.empty();
    }
}
