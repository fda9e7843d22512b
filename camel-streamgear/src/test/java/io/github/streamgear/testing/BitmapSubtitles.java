package io.github.streamgear.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * A Blu-ray (PGS) subtitle file with one small bitmap shown from {@code from} to {@code to}: FFmpeg cannot make a bitmap
 * subtitle from text, but it decodes this and encodes it again as a DVD subtitle track.
 */
final class BitmapSubtitles {

    private BitmapSubtitles() {
    }

    static byte[] pgs(int width, int height, double from, double to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        displaySet(out, width, height, Math.round(from * 90000), true);
        displaySet(out, width, height, Math.round(to * 90000), false);
        return out.toByteArray();
    }

    private static void displaySet(ByteArrayOutputStream out, int width, int height, long pts, boolean show) {
        ByteBuffer pcs = ByteBuffer.allocate(show ? 19 : 11).putShort((short) width).putShort((short) height).put((byte) 0x10)
                .putShort((short) (show ? 0 : 1)).put((byte) (show ? 0x80 : 0)).put((byte) 0).put((byte) 0)
                .put((byte) (show ? 1 : 0));
        if (show) {
            pcs.putShort((short) 0).put((byte) 0).put((byte) 0).putShort((short) 100).putShort((short) 200);
        }
        segment(out, pts, 0x16, pcs.array());
        segment(out, pts, 0x17, ByteBuffer.allocate(10).put((byte) 1).put((byte) 0).putShort((short) 100).putShort((short) 200)
                .putShort((short) 8).putShort((short) 2).array());
        if (show) {
            segment(out, pts, 0x14, new byte[] {0, 0, 1, (byte) 235, (byte) 128, (byte) 128, (byte) 255});
            byte[] line = {1, 1, 1, 1, 1, 1, 1, 1, 0, 0}; // eight pixels of colour 1, end of line
            ByteBuffer data = ByteBuffer.allocate(4 + 2 * line.length).putShort((short) 8).putShort((short) 2).put(line).put(line);
            int length = data.capacity();
            ByteBuffer ods = ByteBuffer.allocate(7 + length).putShort((short) 0).put((byte) 0).put((byte) 0xC0)
                    .put((byte) (length >> 16)).put((byte) (length >> 8)).put((byte) length).put(data.array());
            segment(out, pts, 0x15, ods.array());
        }
        segment(out, pts, 0x80, new byte[0]);
    }

    private static void segment(ByteArrayOutputStream out, long pts, int type, byte[] payload) {
        ByteBuffer header = ByteBuffer.allocate(13).put((byte) 'P').put((byte) 'G').putInt((int) pts).putInt(0)
                .put((byte) type).putShort((short) payload.length);
        out.writeBytes(header.array());
        out.writeBytes(payload);
    }
}
