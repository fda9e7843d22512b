package io.github.streamgear.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.streamgear.testing.StreamInspector.Master;
import io.github.streamgear.testing.StreamInspector.SegmentStart;
import io.github.streamgear.testing.StreamInspector.Track;
import io.github.streamgear.testing.StreamInspector.Variant;
import org.apache.camel.Message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Stream-quality checks over produced output, from the parsed manifests and ffprobe: renditions at the expected
 * sizes, measured bitrate within 15% of the advertised one, every segment starting on a keyframe at the same time in
 * every rendition, audio encoded once, duration within 0.2 s of the source. Every manifest checked here also passes
 * {@link ManifestConformance}: HLS playlists parse strictly (RFC 8216), MPDs validate against the MPEG-DASH schema, and
 * each DASH {@code @bandwidth} holds the DASH buffer model ({@link #assertDashBandwidth}).
 */
public final class StreamAssertions {

    public static final double BITRATE_TOLERANCE = 0.15;
    public static final double DURATION_TOLERANCE = 0.2;
    private static final double TIME_EPSILON = 0.002;

    private StreamAssertions() {
    }

    /** Expected frame size of a video rendition, in ladder order. */
    public record Size(int width, int height) {
        @Override
        public String toString() {
            return width + "x" + height;
        }
    }

    public static Size size(int w, int h) {
        return new Size(w, h);
    }

    /** Checks a DASH manifest; returns its video tracks. */
    public static List<Track> assertDash(Path mpd, List<Size> expected, double sourceSeconds, boolean audio) throws Exception {
        ManifestConformance.assertMpdValid(mpd);
        assertDashBandwidth(mpd);
        List<Track> tracks = StreamInspector.readDash(mpd);
        List<Track> video = tracks.stream().filter(t -> !t.audio()).toList();
        List<Track> audioTracks = tracks.stream().filter(Track::audio).toList();

        assertEquals(expected, video.stream().map(t -> size(t.width(), t.height())).toList(), "video renditions in " + mpd);
        for (Track t : video) {
            int[] probed = StreamInspector.probedSize(t);
            assertEquals(size(t.width(), t.height()), size(probed[0], probed[1]), "encoded size of representation " + t.id());
            assertBitrate(t.measuredBps(), t.advertisedBps(), "DASH representation " + t.id());
            assertEquals(List.of("video"), StreamInspector.probedStreamTypes(t), "representation " + t.id() + " is video only");
        }
        assertEquals(audio ? 1 : 0, audioTracks.size(), "audio representations (audio is encoded once)");
        for (Track a : audioTracks) {
            assertBitrate(a.measuredBps(), a.advertisedBps(), "DASH audio representation " + a.id());
        }
        assertAlignedKeyframes(video);
        assertEquals(sourceSeconds, StreamInspector.dashDuration(mpd), DURATION_TOLERANCE, "MPD duration vs source");
        // the declared duration is the media's, to the ms (FFmpeg alone truncates it to 0.1 s: players then stop short)
        double longest = tracks.stream().mapToDouble(Track::durationSeconds).max().orElseThrow();
        double declared = StreamInspector.dashDuration(mpd);
        assertTrue(declared >= longest - 1e-9 && declared < longest + 0.001,
                "MPD duration " + declared + " s vs its longest representation " + longest + " s");
        for (Track t : tracks) {
            assertEquals(sourceSeconds, StreamInspector.probedDuration(t), DURATION_TOLERANCE,
                    "probed duration of representation " + t.id());
        }
        return video;
    }

    /** Checks an HLS master playlist and its media playlists; returns the video tracks. */
    public static List<Track> assertHls(Path masterPath, List<Size> expected, double sourceSeconds, boolean audio)
            throws Exception {
        ManifestConformance.assertHlsConforms(masterPath);
        Master master = StreamInspector.readHlsMaster(masterPath);
        assertEquals(expected, master.variants().stream().map(v -> size(v.width(), v.height())).toList(),
                "variants of " + masterPath + ":\n" + String.join("\n", master.lines()));

        Track audioTrack = null;
        if (audio) {
            assertEquals(1, master.audioPlaylists().size(), "one audio rendition shared by all variants");
            audioTrack = StreamInspector.readHlsMedia(master.audioPlaylists().get(0), true);
            assertEquals(List.of("audio"), StreamInspector.probedStreamTypes(audioTrack), "audio playlist holds audio only");
        } else {
            assertTrue(master.audioPlaylists().isEmpty(), "no audio rendition for a silent source");
        }
        Set<String> groups = master.variants().stream().map(v -> String.valueOf(v.audioGroup())).collect(Collectors.toSet());
        assertEquals(1, groups.size(), "all variants use the same audio group: " + groups);

        List<Track> video = new ArrayList<>();
        for (Variant v : master.variants()) {
            Track t = StreamInspector.readHlsMedia(v.playlist(), false);
            int[] probed = StreamInspector.probedSize(t);
            assertEquals(size(v.width(), v.height()), size(probed[0], probed[1]), "encoded size of " + v.playlist());
            assertEquals(List.of("video"), StreamInspector.probedStreamTypes(t), v.playlist() + " holds video only");
            double measured = t.measuredBps() + (audioTrack == null ? 0 : audioTrack.measuredBps());
            String name = "HLS variant " + v.playlist().getFileName() + " (video + audio)";
            assertTrue(v.averageBandwidth() > 0, name + " advertises AVERAGE-BANDWIDTH");
            assertBitrate(measured, v.averageBandwidth(), name);
            assertTrue(v.bandwidth() >= t.peakSegmentBps(), name + ": BANDWIDTH " + v.bandwidth()
                    + " is below the peak segment rate " + Math.round(t.peakSegmentBps()));
            assertEquals(sourceSeconds, t.durationSeconds(), DURATION_TOLERANCE, "EXTINF total of " + v.playlist());
            assertEquals(sourceSeconds, StreamInspector.probedDuration(t), DURATION_TOLERANCE, "probed duration of " + t.id());
            video.add(t);
        }
        if (audioTrack != null) {
            assertEquals(sourceSeconds, audioTrack.durationSeconds(), DURATION_TOLERANCE, "audio EXTINF total");
        }
        assertAlignedKeyframes(video);
        return video;
    }

    /** Segment durations may differ from the target by this share (the last segment of a track may be shorter). */
    public static final double SEGMENT_TOLERANCE = 0.10;
    /** Audio and video may start this far apart, in seconds. */
    public static final double AV_START_TOLERANCE = 0.040;

    /**
     * All the stream-quality checks of a finished output, for a manifest (MPD or HLS master): every rendition the
     * manifest lists is encoded at its advertised size, measured bitrates within 15% of the advertised ones, keyframes at
     * every segment start at equal times across renditions, segment durations within 10% of {@code segmentSeconds} (the
     * last may be short), audio iff {@code audio} and starting within 40 ms of the video, total duration within 0.2 s of
     * {@code sourceSeconds}.
     */
    public static void assertStreamQuality(Path manifest, double sourceSeconds, double segmentSeconds, boolean audio)
            throws Exception {
        List<Track> tracks = StreamInspector.readTracks(manifest);
        if (manifest.toString().endsWith(".mpd")) {
            assertDash(manifest, tracks.stream().filter(t -> !t.audio()).map(t -> size(t.width(), t.height())).toList(),
                    sourceSeconds, audio);
        } else { // the sizes are in the master playlist
            Master master = StreamInspector.readHlsMaster(manifest);
            assertHls(manifest, master.variants().stream().map(v -> size(v.width(), v.height())).toList(), sourceSeconds,
                    audio);
        }
        assertSegmentDurations(tracks, segmentSeconds);
        Track video = tracks.stream().filter(t -> !t.audio()).findFirst().orElseThrow();
        tracks.stream().filter(Track::audio).findFirst().ifPresent(a -> assertAudioVideoStart(video, a));
    }

    /** Every segment but the last of each track lasts the target within 10%. */
    public static void assertSegmentDurations(List<Track> tracks, double segmentSeconds) {
        for (Track t : tracks) {
            List<Double> d = t.segmentDurations();
            for (int i = 0; i < d.size() - 1; i++) {
                assertEquals(segmentSeconds, d.get(i), segmentSeconds * SEGMENT_TOLERANCE,
                        "duration of segment " + i + " of " + t.id() + " (target " + segmentSeconds + " s): " + d);
            }
            assertTrue(d.get(d.size() - 1) <= segmentSeconds * (1 + SEGMENT_TOLERANCE),
                    "the last segment of " + t.id() + " is no longer than the target: " + d);
        }
    }

    /** The first audio and the first video packet are at most 40 ms apart. */
    public static void assertAudioVideoStart(Track video, Track audio) {
        try {
            double v = StreamInspector.firstVideoPacket(video.init(), video.segments().get(0)).pts();
            double a = StreamInspector.firstAudioPacket(audio.init(), audio.segments().get(0)).pts();
            assertEquals(v, a, AV_START_TOLERANCE, "start of the audio (" + a + " s) vs the video (" + v + " s) in "
                    + audio.id() + " and " + video.id());
        } catch (Exception e) {
            throw new AssertionError("Cannot read the first packets of " + video.id() + " and " + audio.id(), e);
        }
    }

    /** Every segment of every rendition starts with a keyframe, and segment starts are equal across renditions. */
    public static void assertAlignedKeyframes(List<Track> video) throws Exception {
        List<List<Double>> starts = new ArrayList<>();
        for (Track t : video) {
            List<Double> trackStarts = new ArrayList<>();
            for (Path segment : t.segments()) {
                SegmentStart start = StreamInspector.firstVideoPacket(t.init(), segment);
                assertTrue(start.keyframe(), segment.getFileName() + " of " + t.id() + " does not start on a keyframe");
                trackStarts.add(start.pts());
            }
            starts.add(trackStarts);
        }
        for (int i = 1; i < starts.size(); i++) {
            assertEquals(starts.get(0).size(), starts.get(i).size(), "segment count of " + video.get(i).id());
            for (int j = 0; j < starts.get(0).size(); j++) {
                assertEquals(starts.get(0).get(j), starts.get(i).get(j), TIME_EPSILON,
                        "start of segment " + j + " in " + video.get(i).id() + " vs " + video.get(0).id() + ": " + starts);
            }
        }
    }

    /**
     * Each Representation's {@code @bandwidth} is measured, not a target: within 15% of the average rate its media
     * segments deliver, and at least what the DASH buffer model needs with the MPD's {@code minBufferTime} T (a client
     * that starts at any segment i, receives at {@code @bandwidth} and plays T seconds after the first bit must have the
     * init segment and segments i..k when playback reaches segment k's start). Checked by simulating every start.
     */
    public static void assertDashBandwidth(Path mpd) throws Exception {
        Matcher m = Pattern.compile("minBufferTime=\"PT(?:(\\d+)M)?([\\d.]+)S\"").matcher(Files.readString(mpd));
        assertTrue(m.find(), "minBufferTime (in minutes and seconds) in " + mpd);
        double buffer = (m.group(1) == null ? 0 : Integer.parseInt(m.group(1)) * 60) + Double.parseDouble(m.group(2));
        for (Track t : StreamInspector.readDash(mpd)) {
            String what = "DASH representation " + t.id() + " of " + mpd;
            double average = t.measuredBps();
            double ratio = t.advertisedBps() / average;
            double model = bufferModelRate(Files.size(t.init()), t.segments(), t.segmentDurations(), buffer);
            System.out.printf(Locale.ROOT, "[dash-bandwidth] %s rep %s: @bandwidth %d, delivered average %.0f, ratio %.3f;"
                    + " buffer model alone (T=%.1f s) %.0f, %.3f of the average%n", mpd.getParent().getFileName() + "/"
                    + mpd.getFileName(), t.id(), t.advertisedBps(), average, ratio, buffer, model, model / average);
            assertTrue(Math.abs(ratio - 1) <= BITRATE_TOLERANCE, String.format(Locale.ROOT,
                    "%s: @bandwidth %d vs delivered average %.0f bit/s (advertised/average %.3f, allowed +-%.0f%%)", what,
                    t.advertisedBps(), average, ratio, BITRATE_TOLERANCE * 100));
            String underrun = bufferUnderrun(t.advertisedBps(), Files.size(t.init()), t.segments(), t.segmentDurations(),
                    buffer);
            assertTrue(underrun == null, what + ": @bandwidth " + t.advertisedBps() + " with minBufferTime " + buffer
                    + " s runs dry: " + underrun);
        }
    }

    /** The smallest rate at which {@link #bufferUnderrun} finds no underrun (for the printed figures). */
    static double bufferModelRate(long initBytes, List<Path> segments, List<Double> durations, double buffer)
            throws IOException {
        double rate = 0;
        for (int i = 0; i < segments.size(); i++) {
            double bits = initBytes * 8.0;
            double elapsed = 0;
            for (int k = i; k < segments.size(); k++) {
                bits += Files.size(segments.get(k)) * 8.0;
                rate = Math.max(rate, bits / (buffer + elapsed));
                elapsed += durations.get(k);
            }
        }
        return rate;
    }

    /**
     * Where a client receiving at {@code bps} runs dry: starting at segment i (init first) it plays {@code buffer}
     * seconds after the first bit; null if it never does.
     */
    static String bufferUnderrun(long bps, long initBytes, List<Path> segments, List<Double> durations, double buffer)
            throws IOException {
        double[] starts = new double[segments.size()];
        long[] bytes = new long[segments.size()];
        for (int k = 0; k < segments.size(); k++) {
            starts[k] = k == 0 ? 0 : starts[k - 1] + durations.get(k - 1);
            bytes[k] = Files.size(segments.get(k));
        }
        for (int i = 0; i < starts.length; i++) {
            double received = initBytes * 8.0;
            for (int k = i; k < starts.length; k++) {
                received += bytes[k] * 8.0;
                double arrives = received / bps;
                double needed = buffer + starts[k] - starts[i];
                if (arrives > needed + 1e-6) {
                    return String.format(Locale.ROOT, "starting at segment %d, segment %d is in at %.3f s, needed at %.3f s",
                            i, k, arrives, needed);
                }
            }
        }
        return null;
    }

    public static void assertBitrate(double measuredBps, long advertisedBps, String what) {
        double ratio = measuredBps / advertisedBps;
        assertTrue(Math.abs(ratio - 1) <= BITRATE_TOLERANCE, String.format(
                "%s: measured %.0f kbit/s vs advertised %d kbit/s (ratio %.3f, allowed +-%.0f%%)", what, measuredBps / 1000,
                advertisedBps / 1000, ratio, BITRATE_TOLERANCE * 100));
    }

    /** The reply lists exactly the files in the job folder, each with consistent headers, manifests (then preview) last. */
    public static void assertReplyMatchesDisk(List<Message> reply, Path outputDir, String jobId) throws IOException {
        assertNotNull(reply, "reply body");
        assertFalse(reply.isEmpty(), "reply lists the produced files");
        Set<String> onDisk;
        try (Stream<Path> files = Files.list(outputDir.resolve(jobId))) {
            onDisk = files.map(p -> jobId + "/" + p.getFileName()).collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> replied = new TreeSet<>();
        boolean manifestSeen = false;
        boolean previewSeen = false;
        for (Message m : reply) {
            String name = m.getHeader("CamelFileName", String.class);
            File body = m.getBody(File.class);
            assertEquals(outputDir.resolve(name).toAbsolutePath().normalize(), body.toPath().toAbsolutePath().normalize(),
                    "body of " + name);
            assertEquals(Files.size(body.toPath()), m.getHeader("CamelFileLength", Long.class), "length of " + name);
            assertEquals(jobId, m.getHeader("CamelStreamGearJobId"), "job id of " + name);
            assertNotNull(m.getHeader("Content-Type"), "content type of " + name);
            String kind = m.getHeader("CamelStreamGearFileKind", String.class);
            if (previewSeen) {
                fail(name + " (" + kind + ") comes after the preview page: the page that opens everything must be last");
            } else if ("manifest".equals(kind)) {
                manifestSeen = true;
            } else if (manifestSeen && !"preview".equals(kind) && !"player".equals(kind)) {
                fail(name + " (" + kind + ") comes after a manifest: manifests (and the preview page that opens them, with"
                     + " its player script) must be last");
            }
            previewSeen |= "preview".equals(kind);
            replied.add(name);
        }
        assertTrue(manifestSeen, "a manifest is in the reply");
        assertEquals(onDisk, replied, "reply vs files on disk");
    }
}
