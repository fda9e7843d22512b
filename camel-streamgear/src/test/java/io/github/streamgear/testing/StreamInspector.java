package io.github.streamgear.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads produced streams the way a player does (the parsed MPD or playlists) and measures them with ffprobe: which
 * renditions are advertised at what size and bandwidth, where each segment starts and whether it starts on a keyframe,
 * the measured bitrate and the duration.
 */
public final class StreamInspector {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamInspector() {
    }

    /** One rendition as a manifest describes it, with its files in play order. */
    public record Track(String id, boolean audio, int width, int height, long advertisedBps, Path init, List<Path> segments,
            List<Double> segmentDurations) {

        public double durationSeconds() {
            return segmentDurations.stream().mapToDouble(Double::doubleValue).sum();
        }

        /** Average bitrate of the media segments, from their sizes and the advertised durations. */
        public double peakSegmentBps() throws IOException {
            double peak = 0;
            for (int i = 0; i < segments.size(); i++) {
                peak = Math.max(peak, Files.size(segments.get(i)) * 8.0 / segmentDurations.get(i));
            }
            return peak;
        }

        public double measuredBps() throws IOException {
            long bytes = 0;
            for (Path s : segments) {
                bytes += Files.size(s);
            }
            return bytes * 8.0 / durationSeconds();
        }
    }

    /** The first video packet of a segment: its presentation time and whether it is a keyframe. */
    public record SegmentStart(double pts, boolean keyframe) {
    }

    // ---------------------------------------------------------------- DASH

    /** The tracks of a finished output: of an MPD, or of the media playlists of an HLS master (video, then audio). */
    public static List<Track> readTracks(Path manifest) throws Exception {
        if (manifest.toString().endsWith(".mpd")) {
            return readDash(manifest);
        }
        Master master = readHlsMaster(manifest);
        List<Track> tracks = new ArrayList<>();
        for (Variant v : master.variants()) {
            tracks.add(readHlsMedia(v.playlist(), false));
        }
        for (Path audio : master.audioPlaylists()) {
            tracks.add(readHlsMedia(audio, true));
        }
        return tracks;
    }

