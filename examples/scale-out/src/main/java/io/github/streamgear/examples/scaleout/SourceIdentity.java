package io.github.streamgear.examples.scaleout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Who a source is, independent of its file name: the SHA-256 of its bytes. The same bytes give the same source key
 * (so an upload is idempotent), and the same bytes with the same options give the same job id and duplicate id (so a
 * resubmission is dropped by the broker).
 *
 * @param contentSha256 hex SHA-256 of the file's bytes
 * @param sourceKey     content-addressed key the source is uploaded to, e.g. {@code sources/9f86...e4.mp4}
 * @param jobId         readable and unique job id: base name + 12 hex digits of the job's hash
 * @param duplicateId   id the broker uses to drop a second submission of the same job
 */
public record SourceIdentity(String contentSha256, String sourceKey, String jobId, String duplicateId) {

    public static SourceIdentity of(Path file, String sourcesPrefix, JobMessage.Options options) throws IOException {
        MessageDigest content = sha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                content.update(buffer, 0, n);
            }
        }
        String sha = HexFormat.of().formatHex(content.digest());
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot > 0 ? name.substring(dot).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]", "") : "";
        String base = (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^A-Za-z0-9._-]", "_");
        base = base.replaceAll("^[._-]+", "");
        if (base.length() > 40) {
            base = base.substring(0, 40);
        }
        String job = HexFormat.of().formatHex(sha256().digest((sha + "|" + canonical(options)).getBytes(StandardCharsets.UTF_8)));
        String jobId = (base.isEmpty() ? "job" : base) + "-" + job.substring(0, 12);
        return new SourceIdentity(sha, sourcesPrefix + sha + ext, jobId, "streamgear-job-" + job);
    }

    private static String canonical(JobMessage.Options o) {
        return o.format() + "|" + o.streams() + "|" + o.segmentDuration() + "|" + o.preset() + "|" + o.hlsSegmentType();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
