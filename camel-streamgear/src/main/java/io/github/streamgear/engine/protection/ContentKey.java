package io.github.streamgear.engine.protection;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The key of one job: a 16-byte key id, a 16-byte AES key, the IV policy and where players get the key. Its
 * {@link #toString()} shows the key id only: the key is never printed. The accessors return copies.
 */
public final class ContentKey {

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] keyId;
    private final byte[] key;
    private final byte[] iv;
    private final String keyUri;
    private final List<String> contentProtection;

    /** A key with no further DASH {@code ContentProtection} elements. */
    public ContentKey(byte[] keyId, byte[] key, byte[] iv, String keyUri) {
        this(keyId, key, iv, keyUri, List.of());
    }

    /**
     * @param keyId  16 bytes
     * @param key    16 bytes (AES-128)
     * @param iv     16 bytes, the IV of every segment (written as {@code IV=} in {@code EXT-X-KEY}); null leaves it to
     *               FFmpeg 5.1, which then uses the first segment's media sequence number (0) for every segment
     * @param keyUri the key URI players fetch the key from (HLS {@code EXT-X-KEY} URI); null to use the endpoint's
     *               {@code keyUri} template
     * @param contentProtection CENC: further DASH {@code ContentProtection} elements for DRM systems (Widevine,
     *               PlayReady: their system id and {@code cenc:pssh} data, from the DRM key service), each a whole
     *               {@code <ContentProtection ...>} element; written into every audio and video AdaptationSet after the
     *               {@code mp4protection} and ClearKey ones. A prefix other than {@code cenc:} must be declared in the
     *               element itself. Not used by AES-128.
     * @throws IllegalArgumentException for a malformed key, key id or IV (the message holds no key byte), or an element
     *               that is not a whole ContentProtection element
     */
    public ContentKey(byte[] keyId, byte[] key, byte[] iv, String keyUri, List<String> contentProtection) {
        if (keyId == null || keyId.length != 16) {
            throw new IllegalArgumentException("The key id must be 16 bytes, got " + (keyId == null ? "none" : keyId.length));
        }
        if (key == null || key.length != 16) {
            throw new IllegalArgumentException("The key must be 16 bytes (AES-128), got "
                    + (key == null ? "none" : key.length + " bytes"));
        }
        if (iv != null && iv.length != 16) {
            throw new IllegalArgumentException("The IV must be 16 bytes or absent, got " + iv.length + " bytes");
        }
        if (keyUri != null && (keyUri.isBlank() || keyUri.contains("\n") || keyUri.contains("\r") || keyUri.contains("\""))) {
            throw new IllegalArgumentException("The key URI cannot be blank or hold a line break or a double quote");
        }
        for (String e : contentProtection == null ? List.<String>of() : contentProtection) {
            String t = e == null ? "" : e.strip();
            if (!t.startsWith("<ContentProtection") || !(t.endsWith("</ContentProtection>") || t.endsWith("/>"))) {
                throw new IllegalArgumentException("A further ContentProtection element must be a whole"
                        + " <ContentProtection ...> element");
            }
        }
        this.contentProtection = contentProtection == null ? List.of() : List.copyOf(contentProtection);
        this.keyId = keyId.clone();
        this.key = key.clone();
        this.iv = iv == null ? null : iv.clone();
        this.keyUri = keyUri;
    }

    public byte[] keyId() {
        return keyId.clone();
    }

    /** The key id as 32 lower-case hex digits. */
    public String keyIdHex() {
        return HEX.formatHex(keyId);
    }

    public byte[] key() {
        return key.clone();
    }

    /** The key as 32 lower-case hex digits: hand it to a vault, never to a log. */
    public String keyHex() {
        return HEX.formatHex(key);
    }

    /** The explicit IV, or null when FFmpeg chooses it (the first media sequence number). */
    public byte[] iv() {
        return iv == null ? null : iv.clone();
    }

    public String keyUri() {
        return keyUri;
    }

    /** The further DASH ContentProtection elements (CENC), empty when none. */
    public List<String> contentProtection() {
        return contentProtection;
    }

    /** The same key with another key URI. */
    public ContentKey withKeyUri(String uri) {
        return new ContentKey(keyId, key, iv, uri, contentProtection);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContentKey k && Arrays.equals(keyId, k.keyId) && Arrays.equals(key, k.key)
                && Arrays.equals(iv, k.iv) && java.util.Objects.equals(keyUri, k.keyUri)
                && contentProtection.equals(k.contentProtection);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(keyId);
    }

    @Override
    public String toString() {
        return "ContentKey[kid=" + keyIdHex() + ", key=xxxxxx" + (iv == null ? ", iv=ffmpeg" : ", iv=explicit")
                + (keyUri == null ? "" : ", uri=" + keyUri) + "]";
    }
}
