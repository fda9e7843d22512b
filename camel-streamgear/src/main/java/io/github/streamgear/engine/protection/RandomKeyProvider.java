package io.github.streamgear.engine.protection;

import java.security.SecureRandom;

/**
 * A fresh random key, key id and IV per call ({@link SecureRandom}). FFmpeg 5.1 encrypts every segment of a job with
 * the one IV it is given (without one it uses the first segment's sequence number, 0, for all), so a random IV per job
 * at least differs between jobs. The last key it made is kept so that the caller can hand it on (use one instance per job).
 */
public final class RandomKeyProvider implements KeyProvider {

    private static final SecureRandom RANDOM = new SecureRandom();

    private volatile ContentKey last;
    private final java.util.List<ContentKey> made = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public ContentKey contentKey(KeyRequest request) {
        byte[] kid = new byte[16];
        byte[] key = new byte[16];
        byte[] iv = new byte[16];
        RANDOM.nextBytes(kid);
        RANDOM.nextBytes(key);
        RANDOM.nextBytes(iv);
        ContentKey k = new ContentKey(kid, key, iv, null);
        last = k;
        made.add(k);
        return k;
    }

    /** Every key made, in order: with key rotation, one per key period. */
    public java.util.List<ContentKey> made() {
        return java.util.List.copyOf(made);
    }

    /** The key made by the last call, null before any. */
    public ContentKey last() {
        return last;
    }
}
