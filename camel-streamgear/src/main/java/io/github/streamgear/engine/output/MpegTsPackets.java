package io.github.streamgear.engine.output;

import java.util.ArrayList;
import java.util.List;

/**
 * The starts of the PES packets (audio and video frames) in MPEG-TS data, read from the 188-byte TS packets: enough to
 * time an MPEG-TS segment ({@link MpegTsClock}) and to find its keyframes ({@link IFramePlaylists}) without FFmpeg.
 */
final class MpegTsPackets {

    static final int SIZE = 188;

    /**
     * A TS packet where a PES packet starts.
     *
     * @param offset       the TS packet's offset in the data
     * @param pid          its PID
     * @param streamId     the PES stream id (0xC0-0xDF audio, 0xE0-0xEF video)
     * @param randomAccess the adaptation field's random access indicator (a keyframe starts here)
     * @param pts          the PES header's presentation timestamp (90 kHz), -1 if it has none
     */
    record PesStart(int offset, int pid, int streamId, boolean randomAccess, long pts) {

        boolean isVideo() {
            return streamId >= 0xE0 && streamId <= 0xEF;
        }

        boolean isAudio() {
            return streamId >= 0xC0 && streamId <= 0xDF;
        }
    }

    private MpegTsPackets() {
    }

    /** Every PES start in {@code data}, in order; packets out of sync and sections (PAT, PMT, SDT) are passed over. */
    static List<PesStart> pesStarts(byte[] data, int length) {
        List<PesStart> starts = new ArrayList<>();
        for (int pos = 0; pos + SIZE <= length; pos += SIZE) {
            if ((data[pos] & 0xff) != 0x47 || (data[pos + 1] & 0x40) == 0) {
                continue; // not synced, or no payload unit starts here
            }
            int pid = ((data[pos + 1] & 0x1f) << 8) | (data[pos + 2] & 0xff);
            int control = (data[pos + 3] >> 4) & 3;
            int payload = pos + 4;
            boolean randomAccess = false;
            if ((control & 2) != 0) {
                int adaptation = data[pos + 4] & 0xff;
                randomAccess = adaptation > 0 && (data[pos + 5] & 0x40) != 0;
                payload += 1 + adaptation;
            }
            if ((control & 1) == 0 || payload + 14 > pos + SIZE || data[payload] != 0 || data[payload + 1] != 0
                    || data[payload + 2] != 1) {
                continue; // no payload, or a section rather than a PES
            }
            long pts = (data[payload + 7] & 0x80) != 0 ? pts(data, payload + 9) : -1;
            starts.add(new PesStart(pos, pid, data[payload + 3] & 0xff, randomAccess, pts));
        }
        return starts;
    }

    private static long pts(byte[] d, int i) {
        return ((long) (d[i] & 0x0e) << 29) | ((d[i + 1] & 0xffL) << 22) | ((d[i + 2] & 0xfeL) << 14)
                | ((d[i + 3] & 0xffL) << 7) | ((d[i + 4] & 0xfeL) >> 1);
    }
}
