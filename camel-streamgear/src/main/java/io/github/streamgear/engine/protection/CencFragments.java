package io.github.streamgear.engine.protection;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Completes the CENC ({@code cenc-aes-ctr}) fMP4 output of FFmpeg 5.1's dash muxer, which encrypts the samples of every
 * fragment but writes their sample encryption data (per-sample IV, clear/encrypted subsample ranges) only into the
 * init segment's sample table, where it describes the first sample alone. Nothing can decrypt such fragments.
 * <p>
 * What FFmpeg did is fully determined, so it can be written down after the fact without the key: each track's IV
 * starts at the 8-byte value recorded in the init segment and goes up by one per sample, in decode order, across
 * fragments; a video (H.264) sample is encrypted NAL unit by NAL unit, the length prefix and the NAL header byte in the
 * clear, the rest encrypted; an audio sample is encrypted whole. This class removes the misplaced boxes from the init
 * segment and writes {@code saiz}, {@code saio} and {@code senc} into each fragment's {@code traf}, fixing the sizes and
 * offsets that move ({@code moof}, {@code traf}, {@code trun} data offset, {@code sidx} referenced sizes).
 * <p>
 * One instance per track (per init segment), fed that track's segments in order; jobs use it through
 * {@code CencSegments} before a file is published.
 */
public final class CencFragments {

    private static final int TFHD_BASE_DATA_OFFSET = 0x1;
    private static final int TRUN_DATA_OFFSET = 0x1;
    private static final int TRUN_FIRST_FLAGS = 0x4;
    private static final int TRUN_DURATION = 0x100;
    private static final int TRUN_SIZE = 0x200;
    private static final int TRUN_FLAGS = 0x400;
    private static final int TRUN_CTS = 0x800;
    private static final int SENC_SUBSAMPLES = 0x2;
    private static final int SAIO_LENGTH = 20;

    private final byte[] init;
    private final boolean subsamples;
    private final int nalLengthSize;
    private long nextIv;

    private CencFragments(byte[] init, long firstIv, boolean subsamples, int nalLengthSize) {
        this.init = init;
        this.nextIv = firstIv;
        this.subsamples = subsamples;
        this.nalLengthSize = nalLengthSize;
    }

    /**
     * Reads FFmpeg's init segment of one encrypted track.
     *
     * @throws IllegalArgumentException when it is not a CENC init segment as FFmpeg 5.1 writes it
     */
    public static CencFragments of(byte[] initSegment) {
        Box moov = Box.first(initSegment, 0, initSegment.length, "moov");
        Box stbl = require(moov == null ? null : moov.path(initSegment, "trak", "mdia", "minf", "stbl"), "moov/trak/mdia/minf/stbl");
        Box senc = require(stbl.child(initSegment, "senc"), "stbl/senc: the init segment is not encrypted by FFmpeg");
        ByteBuffer b = ByteBuffer.wrap(initSegment);
        int flags = b.getInt(senc.body()) & 0xffffff;
        if (b.getInt(senc.body() + 4) < 1) {
            throw new IllegalArgumentException("The init segment's senc box records no sample: no first IV");
        }
        long firstIv = b.getLong(senc.body() + 8);
        boolean subsamples = (flags & SENC_SUBSAMPLES) != 0;
        int nalLength = subsamples ? nalLengthSize(initSegment, stbl) : 0;

        List<Box> misplaced = new ArrayList<>();
        for (Box c : stbl.children(initSegment)) {
            if (c.is("senc") || c.is("saio") || c.is("saiz")) {
                misplaced.add(c);
            }
        }
        int removed = misplaced.stream().mapToInt(Box::size).sum();
        ByteArrayOutputStream out = new ByteArrayOutputStream(initSegment.length);
        int at = 0;
        for (Box c : misplaced) {
            out.write(initSegment, at, c.start() - at);
            at = c.start() + c.size();
        }
        out.write(initSegment, at, initSegment.length - at);
        byte[] clean = out.toByteArray();
        ByteBuffer cb = ByteBuffer.wrap(clean);
        for (Box parent : moov.pathBoxes(initSegment, "trak", "mdia", "minf", "stbl")) {
            cb.putInt(parent.start(), parent.size() - removed);
        }
        return new CencFragments(clean, firstIv, subsamples, nalLength);
    }

    /** The init segment without the sample encryption boxes FFmpeg put in its empty sample table. */
    public byte[] initSegment() {
        return init.clone();
    }

