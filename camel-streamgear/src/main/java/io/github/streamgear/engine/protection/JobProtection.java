package io.github.streamgear.engine.protection;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.github.streamgear.engine.Credentials;
import io.github.streamgear.engine.StreamGearException;
import io.github.streamgear.engine.settings.Encryption;
import io.github.streamgear.engine.settings.HlsSegmentType;
import io.github.streamgear.engine.settings.Protection;
import io.github.streamgear.engine.settings.StreamFormat;
import io.github.streamgear.engine.settings.TranscodeSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The encryption of one job: the key got from the provider before FFmpeg starts, the private key folder, and the
 * FFmpeg options that use it. {@link #close()} removes the key folder; the job calls it whatever its outcome.
 */
public final class JobProtection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobProtection.class);

    private final String jobId;
    private final Protection settings;
    private final KeyProvider provider;
    private final ContentKey key;
    private final KeyFolder folder;
    private final List<ContentKey> keys;
    private KeyRotation rotation;

    private JobProtection(String jobId, Protection settings, KeyProvider provider, ContentKey key, KeyFolder folder) {
        this.jobId = jobId;
        this.settings = settings;
        this.provider = provider;
        this.key = key;
        this.folder = folder;
        this.keys = KeyRotation.newKeyList(key);
    }

    /**
     * Refuses what is not built, naming the option: CENC outside formats dash and cmaf or with low latency, AES-128
     * outside format hls, key rotation with CENC.
     */
    public static void check(TranscodeSettings s) {
        Encryption e = s.protection().encryption();
        if (e == Encryption.NONE) {
            return;
        }
        if (e == Encryption.CENC) {
            if (s.protection().rotatesKeys()) {
                throw new IllegalArgumentException("Option 'keyRotationSegments' needs encryption=aes-128 (HLS): key"
                        + " rotation is not built for encryption=cenc");
            }
            if (!s.segmenting().format().writesDash()) {
                throw new IllegalArgumentException("Option 'encryption=cenc' needs format=dash or format=cmaf, got format="
                        + s.segmenting().format().name().toLowerCase(java.util.Locale.ROOT)
                        + " (HLS: use encryption=aes-128)");
            }
            String codec = s.encoding().videoCodec();
            if (codec != null && !codec.contains("264")) {
                // FFmpeg 5.1 keeps the NAL headers clear for H.264 only and encrypts other video samples whole, which
                // CENC does not allow for video
                throw new IllegalArgumentException("Option 'encryption=cenc' needs an H.264 encoder (videoCodec=libx264"
                        + " or another H.264 one), got videoCodec=" + codec);
            }
            if (s.isLive() && s.live().lowLatency()) {
                // FFmpeg's fragments get their sample encryption data once the segment is finished, and a low-latency
                // player reads a segment while it is written: it would read FFmpeg's undecryptable version
                throw new IllegalArgumentException("Option 'encryption=cenc' cannot be used with lowLatency=true: the"
                        + " component completes each CENC segment once FFmpeg has finished it, after low-latency players"
                        + " started reading it");
            }
            return;
        }
        if (s.protection().rotatesKeys() && e != Encryption.AES_128) {
            throw new IllegalArgumentException("Option 'keyRotationSegments' needs encryption=aes-128 (HLS): key rotation"
                    + " is not built for encryption=" + e.option());
        }
        if (s.segmenting().format() != StreamFormat.HLS) {
            throw new IllegalArgumentException("Option 'encryption=aes-128' needs format=hls, got format="
                    + s.segmenting().format().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (s.segmenting().segmentType() != HlsSegmentType.MPEGTS) {
            throw new IllegalArgumentException("Option 'encryption=aes-128' needs hlsSegmentType=mpegts: FFmpeg 5.1's HLS"
                    + " muxer refuses to encrypt fMP4 segments (\"Encrypted fmp4 not yet supported\")");
        }
    }

    /**
     * The protection of a job, or null when it is not encrypted. Asks the provider for the key and writes the key
     * files; a provider that fails or returns a malformed key fails the job here, before anything is written.
     */
    public static JobProtection prepare(String jobId, TranscodeSettings s, KeyProvider provider) {
        Protection p = s.protection();
        if (!p.encrypts()) {
            return null;
        }
        try {
            check(s);
        } catch (IllegalArgumentException e) {
            throw new StreamGearException("Job " + jobId + ": " + e.getMessage());
        }
        if (provider == null) {
            throw new StreamGearException("Job " + jobId + ": option 'encryption=" + p.encryption().option()
                    + "' needs a key provider");
        }
        ContentKey key;
        try {
            key = provider.contentKey(new KeyRequest(jobId, p.encryption()));
        } catch (Exception e) {
            // the provider's message is not repeated: it might hold what it was given or fetched
            throw new StreamGearException("Job " + jobId + ": the key provider " + provider.getClass().getName()
                    + " failed (" + e.getClass().getName() + "); nothing was written");
        }
        if (key == null) {
            throw new StreamGearException("Job " + jobId + ": the key provider " + provider.getClass().getName()
                    + " returned no key; nothing was written");
        }
        String uri = key.keyUri() != null ? key.keyUri() : expand(p.keyUri(), key, jobId);
        if (uri == null) {
            throw new StreamGearException("Job " + jobId + ": option 'keyUri' is not set and the key provider returned no"
                    + " key URI: players would not know where to get the key");
        }
        key = key.withKeyUri(uri);
        if (p.encryption() == Encryption.CENC) {
            return new JobProtection(jobId, p, provider, key, null); // FFmpeg's dash muxer takes the key on its command line only
        }
        try {
            return new JobProtection(jobId, p, provider, key, KeyFolder.create(jobId, key, uri));
        } catch (RuntimeException e) {
            throw new StreamGearException(e.getMessage(), e);
        }
    }

    /** {@code {kid}} becomes the key id in hex, {@code {jobId}} the URL-encoded job id. */
    static String expand(String template, ContentKey key, String jobId) {
        if (template == null) {
            return null;
        }
        return template.replace("{kid}", key.keyIdHex()).replace("{jobId}",
                URLEncoder.encode(jobId, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** Logs the key id and the key URI (token parameters masked), never the key. */
    public void logUse(String who, TranscodeSettings settings) {
        LOG.info("{}: encrypting with {}, key id {}, key URI {}", who, settings.protection().encryption().option(),
                key.keyIdHex(), Credentials.mask(key.keyUri()));
    }

    /** The job's key, with its final key URI. */
    public ContentKey key() {
        return key;
    }

    /** The private key folder (AES-128); null for CENC, which needs none. */
    public KeyFolder folder() {
        return folder;
    }

    /** Whether FFmpeg encrypts with CENC, so that the job must complete its fragments and signal the MPD. */
    public boolean cenc() {
        return folder == null;
    }

    /**
     * {@code argv} with the encryption options inserted before the output {@code target}: AES-128,
     * {@code -hls_key_info_file} (the absolute path of the key info file: FFmpeg runs in the job folder); CENC,
     * {@code -format_options} with the key and key id for the dash muxer's mp4 sub-muxers.
     */
    public List<String> arguments(List<String> argv, String target) {
        if (folder == null) {
            return cencArguments(argv, target, key);
        }
        List<String> out = insert(argv, target, List.of("-hls_key_info_file", folder.keyInfoFile().toAbsolutePath().toString()));
        if (settings.rotatesKeys()) {
            // FFmpeg re-reads the key info file at every segment start
            int flags = out.lastIndexOf("-hls_flags");
            if (flags >= 0 && flags + 1 < out.size()) {
                out.set(flags + 1, out.get(flags + 1) + "+periodic_rekey");
            } else {
                out = insert(out, target, List.of("-hls_flags", "periodic_rekey"));
            }
        }
        return out;
    }

    /**
     * Starts key rotation (option {@code keyRotationSegments}) once FFmpeg is about to write into {@code jobDir}: a new
     * key from the provider every that many segments, read by FFmpeg from the rewritten key info file. Does nothing
     * when the job does not rotate keys. {@link #close()} stops it.
     */
    public synchronized void startRotation(java.nio.file.Path jobDir, String hlsMaster) {
        if (folder == null || !settings.rotatesKeys() || rotation != null) {
            return;
        }
        rotation = new KeyRotation(jobId, settings.encryption(), settings.keyRotationSegments(), provider,
                k -> expand(settings.keyUri(), k, jobId), folder, keys, jobDir.toAbsolutePath(), hlsMaster);
        rotation.start();
    }

    /** The keys of the job so far, in the order FFmpeg got them (one without key rotation). */
    public List<ContentKey> keys() {
        return List.copyOf(keys);
    }

    /**
     * FFmpeg 5.1 takes the CENC key only as an option value, never from a file: it is on FFmpeg's command line for the
     * length of the job (docs/content-protection.md). The mp4 muxer picks the IV itself (random, 8 bytes), so a
     * provider's IV is not used.
     */
    public static List<String> cencArguments(List<String> argv, String target, ContentKey key) {
        return insert(argv, target, List.of("-format_options", "encryption_scheme=cenc-aes-ctr:encryption_key="
                + key.keyHex() + ":encryption_kid=" + key.keyIdHex()));
    }

    private static List<String> insert(List<String> argv, String target, List<String> options) {
        int at = argv.lastIndexOf(target);
        if (at < 0) {
            throw new IllegalStateException("No output " + target + " in the FFmpeg command");
        }
        List<String> out = new ArrayList<>(argv);
        out.addAll(at, options);
        return out;
    }

    @Override
    public synchronized void close() {
        if (rotation != null) {
            rotation.close();
        }
        if (folder != null) {
            folder.close();
        }
    }
}