    /** The tracks of a static MPD written with SegmentTemplate + SegmentTimeline. */
    public static List<Track> readDash(Path mpd) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder().parse(mpd.toFile());
        List<Track> tracks = new ArrayList<>();
        NodeList reps = doc.getElementsByTagNameNS("*", "Representation");
        for (int i = 0; i < reps.getLength(); i++) {
            Element rep = (Element) reps.item(i);
            Element set = (Element) rep.getParentNode();
            boolean audio = rep.getAttribute("mimeType").startsWith("audio") || "audio".equals(set.getAttribute("contentType"));
            Element template = child(rep, "SegmentTemplate");
            if (template == null) {
                template = child(set, "SegmentTemplate");
            }
            if (template == null) {
                continue; // a text track: one whole WebVTT file, not segments
            }
            String id = rep.getAttribute("id");
            long timescale = Long.parseLong(template.getAttribute("timescale"));
            long number = template.hasAttribute("startNumber") ? Long.parseLong(template.getAttribute("startNumber")) : 1;
            Path dir = mpd.getParent();
            Path init = dir.resolve(expand(template.getAttribute("initialization"), id, 0));
            List<Path> segments = new ArrayList<>();
            List<Double> durations = new ArrayList<>();
            NodeList s = template.getElementsByTagNameNS("*", "S");
            for (int j = 0; j < s.getLength(); j++) {
                Element e = (Element) s.item(j);
                long d = Long.parseLong(e.getAttribute("d"));
                int repeat = e.hasAttribute("r") ? Integer.parseInt(e.getAttribute("r")) : 0;
                for (int k = 0; k <= repeat; k++) {
                    segments.add(dir.resolve(expand(template.getAttribute("media"), id, number++)));
                    durations.add(d / (double) timescale);
                }
            }
            tracks.add(new Track(id, audio, intAttr(rep, "width"), intAttr(rep, "height"),
                    Long.parseLong(rep.getAttribute("bandwidth")), init, segments, durations));
        }
        return tracks;
    }

    /** mediaPresentationDuration of an MPD, in seconds. */
    public static double dashDuration(Path mpd) throws IOException {
        Matcher m = Pattern.compile("mediaPresentationDuration=\"PT(?:(\\d+)H)?(?:(\\d+)M)?(?:([\\d.]+)S)?\"")
                .matcher(Files.readString(mpd));
        if (!m.find()) {
            throw new IllegalStateException("No mediaPresentationDuration in " + mpd);
        }
        return (m.group(1) == null ? 0 : Integer.parseInt(m.group(1)) * 3600)
                + (m.group(2) == null ? 0 : Integer.parseInt(m.group(2)) * 60)
                + (m.group(3) == null ? 0 : Double.parseDouble(m.group(3)));
    }

    private static String expand(String template, String id, long number) {
        String out = template.replace("$RepresentationID$", id);
        Matcher m = Pattern.compile("\\$Number(%0(\\d+)d)?\\$").matcher(out);
        if (m.find()) {
            String n = m.group(2) == null ? Long.toString(number) : String.format("%0" + m.group(2) + "d", number);
            out = out.substring(0, m.start()) + n + out.substring(m.end());
        }
        return out;
    }

    private static Element child(Element parent, String name) {
        NodeList list = parent.getChildNodes();
        for (int i = 0; i < list.getLength(); i++) {
            if (list.item(i) instanceof Element e && name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static int intAttr(Element e, String name) {
        return e.hasAttribute(name) ? Integer.parseInt(e.getAttribute(name)) : 0;
    }

    // ---------------------------------------------------------------- HLS

    /** A variant of an HLS master playlist. */
    public record Variant(long bandwidth, long averageBandwidth, int width, int height, String codecs, String audioGroup,
            Path playlist) {
    }

    /** An HLS master playlist: its variants and its audio renditions (EXT-X-MEDIA TYPE=AUDIO). */
    public record Master(List<Variant> variants, List<Path> audioPlaylists, List<String> lines) {
    }

    public static Master readHlsMaster(Path master) throws IOException {
        List<String> lines = Files.readAllLines(master);
        List<Variant> variants = new ArrayList<>();
        List<Path> audio = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("#EXT-X-MEDIA:") && line.contains("TYPE=AUDIO")) {
                audio.add(master.resolveSibling(attr(line, "URI")));
            } else if (line.startsWith("#EXT-X-STREAM-INF:")) {
                String res = attr(line, "RESOLUTION");
                int w = res == null ? 0 : Integer.parseInt(res.split("x")[0]);
                int h = res == null ? 0 : Integer.parseInt(res.split("x")[1]);
                String average = attr(line, "AVERAGE-BANDWIDTH");
                variants.add(new Variant(Long.parseLong(attr(line, "BANDWIDTH")),
                        average == null ? 0 : Long.parseLong(average), w, h, attr(line, "CODECS"),
                        attr(line, "AUDIO"), master.resolveSibling(lines.get(++i).trim())));
            }
        }
        return new Master(variants, audio, lines);
    }

    /** A media playlist as a track (id = playlist file name); width/height/bandwidth unknown here (0). */
    public static Track readHlsMedia(Path playlist, boolean audio) throws IOException {
        List<String> lines = Files.readAllLines(playlist);
        Path init = null;
        List<Path> segments = new ArrayList<>();
        List<Double> durations = new ArrayList<>();
        boolean ended = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("#EXT-X-MAP:")) {
                init = playlist.resolveSibling(attr(line, "URI"));
            } else if (line.startsWith("#EXTINF:")) {
                durations.add(Double.parseDouble(line.substring(8, line.indexOf(','))));
                String uri = lines.get(++i);
                while (uri.startsWith("#")) {
                    uri = lines.get(++i);
                }
                segments.add(playlist.resolveSibling(uri.trim()));
            } else if (line.startsWith("#EXT-X-ENDLIST")) {
                ended = true;
            }
        }
        if (!ended) {
            throw new IllegalStateException(playlist + " has no #EXT-X-ENDLIST: not a finished VOD playlist");
        }
        return new Track(playlist.getFileName().toString(), audio, 0, 0, 0, init, segments, durations);
    }

    private static String attr(String line, String name) {
        Matcher m = Pattern.compile("[:,]" + name + "=(\"([^\"]*)\"|([^,]*))").matcher(line);
        if (!m.find()) {
            return null;
        }
        return m.group(2) != null ? m.group(2) : m.group(3);
    }

    // ---------------------------------------------------------------- ffprobe

    /** The first video packet of {@code segment} (prefixed with {@code init} for fMP4). */
    public static SegmentStart firstVideoPacket(Path init, Path segment) throws Exception {
        return firstPacket(init, segment, "v:0");
    }

    /** The first audio packet of {@code segment} (prefixed with {@code init} for fMP4). */
    public static SegmentStart firstAudioPacket(Path init, Path segment) throws Exception {
        return firstPacket(init, segment, "a:0");
    }

    private static SegmentStart firstPacket(Path init, Path segment, String stream) throws Exception {
        Path probeFile = joined(init, List.of(segment));
        try {
            String out = ffprobe("-v", "error", "-select_streams", stream, "-read_intervals", "%+#1", "-show_entries",
                    "packet=pts_time,flags", "-of", "csv=p=0", probeFile.toString());
            String first = out.lines().filter(l -> !l.isBlank()).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No " + stream + " packet in " + segment));
            String[] parts = first.split(",");
            return new SegmentStart(Double.parseDouble(parts[0]), parts[1].startsWith("K"));
        } finally {
            if (!probeFile.equals(segment)) {
                Files.deleteIfExists(probeFile);
            }
        }
    }

    /** Duration of the whole track as ffprobe reads it (init and all segments joined). */
    public static double probedDuration(Track track) throws Exception {
        Path joined = joined(track.init(), track.segments());
        try {
            return Double.parseDouble(ffprobe("-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
                    joined.toString()).trim());
        } finally {
            if (!track.segments().contains(joined)) {
                Files.deleteIfExists(joined);
            }
        }
    }

    /** Width and height of the first video stream of a track, read from its data (not the manifest). */
    public static int[] probedSize(Track track) throws Exception {
        for (JsonNode stream : probedStreams(track)) {
            if ("video".equals(stream.path("codec_type").asText())) {
                return new int[] { stream.path("width").asInt(), stream.path("height").asInt() };
            }
        }
        throw new IllegalStateException("No video stream in " + track.id());
    }

    /** Codec types of the streams in a track's data, e.g. [video] or [audio]. */
    public static List<String> probedStreamTypes(Track track) throws Exception {
        List<String> types = new ArrayList<>();
        probedStreams(track).forEach(s -> types.add(s.path("codec_type").asText()));
        return types;
    }

    /** The channel count of the first audio stream of the track's first segment; 0 if it has none. */
    public static int probedAudioChannels(Track track) throws Exception {
        for (JsonNode stream : probedStreams(track)) {
            if ("audio".equals(stream.path("codec_type").asText())) {
                return stream.path("channels").asInt();
            }
        }
        return 0;
    }

    private static JsonNode probedStreams(Track track) throws Exception {
        Path joined = joined(track.init(), track.segments().subList(0, 1));
        try {
            return JSON.readTree(ffprobe("-v", "error", "-show_streams", "-of", "json", joined.toString())).path("streams");
        } finally {
            if (!joined.equals(track.segments().get(0))) {
                Files.deleteIfExists(joined);
            }
        }
    }

    private static Path joined(Path init, List<Path> segments) throws IOException {
        if (init == null && segments.size() == 1) {
            return segments.get(0);
        }
        String ext = segments.get(0).toString().endsWith(".ts") ? ".ts" : ".mp4";
        Path out = Files.createTempFile("inspect-", ext);
        try (OutputStream os = Files.newOutputStream(out)) {
            if (init != null) {
                Files.copy(init, os);
            }
            for (Path s : segments) {
                Files.copy(s, os);
            }
        }
        return out;
    }

    public static String ffprobe(String... args) throws Exception {
        List<String> argv = new ArrayList<>();
        argv.add("ffprobe");
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("ffprobe " + argv + " failed: " + err);
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    public static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
