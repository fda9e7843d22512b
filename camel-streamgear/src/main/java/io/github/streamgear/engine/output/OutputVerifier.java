package io.github.streamgear.engine.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Checks that an output is what a player needs before it is declared good: every manifest and playlist parses, and
 * every file it lists is in the job folder and not empty. FFmpeg does not always say when it could not write (on a
 * full disk FFmpeg 5.1's HLS muxer leaves empty segments and playlists and exits 0), so the files are checked, not
 * the exit code.
 */
public final class OutputVerifier {

    private static final String MISSING = ", which is missing";
    private static final Pattern URI_ATTRIBUTE = Pattern.compile("URI=\"([^\"]*)\"");
    private static final Pattern EXTINF = Pattern.compile("^#EXTINF:([0-9.]+)");
    private static final Pattern TEMPLATE_FIELD = Pattern.compile("\\$\\$|\\$(RepresentationID|Number|Time|Bandwidth)(%0(\\d+)d)?\\$");

    private OutputVerifier() {
    }

    /**
     * Verifies a finished output: each of {@code entryPoints} was written, no file of {@code files} is empty, and every
     * manifest and playlist among them parses and lists only files that are in the folder and not empty.
     *
     * @return the problems found, empty if the output is complete
     */
    public static List<String> problems(Path jobDir, List<OutputFile> files, List<String> entryPoints) {
        Set<String> problems = new LinkedHashSet<>();
        for (String entry : entryPoints) {
            if (files.stream().noneMatch(f -> f.name().equals(entry))) {
                problems.add(entry + " was not written");
            }
        }
        for (OutputFile file : files) {
            if (file.kind() != FileKind.PREVIEW && size(file.path()) <= 0) {
                problems.add(file.name() + " is empty");
            }
        }
        for (OutputFile file : files) {
            if (file.kind() == FileKind.MANIFEST || file.kind() == FileKind.PLAYLIST) {
                problems.addAll(problems(jobDir, file.name()));
            }
        }
        return List.copyOf(problems);
    }

    /** The problems of one manifest or playlist ({@code name}, relative to {@code jobDir}); empty if it is sound. */
    public static List<String> problems(Path jobDir, String name) {
        String text;
        try {
            text = Files.readString(jobDir.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of(name + " cannot be read: " + e.getMessage());
        }
        return problems(jobDir, name, text);
    }

    /** The problems of one version ({@code text}) of a manifest or playlist; empty if it is sound. */
    public static List<String> problems(Path jobDir, String name, String text) {
        List<String> problems = new ArrayList<>();
        List<String> references;
        try {
            references = references(name, text);
        } catch (IOException e) {
            return List.of(name + " cannot be read: " + e.getMessage());
        }
        for (String reference : references) {
            Path target = jobDir.resolve(reference).normalize();
            if (reference.contains("://") || reference.startsWith("/") || !target.startsWith(jobDir.normalize())) {
                problems.add(name + " lists " + reference + ", which is outside the job folder");
            } else if (!Files.isRegularFile(target)) {
                problems.add(name + " lists " + reference + MISSING);
            } else if (size(target) == 0) {
                problems.add(name + " lists " + reference + ", which is empty");
            }
        }
        return problems;
    }

    /** Whether a problem {@link #problems} found is a listed file that is not there (yet). */
    public static boolean isMissing(String problem) {
        return problem.endsWith(MISSING);
    }

    /**
     * How long the output plays: the longest HLS media playlist (sum of its {@code EXTINF}) or DASH representation
     * (from its segment timeline), in seconds; empty if none can be read.
     */
    public static OptionalDouble duration(Path jobDir, List<OutputFile> files) {
        double longest = -1;
        for (OutputFile file : files) {
            try {
                if (file.name().endsWith(".m3u8")) {
                    double sum = 0;
                    for (String line : Files.readAllLines(file.path(), StandardCharsets.UTF_8)) {
                        Matcher m = EXTINF.matcher(line);
                        if (m.find()) {
                            sum += Double.parseDouble(m.group(1));
                        }
                    }
                    longest = Math.max(longest, sum);
                } else if (file.name().endsWith(".mpd")) {
                    OptionalDouble end = DashManifest.mediaEnd(DashManifest.parse(Files.readString(file.path())));
                    if (end.isPresent()) {
                        longest = Math.max(longest, end.getAsDouble());
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // verified apart: a manifest that cannot be read is reported by problems()
            }
        }
        return longest > 0 ? OptionalDouble.of(longest) : OptionalDouble.empty();
    }

    /**
     * Whether a version of a manifest or playlist lists no segment yet where it should: what a live stream's first
     * versions are (FFmpeg writes them before any segment is done), never publishable, but no fault either.
     */
    public static boolean listsNoSegment(String name, String text) {
        try {
            references(name, text);
            return false;
        } catch (NoSegmentListed e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A manifest or playlist that lists no segment where it should. */
    private static final class NoSegmentListed extends IOException {
        NoSegmentListed(String message) {
            super(message);
        }
    }

    /** The files a manifest or playlist lists, as written in it (relative to the job folder when sound). */
    static List<String> references(Path jobDir, String name) throws IOException {
        return references(name, Files.readString(jobDir.resolve(name), StandardCharsets.UTF_8));
    }

    /**
     * The files a version ({@code text}) of a manifest or playlist lists, as written in it (relative to the job folder
     * when sound).
     *
     * @throws IOException if it does not parse, or lists no segment where it should
     */
    public static List<String> references(String name, String text) throws IOException {
        if (text.isEmpty()) {
            throw new IOException("it is empty");
        }
        if (name.endsWith(".vtt")) {
            return vttReferences(text);
        }
        return name.endsWith(".mpd") ? mpdReferences(text) : playlistReferences(text);
    }

    /** The images of a WebVTT thumbnails track: each cue's payload, without its {@code #xywh=} fragment. */
    private static List<String> vttReferences(String text) throws IOException {
        if (!text.startsWith("WEBVTT")) {
            throw new IOException("it does not start with WEBVTT");
        }
        List<String> references = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i + 1 < lines.length; i++) {
            if (lines[i].contains("-->") && !lines[i + 1].isBlank()) {
                String payload = lines[i + 1].strip();
                int fragment = payload.indexOf('#');
                references.add(fragment < 0 ? payload : payload.substring(0, fragment));
            }
        }
        if (references.isEmpty()) {
            throw new IOException("it lists no cue");
        }
        return references.stream().distinct().toList();
    }

    private static List<String> playlistReferences(String text) throws IOException {
        if (!text.startsWith("#EXTM3U")) {
            throw new IOException("it does not start with #EXTM3U");
        }
        List<String> references = new ArrayList<>();
        boolean entries = false; // a segment of a media playlist, or a variant of a master playlist
        for (String line : text.split("\\R")) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            if (!l.startsWith("#")) {
                references.add(l);
                entries = true;
            } else if (!l.startsWith("#EXT-X-KEY:") && !l.startsWith("#EXT-X-SESSION-KEY:")) {
                // a key URI names the key server (content protection), not a file of the job
                Matcher m = URI_ATTRIBUTE.matcher(l);
                while (m.find()) {
                    references.add(m.group(1));
                }
            }
        }
        if (!entries) {
            throw new NoSegmentListed("it lists no segment");
        }
        return references;
    }

    /** Every init and media segment of every representation, from its {@code SegmentTemplate} and timeline. */
    private static List<String> mpdReferences(String text) throws IOException {
        Document doc = DashManifest.parse(text);
        List<String> references = new ArrayList<>();
        NodeList representations = doc.getElementsByTagNameNS(DashManifest.NS, "Representation");
        for (int i = 0; i < representations.getLength(); i++) {
            Element representation = (Element) representations.item(i);
            Element template = DashManifest.child(representation, "SegmentTemplate");
            if (template == null && representation.getParentNode() instanceof Element set) {
                template = DashManifest.child(set, "SegmentTemplate");
            }
            Element baseUrl = DashManifest.child(representation, "BaseURL");
            if (baseUrl != null && template == null) {
                references.add(baseUrl.getTextContent().strip());
                continue;
            }
            if (template == null) {
                throw new IOException("representation " + representation.getAttribute("id") + " lists no segments");
            }
            String id = representation.getAttribute("id");
            String bandwidth = representation.getAttribute("bandwidth");
            if (!template.getAttribute("initialization").isEmpty()) {
                references.add(expand(template.getAttribute("initialization"), id, bandwidth, 0, 0));
            }
            Element timeline = DashManifest.child(template, "SegmentTimeline");
            String media = template.getAttribute("media");
            if (timeline == null || media.isEmpty()) {
                continue; // segments by duration alone: their count depends on the period, not checked
            }
            long number = template.getAttribute("startNumber").isEmpty() ? 1
                    : Long.parseLong(template.getAttribute("startNumber").strip());
            long time = 0;
            int segments = references.size();
            for (Node n = timeline.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element s && "S".equals(s.getLocalName())) {
                    time = s.getAttribute("t").isEmpty() ? time : Long.parseLong(s.getAttribute("t").strip());
                    long repeat = s.getAttribute("r").isEmpty() ? 0 : Long.parseLong(s.getAttribute("r").strip());
                    long duration = Long.parseLong(s.getAttribute("d").strip());
                    for (long k = 0; k <= Math.max(0, repeat); k++) {
                        references.add(expand(media, id, bandwidth, number++, time));
                        time += duration;
                    }
                }
            }
            if (references.size() == segments) {
                throw new NoSegmentListed("representation " + id + " lists no segment");
            }
        }
        return references;
    }

    /** A segment template with its {@code $...$} fields filled in (ISO/IEC 23009-1, 5.3.9.4.4). */
    static String expand(String template, String id, String bandwidth, long number, long time) {
        Matcher m = TEMPLATE_FIELD.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = m.group(1) == null ? "$" : switch (m.group(1)) {
                case "RepresentationID" -> id;
                case "Bandwidth" -> bandwidth;
                case "Number" -> pad(number, m.group(3));
                default -> pad(time, m.group(3));
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String pad(long value, String width) {
        return width == null ? Long.toString(value) : String.format(Locale.ROOT, "%0" + width + "d", value);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
