package io.github.streamgear.camel;

import org.apache.camel.Exchange;

/**
 * The id of a job, which names its sub-folder: header {@code CamelStreamGearJobId}, else the source's base name, else
 * the exchange id. Characters other than letters, digits, {@code . _ -} become {@code _}; {@code /} separates nested
 * folders, and no segment may climb out of outputDir.
 */
final class JobIds {

    private JobIds() {
    }

    static String jobId(Exchange exchange, String sourceBaseName) {
        String wanted = exchange.getIn().getHeader(StreamGearConstants.JOB_ID, String.class);
        if (wanted == null || wanted.isBlank()) {
            wanted = sourceBaseName != null ? sourceBaseName : exchange.getExchangeId();
        }
        return sanitize(wanted);
    }

    static String sanitize(String id) {
        StringBuilder out = new StringBuilder();
        for (String segment : id.replace('\\', '/').split("/")) {
            String clean = segment.replaceAll("[^A-Za-z0-9._-]", "_");
            if (clean.isEmpty() || clean.equals(".") || clean.equals("..")) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(clean);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("Job id '" + id + "' has no usable characters");
        }
        return out.toString();
    }
}
