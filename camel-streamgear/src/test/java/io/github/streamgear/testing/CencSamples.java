package io.github.streamgear.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An independent CENC ({@code cenc}, AES-CTR) decryptor of one fMP4 media segment with one fragment, reading the
 * segment's own {@code senc} box: what a player's CDM does, written without the component's code.
 */
public final class CencSamples {

    private CencSamples() {
    }

    /** The samples of a completed segment decrypted as a CENC player does: per sample, its IV, its clear ranges. */
    public static byte[] decrypt(byte[] segment, String key) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(segment);
        int moof = find(segment, "moof", 0);
        int trun = find(segment, "trun", moof);
        int senc = find(segment, "senc", moof);
        int mdat = find(segment, "mdat", moof);
        int flags = b.getInt(trun + 8) & 0xffffff;
        int count = b.getInt(trun + 12);
        boolean subsamples = (b.getInt(senc + 8) & 2) != 0;
        int sample = moof + b.getInt(trun + 16);
        int p = trun + 20 + ((flags & 4) != 0 ? 4 : 0);
        int entry = senc + 16;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            p += (flags & 0x100) != 0 ? 4 : 0;
            int size = b.getInt(p);
            p += 4 + ((flags & 0x400) != 0 ? 4 : 0) + ((flags & 0x800) != 0 ? 4 : 0);
            byte[] iv = Arrays.copyOf(Arrays.copyOfRange(segment, entry, entry + 8), 16);
            entry += 8;
            Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(HexFormat.of().parseHex(key), "AES"), new IvParameterSpec(iv));
            if (!subsamples) {
                out.writeBytes(aes.update(segment, sample, size));
            } else {
                int ranges = b.getShort(entry) & 0xffff;
                entry += 2;
                int at = sample;
                for (int r = 0; r < ranges; r++, entry += 6) {
                    int clearBytes = b.getShort(entry) & 0xffff;
                    int encrypted = b.getInt(entry + 2);
                    out.write(segment, at, clearBytes);
                    out.writeBytes(aes.update(segment, at + clearBytes, encrypted));
                    at += clearBytes + encrypted;
                }
            }
            sample += size;
        }
        if (mdat + b.getInt(mdat) != sample) {
            throw new AssertionError("the samples do not fill the mdat");
        }
        return out.toByteArray();
    }

    public static byte[] mdat(byte[] segment) {
        int at = find(segment, "mdat", 0);
        return Arrays.copyOfRange(segment, at + 8, at + ByteBuffer.wrap(segment).getInt(at));
    }

    /** Where the first box of that type starts at or after {@code from} (its size field). */
    static int find(byte[] s, String type, int from) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        for (int i = Math.max(from, 4); i + 4 <= s.length; i++) {
            if (s[i] == t[0] && s[i + 1] == t[1] && s[i + 2] == t[2] && s[i + 3] == t[3]) {
                return i - 4;
            }
        }
        throw new AssertionError("no " + type + " box");
    }

}
