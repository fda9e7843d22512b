package io.github.streamgear.engine.output;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Finishes the MPD FFmpeg writes, as a few steps over FFmpeg's text (each replaces attributes only; the rest of the file
 * stays as FFmpeg wrote it, so a step added later composes with them):
 * <ul>
 * <li><b>Duration</b> (VOD): FFmpeg's DASH muxer writes {@code mediaPresentationDuration} truncated to a tenth of a
 * second ({@code PT4.0S} for 4.011 s of audio, {@code PT4.7S} for 4.76 s of video). A presentation declared shorter
 * than its media makes players cut or stall at the end (dash.js parks 0.5 s before it without an {@code ended} event),
 * so the duration is set to the end of the longest representation, read from the segment timelines and rounded up to
 * the millisecond.</li>
 * <li><b>Duration</b> (a live stream's last, static MPD): the same truncation, so the duration is made the end of the
 * longest representation when that is later (it only ever grows: the window's timelines carry their absolute start
 * times, so their end is the presentation's end). Found by LiveSourceKindsPlaybackTest: a network source stopped
 * mid-GOP ended at 21.36 s of video and 21.461 s of audio under {@code PT21.3S}, and dash.js parked at 20.8 s.</li>
 * <li><b>Bandwidth</b> (VOD, and a live stream's last MPD): each Representation's {@code @bandwidth} is measured from
 * its segments, see {@link DashBandwidth}.</li>
 * </ul>
 * FFmpeg 5.1's MPDs validate against the MPEG-DASH schema as written (checked in the tests), so no structural change is
 * made.
 */
public final class DashManifest {

    static final String NS = "urn:mpeg:dash:schema:mpd:2011";
    private static final Pattern DURATION = Pattern.compile("mediaPresentationDuration=\"([^\"]*)\"");

    private DashManifest() {
    }

    /**
     * Rewrites the MPD of a finished VOD job in place (atomically) once every segment it lists is written: duration and
     * bandwidths. A dynamic MPD keeps its duration.
     */
    public static void finish(Path mpd) {
        rewrite(mpd, (text, doc) -> DashBandwidth.withBandwidths(withDuration(text, mediaEnd(doc)),
                DashBandwidth.measure(doc, mpd.getParent())));
    }

    /**
     * Rewrites the last MPD of a live stream that ended normally and keeps its files: the bandwidths of the
     * Representations whose listed segments are all on disk are measured (the others keep the encoder's target, which
     * the MPD advertised while the stream ran). Its duration is lengthened to the end of the longest representation when
     * FFmpeg's truncated value is shorter, never shortened (a timeline it cannot read keeps FFmpeg's value).
     */
    public static void finishLive(Path mpd) {
        rewrite(mpd, (text, doc) -> DashBandwidth.withBandwidths(withLongerDuration(text, mediaEnd(doc)),
                DashBandwidth.measure(doc, mpd.getParent())));
    }

    /** {@code text} with its declared duration replaced by {@code end} when that is later (see {@link #finishLive}). */
    static String withLongerDuration(String text, OptionalDouble end) {
        Matcher m = DURATION.matcher(text);
        if (end.isEmpty() || !m.find()) {
            return text;
        }
        try {
            if (Duration.parse(m.group(1)).toNanos() / 1e9 >= end.getAsDouble()) {
                return text;
            }
        } catch (DateTimeParseException notIso) {
            return text;
        }
        return withDuration(text, end);
    }

    private interface TextChange {
        String apply(String text, Document parsed) throws IOException;
    }

    /** An unchanged MPD is left as it is: a rewrite is a new version (new inode) the watcher would publish again. */
    private static void rewrite(Path mpd, TextChange change) {
        try {
            String text = Files.readString(mpd, StandardCharsets.UTF_8);
            String fixed = change.apply(text, parse(text));
            if (!fixed.equals(text)) {
                ReplaceAtomically.write(mpd, fixed);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not rewrite MPD " + mpd, e);
        }
    }

    /** {@code text} with its declared duration replaced by {@code end} (rounded up to the ms) when they differ. */
    static String withDuration(String text, OptionalDouble end) {
        Matcher m = DURATION.matcher(text);
        if (end.isEmpty() || !m.find()) {
            return text;
        }
        BigDecimal exact = BigDecimal.valueOf(end.getAsDouble()).setScale(3, RoundingMode.CEILING);
        try {
            BigDecimal declared = BigDecimal.valueOf(Duration.parse(m.group(1)).toNanos(), 9);
            if (declared.compareTo(exact) == 0) {
                return text;
            }
        } catch (DateTimeParseException notIso) {
            // replaced below
        }
        return text.substring(0, m.start(1)) + "PT" + exact.toPlainString() + "S" + text.substring(m.end(1));
    }

    /**
     * The end of the longest representation of a static MPD, in seconds, from its {@code SegmentTimeline}s; empty for a
     * dynamic MPD or one whose end cannot be read from timelines alone.
     */
    static OptionalDouble mediaEnd(Document doc) {
        try {
            return timelineEnd(doc.getDocumentElement());
        } catch (NumberFormatException unexpected) {
            return OptionalDouble.empty(); // FFmpeg's own value stays
        }
    }

    private static OptionalDouble timelineEnd(Element root) {
        if (!"static".equals(root.getAttribute("type"))) {
            return OptionalDouble.empty();
        }
        NodeList templates = root.getElementsByTagNameNS(NS, "SegmentTemplate");
        double longest = 0;
        for (int i = 0; i < templates.getLength(); i++) {
            Element template = (Element) templates.item(i);
            Element timeline = child(template, "SegmentTimeline");
            if (timeline == null && isImageSet(template)) {
                continue; // thumbnail tiles (option thumbnails): they follow the media, they do not make it longer
            }
            if (timeline == null) {
                return OptionalDouble.empty();
            }
            long timescale = longAttr(template, "timescale", 1);
            long offset = longAttr(template, "presentationTimeOffset", 0);
            long time = 0;
            for (Node n = timeline.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element s && "S".equals(s.getLocalName())) {
                    time = longAttr(s, "t", time);
                    long repeat = longAttr(s, "r", 0);
                    if (repeat < 0) {
                        return OptionalDouble.empty(); // "until the next S or the end of the period": not for VOD
                    }
                    time += longAttr(s, "d", 0) * (repeat + 1);
                }
            }
            longest = Math.max(longest, (double) (time - offset) / timescale);
        }
        return longest > 0 ? OptionalDouble.of(longest) : OptionalDouble.empty();
    }

    private static boolean isImageSet(Element template) {
        for (Node n = template.getParentNode(); n instanceof Element e; n = e.getParentNode()) {
            if ("AdaptationSet".equals(e.getLocalName())) {
                return "image".equals(e.getAttribute("contentType"));
            }
        }
        return false;
    }

    static Document parse(String text) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("not a readable MPD: " + e.getMessage(), e);
        }
    }

    /** Matched by local name: an MPD may bind the DASH namespace to any prefix. */
    static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static long longAttr(Element e, String name, long otherwise) {
        String value = e.getAttribute(name);
        return value.isEmpty() ? otherwise : Long.parseLong(value.trim());
    }
}
