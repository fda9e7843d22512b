package io.github.streamgear.camel;

import io.github.streamgear.engine.protection.ContentKey;
import io.github.streamgear.engine.protection.JobProtection;
import io.github.streamgear.engine.protection.KeyProvider;
import io.github.streamgear.engine.protection.RandomKeyProvider;
import io.github.streamgear.engine.settings.Encryption;
import io.github.streamgear.engine.settings.StreamFormat;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The encryption options of an endpoint: checked together, and the key of a job handed to the route. */
final class ProtectionOptions {

    private static final Logger LOG = LoggerFactory.getLogger(ProtectionOptions.class);

    private ProtectionOptions() {
    }

    /**
     * Refuses what is not built (CENC outside DASH/CMAF, AES-128 outside HLS) and encryption
     * without a key URI (AES-128: the key server; CENC: the ClearKey licence server).
     */
    static void validate(StreamGearConfiguration c, boolean frames) {
        if (c.getEncryption() == null || c.getEncryption() == Encryption.NONE) {
            return;
        }
        JobProtection.check(c.toSettings());
        if (c.getKeyRotationSegments() > 0 && c.getKeyProvider() == null && (frames || c.isLivestream())) {
            throw new IllegalArgumentException("Option 'keyRotationSegments' in frames mode or with livestream=true needs"
                    + " option 'keyProvider': keys generated while a stream runs would reach no route before viewers"
                    + " need them (generated rotated keys are handed on the reply of a single-source VOD job)");
        }
        if (c.getKeyProvider() == null && c.getKeyUri() == null) {
            throw new IllegalArgumentException("Option 'encryption=" + c.getEncryption().option() + "' needs option"
                    + " 'keyUri' (where players fetch the key, e.g. https://keys.example/{kid}) or a keyProvider that"
                    + " returns it");
        }
        if (c.getEncryption() == Encryption.CENC && c.getFormat() == StreamFormat.CMAF) {
            // said once per endpoint, not per job: it is a property of the endpoint's options
            LOG.warn("Option 'encryption=cenc' with format=cmaf: the MPD signals the encryption and plays in DASH players;"
                    + " the HLS playlists do not (FFmpeg 5.1 writes no EXT-X-KEY METHOD=SAMPLE-AES-CTR), so HLS players"
                    + " cannot play them. See docs/content-protection.md");
        }
    }

    /**
     * A live source consumer has no reply to hand a generated key to before viewers need it: it needs a provider
     * (which holds the keys it returns).
     */
    static void checkLiveSourceConsumer(StreamGearConfiguration c) {
        if (c.getEncryption() != null && c.getEncryption() != Encryption.NONE && c.getKeyProvider() == null) {
            throw new IllegalArgumentException("Option 'encryption=" + c.getEncryption().option() + "' on a live source"
                    + " consumer needs option 'keyProvider': a generated key would reach no route (start the stream by"
                    + " message, streamgear:NAME?... as a producer with header CamelStreamGearLiveAction=start, to get a"
                    + " generated key on the reply)");
        }
    }

    /** The provider of one job: the configured one, or a fresh random-key provider whose key goes on the reply. */
    static KeyProvider forJob(StreamGearConfiguration c) {
        if (c.getEncryption() == null || c.getEncryption() == Encryption.NONE) {
            return null;
        }
        return c.getKeyProvider() != null ? c.getKeyProvider() : new RandomKeyProvider();
    }

    /**
     * A generated key goes on the reply (headers {@code CamelStreamGearKeyId}, {@code CamelStreamGearKey}, hex): the
     * route must store it. A configured provider's key is the provider's to keep: only its id is set.
     */
    static void reply(KeyProvider provider, Message reply) {
        if (provider instanceof RandomKeyProvider random && random.last() != null) {
            java.util.List<ContentKey> made = random.made();
            ContentKey key = made.get(0); // with key rotation, the first period's
            reply.setHeader(StreamGearConstants.KEY_ID, key.keyIdHex());
            reply.setHeader(StreamGearConstants.KEY, key.keyHex());
            if (made.size() > 1) { // key rotation
                reply.setHeader(StreamGearConstants.KEY_IDS, String.join(",", made.stream().map(ContentKey::keyIdHex).toList()));
                reply.setHeader(StreamGearConstants.KEYS, String.join(",", made.stream().map(ContentKey::keyHex).toList()));
            }
        }
    }
}
