package io.github.streamgear.engine;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the secrets a source URL may carry before it is logged or put in an exception message (which Camel logs and
 * which travels to dead-letter queues): the user info of {@code scheme://user:password@host}, and the values of query
 * parameters that hold credentials, such as the signature of a pre-signed S3 URL. FFmpeg itself still gets the URL as
 * it was given.
 */
public final class Credentials {

    static final String MASK = "xxxxxx";

    /** {@code scheme://USERINFO@}: group 1 up to the user info, group 2 the user info. */
    private static final Pattern USER_INFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://)([^/@\\s?#]*)@");
    /** The same inside a URL-encoded URI such as a Camel endpoint URI: {@code http%3A%2F%2FUSERINFO%40}. */
    private static final Pattern ENCODED_USER_INFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*%3A%2F%2F)((?:(?!%2F|%40)[^/@\\s?#&])*)%40");

    /** Query parameters whose value is a credential: passwords, tokens, keys, signatures. */
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([?&](?:[a-z0-9_.-]*(?:password|passwd|passphrase|pwd|secret|token|signature|credential|apikey|api_key|access_key)"
            + "[a-z0-9_.-]*|key|sig|auth)=)[^&#\\s]*");

    /**
     * A content key inside an option value that is itself a {@code key=value} list, such as the dash muxer's
     * {@code -format_options encryption_scheme=cenc-aes-ctr:encryption_key=HEX:encryption_kid=HEX}: only the key's
     * value is masked, the scheme and key id stay readable.
     */
    private static final Pattern EMBEDDED_KEY = Pattern.compile("(?i)((?:^|[:,\\s])-?(?:[a-z0-9]+_)?(?:encryption|decryption)_key=)[^:,&\\s]*");

    private Credentials() {
    }

    /** {@code text} with every URL's password (or lone token) and credential parameters replaced by {@code xxxxxx}. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = maskUserInfo(USER_INFO, text, ":", "@");
        masked = maskUserInfo(ENCODED_USER_INFO, masked, "%3A", "%40");
        masked = SECRET_PARAMETER.matcher(masked).replaceAll("$1" + MASK);
        return EMBEDDED_KEY.matcher(masked).replaceAll("$1" + MASK);
    }

    /** FFmpeg options whose value is a content key: the value is masked whole. */
    private static final java.util.Set<String> KEY_OPTIONS = java.util.Set.of("-encryption_key", "-decryption_key",
            "-hls_enc_key", "-cenc_decryption_key");

    /** Every element masked, for an FFmpeg command line that is logged; the value of a key option is masked whole. */
    public static List<String> mask(List<String> argv) {
        List<String> out = new java.util.ArrayList<>(argv.size());
        for (int i = 0; i < argv.size(); i++) {
            out.add(i > 0 && KEY_OPTIONS.contains(argv.get(i - 1)) ? MASK : mask(argv.get(i)));
        }
        return List.copyOf(out);
    }

    /** {@code user:password} keeps the user; a user info without a password is a token and is masked whole. */
    private static String maskUserInfo(Pattern pattern, String text, String colon, String at) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String info = m.group(2);
            int split = info.toUpperCase(java.util.Locale.ROOT).indexOf(colon);
            String kept = split < 0 ? "" : info.substring(0, split) + colon;
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + kept + MASK + at));
        }
        m.appendTail(out);
        return out.toString();
    }
}
