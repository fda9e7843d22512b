package io.github.streamgear.testing;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Whether every segment a dynamic MPD lists is inside its availability window when the MPD is published (ISO/IEC
 * 23009-1, 5.3.9.5): available from {@code availabilityStartTime} + Period {@code start} + {@code (t + d -
 * presentationTimeOffset) / timescale}, until {@code timeShiftBufferDepth} after that.
 */
public final class MpdAvailability {

    private MpdAvailability() {
    }

    /** How far from its window one listed segment is, in seconds (positive: listed before it is available). */
    public record Listing(String period, String representation, long number, double early, double late) {
    }

    /** Every listed segment of the dynamic MPD {@code text}, against {@code now}; empty for a static MPD. */
    public static List<Listing> listings(String text, Instant now) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        Element mpd = doc.getDocumentElement();
        List<Listing> out = new ArrayList<>();
        if (!"dynamic".equals(mpd.getAttribute("type"))) {
            return out;
        }
        Instant ast = Instant.parse(mpd.getAttribute("availabilityStartTime"));
        double depth = mpd.hasAttribute("timeShiftBufferDepth")
                ? Duration.parse(mpd.getAttribute("timeShiftBufferDepth")).toNanos() / 1e9 : Double.POSITIVE_INFINITY;
        double nowSeconds = Duration.between(ast, now).toNanos() / 1e9;
        NodeList periods = mpd.getElementsByTagNameNS("*", "Period");
        for (int p = 0; p < periods.getLength(); p++) {
            Element period = (Element) periods.item(p);
            double start = Duration.parse(period.getAttribute("start")).toNanos() / 1e9;
            NodeList reps = period.getElementsByTagNameNS("*", "Representation");
            for (int i = 0; i < reps.getLength(); i++) {
                Element rep = (Element) reps.item(i);
                Element template = child(rep, "SegmentTemplate");
                if (template == null) {
                    template = child((Element) rep.getParentNode(), "SegmentTemplate");
                }
                Element timeline = template == null ? null : child(template, "SegmentTimeline");
                if (timeline == null) {
                    continue;
                }
                long timescale = number(template, "timescale", 1);
                long pto = number(template, "presentationTimeOffset", 0);
                long n = number(template, "startNumber", 1);
                long t = 0;
                for (Node s = timeline.getFirstChild(); s != null; s = s.getNextSibling()) {
                    if (!(s instanceof Element e) || !"S".equals(e.getLocalName())) {
                        continue;
                    }
                    t = number(e, "t", t);
                    long d = number(e, "d", 0);
                    for (long r = number(e, "r", 0); r >= 0; r--) {
                        double available = start + (double) (t + d - pto) / timescale;
                        out.add(new Listing(period.getAttribute("id"), rep.getAttribute("id"), n++, available - nowSeconds,
                                nowSeconds - (available + depth)));
                        t += d;
                    }
                }
            }
        }
        return out;
    }

    /**
     * The listed segments outside their window: available more than {@code earlyTolerance} seconds after {@code now},
     * or their window ended before {@code now}.
     */
    public static List<String> outside(String text, Instant now, double earlyTolerance) throws Exception {
        return outside(text, now, earlyTolerance, earlyTolerance);
    }

    /**
     * As {@link #outside(String, Instant, double)}, with another tolerance for listing early in FFmpeg's own Period
     * (id {@code 0}): its {@code availabilityStartTime} is FFmpeg's first muxed packet, which comes after its input probe.
     */
    public static List<String> outside(String text, Instant now, double earlyTolerance, double ffmpegPeriodEarly)
            throws Exception {
        List<String> problems = new ArrayList<>();
        for (Listing l : listings(text, now)) {
            double tolerance = "0".equals(l.period()) ? Math.max(earlyTolerance, ffmpegPeriodEarly) : earlyTolerance;
            if (l.early() > tolerance || l.late() > 0) {
                problems.add(String.format(Locale.ROOT, "Period %s, Representation %s, segment %d: %s", l.period(),
                        l.representation(), l.number(), l.early() > tolerance
                                ? "available only " + String.format(Locale.ROOT, "%.3f", l.early()) + " s after it is listed"
                                : "its availability ended " + String.format(Locale.ROOT, "%.3f", l.late()) + " s before"));
            }
        }
        return problems;
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static long number(Element e, String name, long otherwise) {
        return e.hasAttribute(name) ? Long.parseLong(e.getAttribute(name).trim()) : otherwise;
    }
}
