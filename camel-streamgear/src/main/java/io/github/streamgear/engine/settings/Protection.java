package io.github.streamgear.engine.settings;

/**
 * How the output is protected. The keys themselves are not settings: a job gets them from its
 * {@code io.github.streamgear.engine.protection.KeyProvider} when it starts.
 *
 * @param encryption  none, HLS AES-128 or CENC
 * @param keyUri      the URI players fetch the key from, written into {@code EXT-X-KEY}; {@code {kid}} is replaced by
 *                    the key id in hex, {@code {jobId}} by the job id. Null when the key provider returns the URI
 */
public record Protection(Encryption encryption, String keyUri) {

    public static final String DEFAULT_ENCRYPTION = "none";

    public static final Protection DEFAULTS = new Protection(Encryption.parse(DEFAULT_ENCRYPTION), null);

    public Protection {
        encryption = encryption == null ? Encryption.NONE : encryption;
        keyUri = keyUri == null || keyUri.isBlank() ? null : keyUri.trim();
        if (keyUri != null && (keyUri.contains("\n") || keyUri.contains("\r") || keyUri.contains("\""))) {
            throw new IllegalArgumentException("Option 'keyUri' cannot hold a line break or a double quote");
        }
    }

    public boolean encrypts() {
        return encryption != Encryption.NONE;
    }
}
