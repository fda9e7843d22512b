package io.github.streamgear.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.streamgear.testing.Processes;
import io.github.streamgear.testing.StreamInspector;
import io.github.streamgear.testing.StreamInspector.Track;
import io.github.streamgear.testing.TestMedia;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.streamgear.testing.StreamAssertions.assertDash;
import static io.github.streamgear.testing.StreamAssertions.assertReplyMatchesDisk;
import static io.github.streamgear.testing.StreamAssertions.size;
import static io.github.streamgear.testing.StreamAssertions.assertStreamQuality;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code videoCodec=copy}: the source's H.264 packaged as it is (DASH, HLS with MPEG-TS, CMAF). The copied rendition
 * passes the stream-quality checks, its packets are the source's bit for bit, its segments start at the source's
 * keyframes with the declared durations exact; what copy cannot do is refused before FFmpeg starts.
 */
class VideoCopyTest extends CamelTestSupport {

    /** Where the VP9 source is made. */
    private static final Path DIR = Path.of("target", "test-media").toAbsolutePath();
    private static final double SECONDS = 6;

    @TempDir
    Path out;

    @AfterEach
    void noProcessLeft() {
        assertEquals(List.of(), Processes.leftoverFfmpeg(), "FFmpeg processes left running");
    }

    @Test
    void dashCopiesTheSourceVideo() throws Exception {
        Path source = gop50();
        List<Message> reply = transcode("format=dash&videoCodec=copy", source);
        assertReplyMatchesDisk(reply, out, "gop50");
        Path mpd = out.resolve("gop50/manifest.mpd");
        assertStreamQuality(mpd, SECONDS, 4, true);
        Track video = onlyVideo(StreamInspector.readTracks(mpd));
        assertEquals(List.of(4.0, 2.0), video.segmentDurations(), "DASH timeline, cut at the source's keyframes");
        assertDeclaredDurationsExact(video);
        assertEquals(packets(source), packets(joined(video)), "the copied packets are the source's");
    }

    /**
     * An MPEG-TS source's H.264 carries its container's tag (stream type 0x1b), which FFmpeg's MP4 muxer refuses as a
     * sample entry: the copied stream is tagged avc1 in fMP4 segments (failed with "Tag [27][0][0][0] incompatible").
     */
    @Test
    void mpegtsSourceIntoDash() throws Exception {
        Path ts = out.resolve("in/gop50ts.ts");
        Files.createDirectories(ts.getParent());
        TestMediaSupport.ffmpeg("-i", gop50().toString(), "-c", "copy", "-f", "mpegts", ts.toString());
        transcode("format=dash&videoCodec=copy", ts);
        Track video = onlyVideo(assertDash(out.resolve("gop50ts/manifest.mpd"), List.of(size(640, 360)), SECONDS, true));
        assertEquals(packets(ts), packets(joined(video)), "the copied packets are the source's");
    }

    /** The images are decoded from the source while its video is copied: the copied packets stay the source's. */
    @Test
    void thumbnailsAndPosterWithCopy() throws Exception {
        Path source = gop50();
        List<Message> reply = transcode("format=dash&videoCodec=copy&thumbnails=true&thumbnailInterval=1&poster=true",
                source);
        assertReplyMatchesDisk(reply, out, "gop50");
        assertTrue(Files.size(out.resolve("gop50/poster.jpg")) > 0, "poster");
        assertTrue(Files.size(out.resolve("gop50/tile_00001.jpg")) > 0, "thumbnail tile");
        assertTrue(Files.readString(out.resolve("gop50/thumbnails.vtt")).contains("tile_00001.jpg"), "thumbnails track");
        Track video = onlyVideo(StreamInspector.readDash(out.resolve("gop50/manifest.mpd")).stream()
                .filter(t -> !"thumbnails".equals(t.id())).toList());
        assertEquals(packets(source), packets(joined(video)), "the copied packets are the source's");
    }

