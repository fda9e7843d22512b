package io.github.streamgear.camel;

import io.github.streamgear.engine.protection.ContentKey;
import io.github.streamgear.engine.protection.JobProtection;
import io.github.streamgear.engine.protection.KeyProvider;
import io.github.streamgear.engine.protection.RandomKeyProvider;
import io.github.streamgear.engine.settings.Encryption;
import org.apache.camel.Message;

/** The encryption options of an endpoint: checked together, and the key of a job handed to the route. */
final class ProtectionOptions {

    private ProtectionOptions() {
    }

    /**
     * Refuses what is not built (cenc, which FFmpeg 5.1 cannot write decryptably; AES-128 outside VOD HLS; frames mode)
     * and AES-128 without a key URI.
     */
    static void validate(StreamGearConfiguration c, boolean frames) {
        if (c.getEncryption() == null || c.getEncryption() == Encryption.NONE) {
            return;
        }
        JobProtection.check(c.toSettings());
        if (frames) {
            throw new IllegalArgumentException("Option 'encryption' is not supported in frames mode yet: only"
                    + " single-source VOD jobs are encrypted");
        }
        if (c.getKeyProvider() == null && c.getKeyUri() == null) {
            throw new IllegalArgumentException("Option 'encryption=" + c.getEncryption().option() + "' needs option"
                    + " 'keyUri' (where players fetch the key, e.g. https://keys.example/{kid}) or a keyProvider that"
                    + " returns it");
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
            ContentKey key = random.last();
            reply.setHeader(StreamGearConstants.KEY_ID, key.keyIdHex());
            reply.setHeader(StreamGearConstants.KEY, key.keyHex());
        }
    }
}