    /** A media segment of this track, in order, with its sample encryption data written into each fragment. */
    public byte[] segment(byte[] segment) {
        List<Box> top = Box.children(segment, 0, segment.length);
        List<Integer> deltas = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream(segment.length + 1024);
        int sidxAt = -1;
        for (Box box : top) {
            if (box.is("sidx")) {
                sidxAt = out.size();
            }
            if (box.is("moof")) {
                byte[] moof = moof(segment, box);
                deltas.add(moof.length - box.size());
                out.write(moof, 0, moof.length);
            } else {
                out.write(segment, box.start(), box.size());
            }
        }
        byte[] result = out.toByteArray();
        if (sidxAt >= 0) {
            fixSidx(ByteBuffer.wrap(result), sidxAt, deltas);
        }
        return result;
    }

    private byte[] moof(byte[] s, Box moof) {
        ByteBuffer b = ByteBuffer.wrap(s);
        Box traf = require(moof.child(s, "traf"), "moof/traf");
        Box tfhd = require(traf.child(s, "tfhd"), "traf/tfhd");
        if ((b.getInt(tfhd.body()) & TFHD_BASE_DATA_OFFSET) != 0) {
            throw new IllegalArgumentException("tfhd with an explicit base data offset: not FFmpeg's dash output");
        }
        if (traf.child(s, "senc") != null) {
            throw new IllegalArgumentException("The fragment already has a senc box");
        }
        Box trun = require(traf.child(s, "trun"), "traf/trun");
        int flags = b.getInt(trun.body()) & 0xffffff;
        int count = b.getInt(trun.body() + 4);
        int p = trun.body() + 8;
        int dataOffsetAt = -1;
        int dataOffset = 0;
        if ((flags & TRUN_DATA_OFFSET) != 0) {
            dataOffsetAt = p;
            dataOffset = b.getInt(p);
            p += 4;
        }
        if ((flags & TRUN_FIRST_FLAGS) != 0) {
            p += 4;
        }
        if (dataOffsetAt < 0 || (flags & TRUN_SIZE) == 0) {
            throw new IllegalArgumentException("trun without data offset or sample sizes: not FFmpeg's dash output");
        }
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        byte[] sizes = new byte[count];
        int sample = moof.start() + dataOffset;
        for (int i = 0; i < count; i++) {
            if ((flags & TRUN_DURATION) != 0) {
                p += 4;
            }
            int size = b.getInt(p);
            p += 4;
            if ((flags & TRUN_FLAGS) != 0) {
                p += 4;
            }
            if ((flags & TRUN_CTS) != 0) {
                p += 4;
            }
            byte[] entry = sampleInfo(b, sample, size);
            sizes[i] = (byte) entry.length;
            info.write(entry, 0, entry.length);
            sample += size;
        }
        byte[] saiz = ByteBuffer.allocate(17 + count).putInt(17 + count).put(ascii("saiz")).putInt(0).put((byte) 0)
                .putInt(count).put(sizes).array();
        byte[] senc = ByteBuffer.allocate(16 + info.size()).putInt(16 + info.size()).put(ascii("senc"))
                .putInt(subsamples ? SENC_SUBSAMPLES : 0).putInt(count).put(info.toByteArray()).array();
        int insertAt = trun.start() + trun.size();
        int grow = saiz.length + SAIO_LENGTH + senc.length;
        // saio: from the moof's first byte (default-base-is-moof) to the first sample's entry in senc
        int firstEntry = insertAt - moof.start() + saiz.length + SAIO_LENGTH + 16;
        byte[] saio = ByteBuffer.allocate(SAIO_LENGTH).putInt(SAIO_LENGTH).put(ascii("saio")).putInt(0).putInt(1)
                .putInt(firstEntry).array();

        ByteArrayOutputStream out = new ByteArrayOutputStream(moof.size() + grow);
        out.write(s, moof.start(), insertAt - moof.start());
        out.write(saiz, 0, saiz.length);
        out.write(saio, 0, saio.length);
        out.write(senc, 0, senc.length);
        out.write(s, insertAt, moof.start() + moof.size() - insertAt);
        byte[] result = out.toByteArray();
        ByteBuffer r = ByteBuffer.wrap(result);
        r.putInt(0, moof.size() + grow);
        r.putInt(traf.start() - moof.start(), traf.size() + grow);
        r.putInt(dataOffsetAt - moof.start(), dataOffset + grow);
        return result;
    }