    @Test
    void hlsMpegtsCopiesTheSourceVideo() throws Exception {
        Path source = gop50();
        List<Message> reply = transcode("format=hls&videoCodec=copy", source);
        assertReplyMatchesDisk(reply, out, "gop50");
        Path master = out.resolve("gop50/manifest.m3u8");
        assertStreamQuality(master, SECONDS, 4, true);
        Track video = onlyVideo(StreamInspector.readTracks(master));
        assertEquals(List.of(4.0, 2.0), video.segmentDurations(), "EXTINF, cut at the source's keyframes");
        assertDeclaredDurationsExact(video);
        assertTargetDuration(out.resolve("gop50").resolve(video.id()), video);
        assertEquals(packets(source), packets(joined(video)), "the copied packets are the source's");
        assertTrue(Files.readString(master).contains("avc1."), "the master names the H.264 profile:\n"
                + Files.readString(master));
    }

    @Test
    void hlsFmp4CopiesTheSourceVideo() throws Exception {
        Path source = gop50();
        List<Message> reply = transcode("format=hls&hlsSegmentType=fmp4&videoCodec=copy", source);
        assertReplyMatchesDisk(reply, out, "gop50");
        Path master = out.resolve("gop50/manifest.m3u8");
        assertStreamQuality(master, SECONDS, 4, true);
        Track video = onlyVideo(StreamInspector.readTracks(master));
        assertDeclaredDurationsExact(video);
        assertEquals(packets(source), packets(joined(video)), "the copied packets are the source's");
        // the source's avcC: profile High (0x64), level 3.0 (0x1e)
        assertTrue(Files.readString(master).contains("CODECS=\"avc1.64001e,mp4a.40.2\""), Files.readString(master));
    }

    @Test
    void cmafCopiesTheSourceVideo() throws Exception {
        Path source = gop50();
        List<Message> reply = transcode("format=cmaf&videoCodec=copy", source);
        assertReplyMatchesDisk(reply, out, "gop50");
        for (String manifest : List.of("manifest.mpd", "manifest.m3u8")) {
            Path m = out.resolve("gop50").resolve(manifest);
            assertStreamQuality(m, SECONDS, 4, true);
            Track video = onlyVideo(StreamInspector.readTracks(m));
            assertDeclaredDurationsExact(video);
            assertEquals(packets(source), packets(joined(video)), "the copied packets are the source's (" + manifest + ")");
        }
    }

