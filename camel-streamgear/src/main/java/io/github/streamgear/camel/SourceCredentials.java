package io.github.streamgear.camel;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.streamgear.engine.Credentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Options sourceUsername and sourcePassword, put into the videoSource URL when it is opened. In the URL itself a
 * password would be part of the endpoint URI, which Camel shows over JMX (endpoint, route and consumer MBeans) without
 * masking it: Camel masks option values whose name says they are secret, never a URL inside another option's value.
 */
final class SourceCredentials {

    private static final Logger LOG = LoggerFactory.getLogger(SourceCredentials.class);
    /** scheme://authority..., where the authority has no user info yet. */
    private static final Pattern NETWORK_URL = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)([^/?#]*)(.*)", Pattern.DOTALL);

    private SourceCredentials() {
    }

    /**
     * Refuses credentials that cannot be used, naming the options; warns (once per endpoint) of a password in the
     * videoSource URL itself.
     */
    static void check(String videoSource, String username, String password) {
        if (username == null && password == null) {
            Matcher m = videoSource == null ? null : NETWORK_URL.matcher(videoSource);
            if (m != null && m.matches() && m.group(2).matches("[^@]*:[^@]*@.*")) {
                LOG.warn("Option 'videoSource' {} has a password in its URL: the component masks it, but Camel shows"
                        + " endpoint URIs over JMX as they are; give it in options sourceUsername and sourcePassword",
                        Credentials.mask(videoSource));
            }
            return;
        }
        if (username == null || username.isEmpty()) {
            throw new IllegalArgumentException("Option 'sourcePassword' needs option 'sourceUsername'");
        }
        Matcher m = videoSource == null ? null : NETWORK_URL.matcher(videoSource);
        if (m == null || !m.matches() || m.group(1).startsWith("file:")) {
            throw new IllegalArgumentException("Options 'sourceUsername' and 'sourcePassword' need a network URL in option"
                    + " 'videoSource' (rtsp://, rtmp://, http(s)://...)");
        }
        if (m.group(2).contains("@")) {
            throw new IllegalArgumentException("Options 'sourceUsername' and 'sourcePassword' cannot be used with a URL in"
                    + " option 'videoSource' that has its own user info: give the credentials in one place");
        }
    }

    /** The URL with {@code username[:password]@} (percent-encoded) before its host; unchanged without a username. */
    static String apply(String videoSource, String username, String password) {
        if (videoSource == null || username == null || username.isEmpty()) {
            return videoSource;
        }
        Matcher m = NETWORK_URL.matcher(videoSource);
        if (!m.matches()) {
            return videoSource;
        }
        String userInfo = encode(username) + (password == null ? "" : ":" + encode(password));
        return m.group(1) + userInfo + "@" + m.group(2) + m.group(3);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
