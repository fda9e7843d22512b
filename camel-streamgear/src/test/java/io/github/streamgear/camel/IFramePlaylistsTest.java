package io.github.streamgear.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.streamgear.testing.Processes;
import io.github.streamgear.testing.TestMedia;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.streamgear.testing.StreamAssertions.assertReplyMatchesDisk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * I-frame playlists: parsed strictly, and each byte range, cut out of its segment (after the init segment for fMP4,
 * after the segment's PAT and PMT for MPEG-TS), decodes with ffprobe as exactly one video frame, a keyframe, at the
 * time the playlist gives it.
 */
class IFramePlaylistsTest extends CamelTestSupport {

    private static final Pattern I_FRAME_STREAM = Pattern.compile(
            "#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=(\\d+),RESOLUTION=(\\d+)x(\\d+),CODECS=\"(avc1\\.[0-9a-fA-F]{6})\",URI=\"([^\"]+)\"");

    @TempDir
    Path out;

    @AfterEach
    void noProcessLeft() {
        assertEquals(List.of(), Processes.leftoverFfmpeg(), "FFmpeg processes left running");
    }

    @Test
    void mpegts() throws Exception {
        check("format=hls&streams=320x180", 2, 4); // keyframes every 2 s: two per 4 s segment, each listed
    }

    @Test
    void fmp4() throws Exception {
        check("format=hls&hlsSegmentType=fmp4&streams=320x180", 2, 2); // one per segment
    }

    @Test
    void cmaf() throws Exception {
        check("format=cmaf&streams=320x180", 2, 2);
    }

    private void check(String options, int variants, int entries) throws Exception {
        List<Message> reply = transcode(options + "&iframePlaylists=true");
        assertReplyMatchesDisk(reply, out, "standard");
        Path job = out.resolve("standard");
        String master = Files.readString(job.resolve("manifest.m3u8"));
        Matcher m = I_FRAME_STREAM.matcher(master);
        List<String> names = reply.stream().map(r -> r.getHeader(Exchange.FILE_NAME, String.class)).toList();
        int found = 0;
        while (m.find()) {
            found++;
            String uri = m.group(5);
            assertTrue(names.indexOf("standard/" + uri) >= 0
                       && names.indexOf("standard/" + uri) < names.indexOf("standard/manifest.m3u8"),
                    uri + " published before the master: " + names);
            List<Entry> list = parse(job.resolve(uri));
            assertEquals(entries, list.size(), uri);
            double first = Double.NaN;
            for (Entry e : list) {
                byte[] segment = Files.readAllBytes(job.resolve(e.segment()));
                assertTrue(e.offset() >= 0 && e.offset() + e.length() <= segment.length, e + " lies inside its segment");
                byte[] range = Arrays.copyOfRange(segment, (int) e.offset(), (int) (e.offset() + e.length()));
                byte[] head;
                if (e.init() != null) {
                    head = Files.readAllBytes(job.resolve(e.init()));
                } else {
                    head = Arrays.copyOf(segment, tables(segment)); // each TS segment starts with SDT, PAT and PMT
                    assertTrue(head.length >= 2 * 188, "PAT and PMT at the segment's start");
                }
                Path cut = Files.createTempFile(out, "iframe", e.init() != null ? ".mp4" : ".ts");
                Files.write(cut, concat(head, range));
                List<String[]> packets = videoPackets(cut);
                assertEquals(1, packets.size(), e + " holds one video frame: " + packets.stream().map(Arrays::toString).toList());
                assertTrue(packets.get(0)[1].startsWith("K"), e + " is a keyframe");
                double pts = Double.parseDouble(packets.get(0)[0]);
                if (Double.isNaN(first)) {
                    first = pts - e.time();
                }
                assertEquals(e.time(), pts - first, 0.05, e + " plays at its listed time");
            }
        }
        assertEquals(variants, found, master);
    }

    record Entry(String segment, long offset, long length, double time, String init) {
    }

    /** A strict parse: the tags an I-frame playlist needs, in order, every entry complete, durations within target. */
    static List<Entry> parse(Path playlist) throws Exception {
        List<String> lines = Files.readAllLines(playlist);
        assertEquals("#EXTM3U", lines.get(0));
        assertTrue(lines.contains("#EXT-X-I-FRAMES-ONLY"), "EXT-X-I-FRAMES-ONLY");
        assertEquals("#EXT-X-ENDLIST", lines.get(lines.size() - 1));
        int version = 0;
        long target = -1;
        String init = null;
        double time = 0;
        List<Entry> entries = new ArrayList<>();
        for (int i = 1; i < lines.size() - 1; i++) {
            String l = lines.get(i);
            if (l.startsWith("#EXT-X-VERSION:")) {
                version = Integer.parseInt(l.substring(15));
            } else if (l.startsWith("#EXT-X-TARGETDURATION:")) {
                target = Long.parseLong(l.substring(22));
            } else if (l.startsWith("#EXT-X-MAP:URI=\"")) {
                init = l.substring(16, l.length() - 1);
                assertTrue(version >= 5, "EXT-X-MAP with I-frames needs version 5");
            } else if (l.startsWith("#EXTINF:")) {
                double d = Double.parseDouble(l.substring(8, l.indexOf(',')));
                assertTrue(target >= 0 && Math.round(d) <= target, l + " within the target duration " + target);
                String range = lines.get(++i);
                assertTrue(range.startsWith("#EXT-X-BYTERANGE:"), range);
                String[] lengthAt = range.substring(17).split("@");
                String uri = lines.get(++i);
                assertTrue(!uri.startsWith("#") && !uri.isBlank(), uri);
                entries.add(new Entry(uri, Long.parseLong(lengthAt[1]), Long.parseLong(lengthAt[0]), time, init));
                time += d;
            } else if (!l.equals("#EXT-X-I-FRAMES-ONLY") && !l.startsWith("#EXT-X-MEDIA-SEQUENCE:")
                       && !l.equals("#EXT-X-PLAYLIST-TYPE:VOD")) {
                throw new AssertionError("unexpected line " + l + " in " + playlist);
            }
        }
        assertTrue(version >= 4, "byte ranges need version 4");
        return entries;
    }

    /** The length of the leading table packets (SDT, PAT, PMT: PIDs below 0x20 or FFmpeg's PMT PID 0x1000). */
    private static int tables(byte[] ts) {
        int pos = 0;
        while (pos + 188 <= ts.length && ts[pos] == 0x47) {
            int pid = ((ts[pos + 1] & 0x1f) << 8) | (ts[pos + 2] & 0xff);
            if (pid >= 0x20 && pid != 0x1000) {
                break;
            }
            pos += 188;
        }
        return pos;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** pts_time and flags of each video packet ffprobe reads from the file. */
    private static List<String[]> videoPackets(Path file) throws Exception {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "packet=pts_time,flags", "-of", "csv=p=0", file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String text = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return text.lines().filter(l -> !l.isBlank()).map(l -> l.split(",")).toList();
    }

    private List<Message> transcode(String options) {
        Exchange result = template.request("streamgear:test?outputDir=" + out + "&" + options,
                e -> e.getIn().setBody(TestMedia.standard().toFile()));
        if (result.getException() != null) {
            throw new AssertionError("transcode failed", result.getException());
        }
        @SuppressWarnings("unchecked")
        List<Message> reply = result.getMessage().getBody(List.class);
        return reply;
    }
}
