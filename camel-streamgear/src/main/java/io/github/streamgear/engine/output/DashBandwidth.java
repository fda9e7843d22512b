package io.github.streamgear.engine.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Measures each DASH Representation's {@code @bandwidth} from its segment files, so that the MPD advertises what is
 * delivered rather than FFmpeg's encoder target (a capped-VBR target is a ceiling: a VP9 source's primary rendition
 * delivered 0.43x of it, a mono AAC track 0.7x of 128k, and DASH players then pick lower renditions than they could).
 *
 * <p><b>The rate.</b> ISO/IEC 23009-1 (5.3.5.2) defines {@code @bandwidth} B together with {@code @minBufferTime} T: a
 * client that receives the Representation over a constant channel of B bit/s, starting at any segment, and starts
 * playing T seconds after the first bit arrived, never runs out of data. Players fetch and append whole segments, so
 * segment k is usable only once all of it has arrived; a client that starts at segment i reaches segment k's start at
 * {@code T + (start_k - start_i)} seconds after its first bit, and must by then hold the init segment and segments
 * i..k. Hence, for every pair i &lt;= k:
 *
 * <pre>
 *   B &gt;= 8 * (init + bytes(i..k)) / (start_k - start_i + T)
 * </pre>
 *
 * The buffer-model rate is the largest of these quotients (k = i alone gives the largest segment over T). The init
 * segment is counted: joining or switching at segment i means fetching it first, and it is tiny (under 1 kB: under
 * 2 kbit/s with T = 4 s), so counting it can only make the figure safe, never noticeably high.
 *
 * <p><b>Never below the average.</b> Over a short presentation the buffer model alone can be met below the average
 * rate: the T seconds of head start pay for part of the whole clip (4 equal 2 s segments with T = 4 s hold at 0.8x
 * their average). Such a figure holds only because the presentation ends; a player compares {@code @bandwidth} with
 * the throughput it sustains, and a channel slower than the average drains any buffer on a longer run. So B is the
 * larger of the buffer-model rate and the average rate of the media segments ({@code bytes / duration}).
 *
 * <p>{@code minBufferTime} is the MPD's own (FFmpeg writes twice the segment duration). A Representation is left as it
 * is when its segments cannot all be found on disk (a live window partly removed, an MPD without timelines): its
 * figure then stays the encoder's target rather than a guess from part of the data.
 */
public final class DashBandwidth {

    private static final Pattern REPRESENTATION = Pattern.compile("<(?:[\\w.-]+:)?Representation\\b[^>]*>");
    private static final Pattern ID = Pattern.compile("\\sid=\"([^\"]*)\"");
    private static final Pattern BANDWIDTH = Pattern.compile("(\\sbandwidth=\")(\\d+)(\")");

    private DashBandwidth() {
    }

    /** A media segment: its start on the media timeline, its duration (both in seconds) and its size in bytes. */
    public record Segment(double start, double seconds, long bytes) {
    }

    /**
     * The measured {@code @bandwidth} of each Representation of {@code mpd} whose segments are all in {@code dir}, by
     * Representation id, in document order.
     */
    public static Map<String, Long> measure(Document mpd, Path dir) throws IOException {
        Map<String, Long> rates = new LinkedHashMap<>();
        OptionalDouble minBufferTime = seconds(mpd.getDocumentElement().getAttribute("minBufferTime"));
        if (minBufferTime.isEmpty() || !(minBufferTime.getAsDouble() > 0)) {
            return rates;
        }
        segments(mpd, dir).forEach((id, track) -> rates.put(id,
                rate(track.initBytes(), track.segments(), minBufferTime.getAsDouble())));
        return rates;
    }

    /**
     * The smallest rate, in bit/s (rounded up), that holds the buffer model for {@code segments} after an init segment
     * of {@code initBytes} with {@code minBufferTime} seconds, and is not below the segments' average rate; 0 when there
     * are no segments.
     */
    public static long rate(long initBytes, List<Segment> segments, double minBufferTime) {
        return (long) Math.ceil(Math.max(averageRate(segments), bufferModelRate(initBytes, segments, minBufferTime)) - 1e-6);
    }

    /** The average rate of the media segments, in bit/s: their bytes over their duration; 0 when there are none. */
    public static double averageRate(List<Segment> segments) {
        long bytes = 0;
        double seconds = 0;
        for (Segment s : segments) {
            bytes += s.bytes();
            seconds += s.seconds();
        }
        return seconds > 0 ? bytes * 8.0 / seconds : 0;
    }

