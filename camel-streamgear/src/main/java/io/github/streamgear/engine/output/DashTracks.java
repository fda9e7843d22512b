package io.github.streamgear.engine.output;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import io.github.streamgear.engine.tracks.AudioRendition;
import io.github.streamgear.engine.tracks.SubtitleRendition;
import io.github.streamgear.engine.tracks.TrackPlan;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Describes the audio and text tracks of a VOD MPD as players' track menus need them (DASH-IF IOP). FFmpeg writes
 * {@code lang} as the container had it ({@code eng}, where RFC 5646 wants {@code en}), no {@code Role} and no
 * {@code Label}, and cannot carry text at all. Each audio adaptation set gets its language, a {@code Label} (the
 * track's title or its language's own name) and a {@code Role} ({@code main} for the default track, {@code alternate},
 * {@code commentary}, {@code description}); each subtitle track becomes a text adaptation set whose one representation
 * is the whole WebVTT file ({@code text/vtt}, role {@code subtitle} or {@code forced-subtitle}).
 */
public final class DashTracks {

    static final String ROLE_SCHEME = "urn:mpeg:dash:role:2011";

    private DashTracks() {
    }

    public static void apply(Path mpd, OutputLayout layout, TrackPlan tracks) {
        if (tracks.audio().isEmpty() && tracks.subtitles().isEmpty()) {
            return;
        }
        try {
            Document doc = DashManifest.parse(Files.readString(mpd, StandardCharsets.UTF_8));
            describe(doc, layout, tracks, mpd.getParent());
            ReplaceAtomically.write(mpd, serialise(doc));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not describe the tracks of MPD " + mpd, e);
        }
    }

    static void describe(Document doc, OutputLayout layout, TrackPlan tracks, Path dir) throws IOException {
        Element root = doc.getDocumentElement();
        NodeList sets = root.getElementsByTagNameNS(DashManifest.NS, "AdaptationSet");
        Element period = null;
        int maxId = -1;
        for (int i = 0; i < sets.getLength(); i++) {
            Element set = (Element) sets.item(i);
            period = (Element) set.getParentNode();
            maxId = Math.max(maxId, intAttr(set, "id"));
            Element representation = DashManifest.child(set, "Representation");
            if (representation == null || !"audio".equals(set.getAttribute("contentType"))) {
                continue;
            }
            for (int t = 0; t < tracks.audio().size(); t++) {
                if (Integer.toString(layout.audioRepresentation(t)).equals(representation.getAttribute("id"))) {
                    AudioRendition a = tracks.audio().get(t);
                    language(set, a.language());
                    describe(doc, set, a.label(), a.role());
                }
            }
        }
        if (period == null) {
            return;
        }
        double seconds = presentationSeconds(root);
        for (SubtitleRendition s : tracks.subtitles()) {
            String file = OutputLayout.subtitleFile(s.name());
            Element set = doc.createElementNS(DashManifest.NS, "AdaptationSet");
            set.setAttribute("id", Integer.toString(++maxId));
            set.setAttribute("contentType", "text");
            set.setAttribute("mimeType", "text/vtt");
            language(set, s.language());
            Element representation = doc.createElementNS(DashManifest.NS, "Representation");
            representation.setAttribute("id", "subtitles_" + s.name());
            long bytes = Files.size(dir.resolve(file));
            representation.setAttribute("bandwidth", Long.toString(Math.max(1, Math.round(bytes * 8 / Math.max(1, seconds)))));
            Element base = doc.createElementNS(DashManifest.NS, "BaseURL");
            base.setTextContent(file);
            representation.appendChild(base);
            set.appendChild(representation);
            describe(doc, set, s.label(), s.forced() ? "forced-subtitle" : "subtitle");
            period.appendChild(set);
        }
    }

    private static void language(Element set, String language) {
        if (language != null) {
            set.setAttribute("lang", language);
        } else {
            set.removeAttribute("lang");
        }
    }

    /** {@code Label} and {@code Role} go before the set's representations and templates, in the schema's order. */
    private static void describe(Document doc, Element set, String label, String role) {
        Node before = null;
        for (Node n = set.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && List.of("Accessibility", "Role", "Rating", "Viewpoint", "ContentComponent",
                    "BaseURL", "SegmentBase", "SegmentList", "SegmentTemplate", "Representation").contains(e.getLocalName())) {
                before = e;
                break;
            }
        }
        Element labelElement = doc.createElementNS(DashManifest.NS, "Label");
        labelElement.setTextContent(label);
        Element roleElement = doc.createElementNS(DashManifest.NS, "Role");
        roleElement.setAttribute("schemeIdUri", ROLE_SCHEME);
        roleElement.setAttribute("value", role);
        set.insertBefore(labelElement, before);
        set.insertBefore(roleElement, before);
    }

    private static double presentationSeconds(Element root) {
        try {
            return Duration.parse(root.getAttribute("mediaPresentationDuration")).toMillis() / 1000.0;
        } catch (DateTimeParseException e) {
            return 1;
        }
    }

    private static int intAttr(Element e, String name) {
        try {
            return Integer.parseInt(e.getAttribute(name).trim());
        } catch (NumberFormatException ex) {
            return -1;
        }
    }

    static String serialise(Document doc) throws IOException {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "utf-8");
            doc.setXmlStandalone(true);
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IOException("cannot write the MPD: " + e.getMessage(), e);
        }
    }
}