    /** The IV of the next sample and, for video, its NAL units as (clear, encrypted) byte ranges. */
    private byte[] sampleInfo(ByteBuffer b, int start, int size) {
        long iv = nextIv++;
        if (!subsamples) {
            return ByteBuffer.allocate(8).putLong(iv).array();
        }
        List<int[]> ranges = new ArrayList<>();
        int p = start;
        int end = start + size;
        while (p < end) {
            int nal = 0;
            for (int i = 0; i < nalLengthSize; i++) {
                nal = nal << 8 | b.get(p + i) & 0xff;
            }
            if (nal < 1 || (long) p + nalLengthSize + nal > end) {
                throw new IllegalArgumentException("A sample's NAL unit lengths do not add up: not length-prefixed H.264");
            }
            ranges.add(new int[] {nalLengthSize + 1, nal - 1});
            p += nalLengthSize + nal;
        }
        ByteBuffer e = ByteBuffer.allocate(10 + 6 * ranges.size()).putLong(iv).putShort((short) ranges.size());
        ranges.forEach(r -> e.putShort((short) r[0]).putInt(r[1]));
        return e.array();
    }

    private static void fixSidx(ByteBuffer b, int at, List<Integer> deltas) {
        int version = b.get(at + 8);
        int p = at + 12 + 8 + (version == 0 ? 8 : 16) + 2;
        int references = b.getShort(p) & 0xffff;
        p += 2;
        if (references != deltas.size()) {
            throw new IllegalArgumentException("The sidx box references " + references + " fragments, the segment has "
                    + deltas.size());
        }
        for (int i = 0; i < references; i++, p += 12) {
            int word = b.getInt(p);
            b.putInt(p, (word & 0x80000000) | ((word & 0x7fffffff) + deltas.get(i)));
        }
    }

    /** FFmpeg writes the NAL length size into the sample entry's avcC; 4 unless told otherwise. */
    private static int nalLengthSize(byte[] s, Box stbl) {
        int avcC = indexOf(s, ascii("avcC"), stbl.start(), stbl.start() + stbl.size());
        if (avcC < 0) {
            throw new IllegalArgumentException("Subsample encryption of a track that is not H.264 (no avcC)");
        }
        return (s[avcC + 4 + 4] & 0x3) + 1;
    }

    private static int indexOf(byte[] s, byte[] what, int from, int to) {
        outer:
        for (int i = from; i + what.length <= to; i++) {
            for (int j = 0; j < what.length; j++) {
                if (s[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] ascii(String type) {
        return type.getBytes(StandardCharsets.US_ASCII);
    }

    private static Box require(Box box, String what) {
        if (box == null) {
            throw new IllegalArgumentException("No " + what + " box");
        }
        return box;
    }

    /** An ISO BMFF box: where it starts, its whole size, its type. */
    private record Box(int start, int size, String type, int header) {

        boolean is(String t) {
            return type.equals(t);
        }

        /** Where the box's content starts (after its size and type). */
        int body() {
            return start + header;
        }

        List<Box> children(byte[] s) {
            return children(s, body() + (is("stsd") ? 8 : 0), start + size);
        }

        Box child(byte[] s, String t) {
            return children(s).stream().filter(c -> c.is(t)).findFirst().orElse(null);
        }

        Box path(byte[] s, String... types) {
            List<Box> boxes = pathBoxes(s, types);
            return boxes.size() == types.length + 1 ? boxes.get(boxes.size() - 1) : null;
        }

        /** This box and its descendants along {@code types}, as far as they exist. */
        List<Box> pathBoxes(byte[] s, String... types) {
            List<Box> found = new ArrayList<>(List.of(this));
            Box at = this;
            for (String t : types) {
                at = at.child(s, t);
                if (at == null) {
                    break;
                }
                found.add(at);
            }
            return found;
        }

        static Box first(byte[] s, int from, int to, String t) {
            return children(s, from, to).stream().filter(c -> c.is(t)).findFirst().orElse(null);
        }

        static List<Box> children(byte[] s, int from, int to) {
            ByteBuffer b = ByteBuffer.wrap(s);
            List<Box> out = new ArrayList<>();
            int at = from;
            while (at + 8 <= to) {
                long size = Integer.toUnsignedLong(b.getInt(at));
                int header = 8;
                if (size == 1) {
                    size = b.getLong(at + 8);
                    header = 16;
                } else if (size == 0) {
                    size = to - at;
                }
                if (size < header || at + size > to) {
                    throw new IllegalArgumentException("A box overruns its parent at byte " + at);
                }
                out.add(new Box(at, (int) size, new String(s, at + 4, 4, StandardCharsets.ISO_8859_1), header));
                at += (int) size;
            }
            return out;
        }
    }
}
