package io.github.streamgear.engine.settings;

/**
 * How the output is protected. The keys themselves are not settings: a job gets them from its
 * {@code io.github.streamgear.engine.protection.KeyProvider} when it starts.
 *
 * @param encryption  none, HLS AES-128 or CENC
 * @param keyUri      the URI players fetch the key from, written into {@code EXT-X-KEY}; {@code {kid}} is replaced by
 *                    the key id in hex, {@code {jobId}} by the job id. Null when the key provider returns the URI
 * @param keyRotationSegments HLS AES-128: a new key every this many segments (FFmpeg's {@code periodic_rekey}); 0 keeps
 *                    one key for the whole job
 */
public record Protection(Encryption encryption, String keyUri, int keyRotationSegments) {

    public static final String DEFAULT_ENCRYPTION = "none";

    public static final int DEFAULT_KEY_ROTATION_SEGMENTS = 0;

    public static final Protection DEFAULTS = new Protection(Encryption.parse(DEFAULT_ENCRYPTION), null,
            DEFAULT_KEY_ROTATION_SEGMENTS);

    /** One key per job. */
    public Protection(Encryption encryption, String keyUri) {
        this(encryption, keyUri, DEFAULT_KEY_ROTATION_SEGMENTS);
    }

    public Protection {
        encryption = encryption == null ? Encryption.NONE : encryption;
        keyUri = keyUri == null || keyUri.isBlank() ? null : keyUri.trim();
        if (keyUri != null && (keyUri.contains("\n") || keyUri.contains("\r") || keyUri.contains("\""))) {
            throw new IllegalArgumentException("Option 'keyUri' cannot hold a line break or a double quote");
        }
        if (keyRotationSegments < 0) {
            throw new IllegalArgumentException("Option 'keyRotationSegments' must be 0 (one key per job) or more, got "
                    + keyRotationSegments);
        }
    }

    /** Whether the key changes during the job. */
    public boolean rotatesKeys() {
        return keyRotationSegments > 0;
    }

    public boolean encrypts() {
        return encryption != Encryption.NONE;
    }
}
