package io.github.streamgear.engine.protection;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.github.streamgear.engine.StreamGearException;
import io.github.streamgear.engine.settings.Encryption;
import io.github.streamgear.engine.settings.HlsSegmentType;
import io.github.streamgear.engine.settings.Protection;
import io.github.streamgear.engine.settings.StreamFormat;
import io.github.streamgear.engine.settings.TranscodeSettings;

/**
 * The encryption of one job: the key got from the provider before FFmpeg starts, the private key folder, and the
 * FFmpeg options that use it. {@link #close()} removes the key folder; the job calls it whatever its outcome.
 */
public final class JobProtection implements AutoCloseable {

    /**
     * Measured, not assumed (FfmpegCencFragmentsTest): FFmpeg 5.1 encrypts the samples of every DASH/CMAF fragment but
     * writes their per-sample IVs and subsample ranges only into the init segment, so the output cannot be decrypted.
     */
    static final String CENC_REFUSED = "Option 'encryption=cenc' is not supported: FFmpeg 5.1 encrypts DASH/CMAF"
            + " fragments but writes no sample encryption data into them (boxes senc, saiz, saio: the per-sample IVs),"
            + " so players, and FFmpeg itself given the key, cannot decrypt them. Use encryption=aes-128 with format=hls"
            + " (VOD, MPEG-TS); see docs/content-protection.md";

    private final ContentKey key;
    private final KeyFolder folder;

    private JobProtection(ContentKey key, KeyFolder folder) {
        this.key = key;
        this.folder = folder;
    }

    /**
     * Refuses what is not built, naming the option: {@code encryption=cenc} (whatever the format: FFmpeg 5.1 cannot
     * write it decryptably), AES-128 outside format hls, encryption of a live stream.
     */
    public static void check(TranscodeSettings s) {
        Encryption e = s.protection().encryption();
        if (e == Encryption.NONE) {
            return;
        }
        if (e == Encryption.CENC) {
            throw new IllegalArgumentException(CENC_REFUSED);
        }
        if (s.segmenting().format() != StreamFormat.HLS) {
            throw new IllegalArgumentException("Option 'encryption=aes-128' needs format=hls, got format="
                    + s.segmenting().format().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (s.segmenting().segmentType() != HlsSegmentType.MPEGTS) {
            throw new IllegalArgumentException("Option 'encryption=aes-128' needs hlsSegmentType=mpegts: FFmpeg 5.1's HLS"
                    + " muxer refuses to encrypt fMP4 segments (\"Encrypted fmp4 not yet supported\")");
        }
        if (s.isLive()) {
            throw new IllegalArgumentException("Option 'encryption' is not supported with livestream=true yet:"
                    + " only VOD is encrypted");
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
        try {
            return new JobProtection(key, KeyFolder.create(jobId, key, uri));
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

    /** The job's key, with its final key URI. */
    public ContentKey key() {
        return key;
    }

    public KeyFolder folder() {
        return folder;
    }

    /**
     * {@code argv} with {@code -hls_key_info_file} (the absolute path of the key info file: FFmpeg runs in the job
     * folder) inserted before the HLS output {@code target}.
     */
    public List<String> arguments(List<String> argv, String target) {
        int at = argv.indexOf(target);
        if (at < 0) {
            throw new IllegalStateException("No output " + target + " in the FFmpeg command");
        }
        List<String> out = new ArrayList<>(argv);
        out.addAll(at, List.of("-hls_key_info_file", folder.keyInfoFile().toAbsolutePath().toString()));
        return out;
    }

    @Override
    public void close() {
        folder.close();
    }
}
