package io.github.streamgear.engine.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CENC signalling of an MPD, edited into FFmpeg's text (a DOM round trip would reorder every attribute, see
 * {@link DashManifest}): in each audio and video {@code AdaptationSet}, a {@code ContentProtection} for
 * {@code urn:mpeg:dash:mp4protection:2011} with {@code cenc:default_KID}, one for ClearKey with its licence URL, and any
 * further {@code ContentProtection} elements (Widevine, PlayReady) given as XML.
 * <p>
 * The licence URL is written as {@code dashif:Laurl} in the {@code https://dashif.org/CPS} namespace: Shaka Player 5.2
 * reads {@code Laurl} in that namespace, dash.js 5.2 reads {@code Laurl} with the prefix {@code dashif}.
 */
public final class DashContentProtection {

    public static final String MP4_PROTECTION = "urn:mpeg:dash:mp4protection:2011";
    public static final String CLEARKEY = "urn:uuid:e2719d58-a985-b3c9-781a-b030af78d30e";
    static final String CENC_NS = "urn:mpeg:cenc:2013";
    static final String DASHIF_NS = "https://dashif.org/CPS";

    private static final Pattern MPD_START = Pattern.compile("<MPD\\b[^>]*>");
    /** An AdaptationSet start tag (not self-closing) with its indentation. */
    private static final Pattern ADAPTATION_SET = Pattern.compile("(?m)^([ \\t]*)<AdaptationSet\\b([^>]*[^/])?>\\r?\\n");
    private static final Pattern CONTENT_TYPE = Pattern.compile("\\b(?:contentType|mimeType)=\"(video|audio)");
    /** The children the schema puts before ContentProtection (RepresentationBaseType), as FFmpeg writes them. */
    private static final Pattern BEFORE = Pattern.compile("\\G[ \\t]*<(?:FramePacking|AudioChannelConfiguration)\\b[^>]*/>\\r?\\n");

    private DashContentProtection() {
    }

    /** Signals CENC in the MPD file (see {@link #signal}), replacing it atomically. */
    public static void apply(Path mpd, byte[] keyId, String licenceUrl, List<String> extra) {
        try {
            ReplaceAtomically.write(mpd, signal(Files.readString(mpd, StandardCharsets.UTF_8), keyId, licenceUrl, extra));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not signal the content protection in MPD " + mpd, e);
        }
    }

    /**
     * {@code mpd} with the CENC signalling in each audio and video AdaptationSet.
     *
     * @param keyId      the 16-byte key id
     * @param licenceUrl the ClearKey licence server; null for no ClearKey element
     * @param extra      further ContentProtection elements, each a whole {@code <ContentProtection ...>} element
     * @throws IllegalArgumentException if the MPD already signals protection, or an extra element is not one
     */
    public static String signal(String mpd, byte[] keyId, String licenceUrl, List<String> extra) {
        if (keyId == null || keyId.length != 16) {
            throw new IllegalArgumentException("The key id must be 16 bytes");
        }
        if (mpd.contains("<ContentProtection")) {
            throw new IllegalArgumentException("The MPD already has ContentProtection elements");
        }
        for (String e : extra) {
            String t = e.strip();
            if (!t.startsWith("<ContentProtection") || !(t.endsWith("</ContentProtection>") || t.endsWith("/>"))) {
                throw new IllegalArgumentException("A further ContentProtection element is not one: it must be a whole"
                        + " <ContentProtection ...> element");
            }
        }
        String text = withCencNamespace(mpd);
        Matcher m = ADAPTATION_SET.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 1024);
        int copied = 0;
        while (m.find()) {
            if (m.group(2) == null || !CONTENT_TYPE.matcher(m.group(2)).find()) {
                continue;
            }
            int at = m.end();
            Matcher before = BEFORE.matcher(text).region(at, text.length());
            while (before.find()) {
                at = before.end();
                before.region(at, text.length());
            }
            String indent = m.group(1) + (m.group(1).contains("\t") || m.group(1).isEmpty() ? "\t" : "  ");
            String newline = m.group().endsWith("\r\n") ? "\r\n" : "\n";
            out.append(text, copied, at);
            for (String element : elements(keyId, licenceUrl, extra, indent, newline)) {
                out.append(element);
            }
            copied = at;
        }
        out.append(text, copied, text.length());
        return out.toString();
    }

    private static List<String> elements(byte[] keyId, String licenceUrl, List<String> extra, String indent, String nl) {
        List<String> lines = new ArrayList<>();
        lines.add(indent + "<ContentProtection schemeIdUri=\"" + MP4_PROTECTION + "\" value=\"cenc\" cenc:default_KID=\""
                + uuid(keyId) + "\"/>" + nl);
        if (licenceUrl != null) {
            lines.add(indent + "<ContentProtection schemeIdUri=\"" + CLEARKEY + "\" value=\"ClearKey1.0\">" + nl
                    + indent + "\t<dashif:Laurl xmlns:dashif=\"" + DASHIF_NS + "\">" + escape(licenceUrl)
                    + "</dashif:Laurl>" + nl + indent + "</ContentProtection>" + nl);
        }
        for (String e : extra) {
            lines.add(indent + e.strip() + nl);
        }
        return lines;
    }

    /** The key id in the UUID form {@code cenc:default_KID} takes: 8-4-4-4-12 hex digits. */
    public static String uuid(byte[] keyId) {
        String hex = HexFormat.of().formatHex(keyId);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-" + hex.substring(16, 20)
                + "-" + hex.substring(20);
    }

    private static String withCencNamespace(String mpd) {
        Matcher m = MPD_START.matcher(mpd);
        if (!m.find()) {
            throw new IllegalArgumentException("No MPD element");
        }
        if (m.group().contains("xmlns:cenc=")) {
            return mpd;
        }
        int at = m.start() + "<MPD".length();
        return mpd.substring(0, at) + " xmlns:cenc=\"" + CENC_NS + "\"" + mpd.substring(at);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