    /**
     * The buffer model alone: max over i &lt;= k of {@code 8 * (init + bytes(i..k)) / (start_k - start_i + minBufferTime)},
     * in bit/s.
     */
    public static double bufferModelRate(long initBytes, List<Segment> segments, double minBufferTime) {
        int n = segments.size();
        long[] prefix = new long[n + 1]; // prefix[k] = bytes of segments 0..k-1
        for (int k = 0; k < n; k++) {
            prefix[k + 1] = prefix[k] + segments.get(k).bytes();
        }
        double rate = 0;
        for (int i = 0; i < n; i++) {
            double from = segments.get(i).start();
            for (int k = i; k < n; k++) {
                double bits = (initBytes + prefix[k + 1] - prefix[i]) * 8.0;
                rate = Math.max(rate, bits / (segments.get(k).start() - from + minBufferTime));
            }
        }
        return rate;
    }

    /** The segments of each Representation of {@code mpd} whose files are all in {@code dir}, for measurements. */
    public static Map<String, Measured> segments(Document mpd, Path dir) throws IOException {
        Map<String, Measured> out = new LinkedHashMap<>();
        NodeList representations = mpd.getElementsByTagNameNS(DashManifest.NS, "Representation");
        for (int i = 0; i < representations.getLength(); i++) {
            Element representation = (Element) representations.item(i);
            String id = representation.getAttribute("id");
            Element template = DashManifest.child(representation, "SegmentTemplate");
            if (template == null && representation.getParentNode() instanceof Element set) {
                template = DashManifest.child(set, "SegmentTemplate");
            }
            if (template == null || id.isEmpty()) {
                continue;
            }
            try {
                Measured track = track(template, id, representation.getAttribute("bandwidth"), dir);
                if (track != null) {
                    out.put(id, track);
                }
            } catch (NumberFormatException unexpected) {
                // a template this reader does not understand: FFmpeg's figure stays
            }
        }
        return out;
    }

    /**
     * {@code text} (an MPD as FFmpeg wrote it) with the {@code bandwidth} attribute of each Representation in
     * {@code rates} replaced; everything else is left as written.
     */
    public static String withBandwidths(String text, Map<String, Long> rates) {
        if (rates.isEmpty()) {
            return text;
        }
        Matcher tags = REPRESENTATION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (tags.find()) {
            String tag = tags.group();
            Matcher id = ID.matcher(tag);
            Long rate = id.find() ? rates.get(id.group(1)) : null;
            if (rate != null && rate > 0) {
                tag = BANDWIDTH.matcher(tag).replaceFirst("$1" + rate + "$3");
            }
            tags.appendReplacement(out, Matcher.quoteReplacement(tag));
        }
        tags.appendTail(out);
        return out.toString();
    }

    /** A Representation's init segment size and media segments, as found on disk. */
    public record Measured(long initBytes, List<Segment> segments) {
    }

    /** The init size and media segments of one Representation, or null when one of them is not on disk. */
    private static Measured track(Element template, String id, String bandwidth, Path dir) throws IOException {
        Element timeline = DashManifest.child(template, "SegmentTimeline");
        String media = template.getAttribute("media");
        if (timeline == null || media.isEmpty()) {
            return null;
        }
        long initBytes = 0;
        String initialization = template.getAttribute("initialization");
        if (!initialization.isEmpty()) {
            initBytes = size(dir, OutputVerifier.expand(initialization, id, bandwidth, 0, 0));
            if (initBytes < 0) {
                return null;
            }
        }
        long timescale = longAttr(template, "timescale", 1);
        long number = longAttr(template, "startNumber", 1);
        long time = 0;
        List<Segment> segments = new ArrayList<>();
        for (Node n = timeline.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element s && "S".equals(s.getLocalName())) {
                time = longAttr(s, "t", time);
                long duration = longAttr(s, "d", 0);
                long repeat = longAttr(s, "r", 0);
                if (repeat < 0 || duration <= 0) {
                    return null; // open-ended repeat: the count depends on the period, not on the timeline
                }
                for (long k = 0; k <= repeat; k++) {
                    long bytes = size(dir, OutputVerifier.expand(media, id, bandwidth, number++, time));
                    if (bytes < 0) {
                        return null;
                    }
                    segments.add(new Segment((double) time / timescale, (double) duration / timescale, bytes));
                    time += duration;
                }
            }
        }
        return segments.isEmpty() ? null : new Measured(initBytes, segments);
    }

    /** Size of a file named in the MPD, -1 if it is missing or outside {@code dir}. */
    private static long size(Path dir, String name) throws IOException {
        Path file = dir.resolve(name).normalize();
        if (!file.startsWith(dir.normalize()) || !Files.isRegularFile(file)) {
            return -1;
        }
        return Files.size(file);
    }

    /** An {@code xs:duration} such as {@code PT4.0S}, in seconds; empty if absent or not a day-time duration. */
    static OptionalDouble seconds(String duration) {
        if (duration.isBlank()) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Duration.parse(duration.trim()).toNanos() / 1e9);
        } catch (DateTimeParseException | ArithmeticException e) {
            return OptionalDouble.empty();
        }
    }

    private static long longAttr(Element e, String name, long otherwise) {
        String value = e.getAttribute(name);
        return value.isEmpty() ? otherwise : Long.parseLong(value.trim());
    }
}
