package io.github.streamgear.camel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;

import io.github.streamgear.engine.StreamGearException;
import org.apache.camel.Exchange;

/**
 * The id of a job, which names its sub-folder: header {@code CamelStreamGearJobId}, else the source's base name, else
 * the exchange id. Letters and digits of any script, {@code .}, {@code _} and {@code -} are kept (file systems and S3
 * keys take them); any other character becomes {@code _}. A name from a source file that had to be changed that way
 * gets a short hash of the original name, so that {@code a b.mp4} and {@code a_b.mp4} never share a folder. In a
 * header id {@code /} separates nested folders, and no segment may climb out of outputDir.
 */
final class JobIds {

    private static final String NOT_ALLOWED = "[^\\p{L}\\p{N}._-]";

    private JobIds() {
    }

    static String jobId(Exchange exchange, String sourceBaseName) {
        String wanted = exchange.getIn().getHeader(StreamGearConstants.JOB_ID, String.class);
        if (wanted != null && !wanted.isBlank()) {
            return sanitize(wanted);
        }
        String fromName = sourceBaseName == null ? null : fromName(sourceBaseName);
        return fromName != null ? fromName : sanitize(exchange.getExchangeId());
    }

    /** A source's base name as a job id, distinct for distinct names; null if it has nothing usable (e.g. {@code .}). */
    static String fromName(String name) {
        String normal = Normalizer.normalize(name, Normalizer.Form.NFC);
        String clean = normal.replaceAll(NOT_ALLOWED, "_");
        if (clean.isEmpty() || clean.matches("\\.+")) {
            return null;
        }
        return clean.equals(normal) ? clean : clean + "-" + shortHash(normal);
    }

    static String sanitize(String id) {
        StringBuilder out = new StringBuilder();
        for (String segment : Normalizer.normalize(id, Normalizer.Form.NFC).replace('\\', '/').split("/")) {
            String clean = segment.replaceAll(NOT_ALLOWED, "_");
            if (clean.isEmpty() || clean.equals(".") || clean.equals("..")) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(clean);
        }
        if (out.isEmpty()) {
            throw new StreamGearException("Job id '" + id + "' (header " + StreamGearConstants.JOB_ID + ") has no usable"
                                          + " characters: use letters, digits, '.', '_' or '-'");
        }
        return out.toString();
    }

    private static String shortHash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 3);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