    @Test
    void extraRenditionsWithCopyAreRefusedBeforeFfmpegStarts() {
        ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class,
                () -> context.getEndpoint(uri("videoCodec=copy&streams=320x180")));
        assertTrue(e.getMessage().contains("videoCodec=copy") && e.getMessage().contains("320x180"), e.getMessage());
    }

    @Test
    void framesModeAndFolderChannelsWithCopyAreRefused() {
        ResolveEndpointFailedException frames = assertThrows(ResolveEndpointFailedException.class,
                () -> context.getEndpoint(uri("videoCodec=copy&frameWidth=64&frameHeight=64")));
        assertTrue(frames.getMessage().contains("frames mode"), frames.getMessage());
        // a live source is copied as it comes (LiveSourceCopyTest); a folder channel's files are encoded apart
        context.getEndpoint(uri("videoCodec=copy&livestream=true&videoSource=rtsp://camera.example/1"));
        ResolveEndpointFailedException folder = assertThrows(ResolveEndpointFailedException.class,
                () -> context.getEndpoint(uri("videoCodec=copy&livestream=true&videoSource=" + out)));
        assertTrue(folder.getMessage().contains("folder channel"), folder.getMessage());
        ResolveEndpointFailedException folderUrl = assertThrows(ResolveEndpointFailedException.class,
                () -> context.getEndpoint(uri("videoCodec=copy&livestream=true&videoSource=" + out.toUri())));
        assertTrue(folderUrl.getMessage().contains("folder channel"), folderUrl.getMessage());
    }

    @Test
    void vp9IntoHlsMpegtsIsRefusedNamingCodecAndFormat() throws Exception {
        Path vp9 = DIR.resolve("vp9-copy.webm");
        if (!Files.exists(vp9)) {
            Files.createDirectories(DIR);
            Path tmp = DIR.resolve("tmp-vp9-copy.webm");
            TestMediaSupport.ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x90:rate=25", "-t", "1", "-c:v", "libvpx-vp9",
                    "-deadline", "realtime", "-cpu-used", "8", tmp.toString());
            Files.move(tmp, vp9);
        }
        Exchange result = template.request(uri("format=hls&videoCodec=copy"), e -> e.getIn().setBody(vp9.toFile()));
        Exception e = result.getException();
        assertNotNull(e, "refused");
        assertTrue(e.getMessage().contains("vp9") && e.getMessage().contains("format=hls with mpegts segments"),
                e.getMessage());
        assertFalse(Files.exists(out.resolve("vp9-copy/manifest.m3u8")), "FFmpeg never ran");
    }

    /**
     * Each segment's declared duration (DASH timeline, EXTINF) is the time from its first video packet to the next
     * segment's, to the millisecond: the source's keyframe interval, not the target.
     */
    static void assertDeclaredDurationsExact(Track video) throws Exception {
        List<Double> starts = new ArrayList<>();
        for (Path segment : video.segments()) {
            starts.add(StreamInspector.firstVideoPacket(video.init(), segment).pts());
        }
        for (int i = 0; i + 1 < starts.size(); i++) {
            assertEquals(starts.get(i + 1) - starts.get(i), video.segmentDurations().get(i), 0.001,
                    "declared duration of segment " + i + " of " + video.id() + " vs its packets: " + starts);
        }
        assertEquals(StreamInspector.probedDuration(video), video.durationSeconds(), 0.05,
                "declared total of " + video.id());
    }

    /** EXT-X-TARGETDURATION is the longest EXTINF rounded to the nearest second (RFC 8216 4.3.3.1). */
    private static void assertTargetDuration(Path playlist, Track video) throws Exception {
        Matcher m = Pattern.compile("#EXT-X-TARGETDURATION:(\\d+)").matcher(Files.readString(playlist));
        assertTrue(m.find(), "TARGETDURATION in " + playlist);
        long longest = Math.round(video.segmentDurations().stream().mapToDouble(Double::doubleValue).max().orElseThrow());
        assertEquals(longest, Long.parseLong(m.group(1)), "TARGETDURATION of " + playlist);
    }

    private static Track onlyVideo(List<Track> tracks) {
        List<Track> video = tracks.stream().filter(t -> !t.audio()).toList();
        assertEquals(1, video.size(), "one video rendition: the copied source");
        return video.get(0);
    }

    /** Init and media segments in one file, as a player appends them. */
    private Path joined(Track t) throws Exception {
        return joined(t, out);
    }

    static Path joined(Track t, Path out) throws Exception {
        Path file = out.resolve("joined-" + t.id() + (t.segments().get(0).toString().endsWith(".ts") ? ".ts" : ".mp4"));
        try (var os = Files.newOutputStream(file)) {
            if (t.init() != null) {
                Files.copy(t.init(), os);
            }
            for (Path s : t.segments()) {
                Files.copy(s, os);
            }
        }
        return file;
    }

    /**
     * Size and MD5 of every video packet, in decoding order, with the parameter sets and access unit delimiters taken
     * out: MPEG-TS carries H.264 in Annex B with SPS/PPS before each keyframe and an AUD per frame, MP4 in length
     * prefixes; the slices must be the same bytes.
     */
    static List<String> packets(Path media) throws Exception {
        Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-i", media.toString(),
                "-map", "0:v:0", "-c", "copy", "-bsf:v", "h264_mp4toannexb,filter_units=remove_types=7|8|9", "-f",
                "framemd5", "-").start();
        String text = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        assertEquals(0, p.waitFor(), "framemd5 of " + media + ": " + err);
        List<String> packets = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",");
            packets.add(f[4].trim() + " " + f[5].trim());
        }
        assertTrue(packets.size() >= 100, "packets of " + media + ": " + packets.size());
        return packets;
    }

    static Path gop50() {
        return TestMedia.streamable();
    }

    private List<Message> transcode(String options, Path source) {
        Exchange result = template.request(uri(options), e -> e.getIn().setBody(source.toFile()));
        if (result.getException() != null) {
            throw new AssertionError("transcode failed", result.getException());
        }
        @SuppressWarnings("unchecked")
        List<Message> reply = result.getMessage().getBody(List.class);
        return reply;
    }

    private String uri(String options) {
        return "streamgear:test?outputDir=" + out + "&" + options;
    }
}
