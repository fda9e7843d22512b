package io.github.streamgear.engine.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.streamgear.engine.command.StreamCopy;
import io.github.streamgear.engine.ladder.CopiedVideo;
import io.github.streamgear.engine.probe.MediaInfo;
import io.github.streamgear.engine.probe.VideoKeyframes;
import io.github.streamgear.engine.settings.Segmenting;

/**
 * Whether a ladder's primary rendition can be the source's video stream-copied ({@code copyPrimary=auto}), the
 * other renditions encoded with keyframes at the source's keyframe times. It can when:
 * <ul>
 * <li>the source is H.264 (any format), or HEVC into fMP4 (DASH, CMAF, HLS with fMP4 segments): the codecs whose
 * encoded renditions are alike, and that {@link StreamCopy} lets the format carry;</li>
 * <li>in a profile and pixel format every player decodes: H.264 Constrained Baseline, Baseline, Main or High in 8-bit
 * 4:2:0; HEVC Main or Main 10 in 4:2:0;</li>
 * <li>its keyframes cut the segments the muxers would cut within 10% of the segment duration (the muxers close a
 * segment at the first keyframe at or after each multiple of the duration), the first at the start;</li>
 * <li>its bitrate is above every encoded rung's: a ladder whose top rung has fewer bits than the one below it makes
 * players switch up to a worse picture.</li>
 * </ul>
 * Otherwise every rendition is encoded as before, and the reason is given in one log line. A live source is
 * decided by {@link #decideLive}.
 */
public final class CopiedPrimary {

    /** How far a segment cut at the source's keyframes may be from the segment duration. */
    public static final double SEGMENT_TOLERANCE = 0.10;

    private static final Set<String> H264_PROFILES = Set.of("constrained baseline", "baseline", "main", "high");
    private static final Set<String> HEVC_PROFILES = Set.of("main", "main 10");
    private static final Set<String> PIXEL_FORMATS = Set.of("yuv420p", "yuvj420p", "yuv420p10le");

    private CopiedPrimary() {
    }

    /** A copied primary, or why not. */
    public record Decision(CopiedVideo copied, String reason) {
    }

    /** Why the source's codec rules a copied primary out, or null (checked before the packets are read). */
    public static String unsuitableCodec(MediaInfo media, Segmenting segmenting) {
        String codec = media.videoCodec() == null ? "" : media.videoCodec().toLowerCase(Locale.ROOT);
        if (!codec.equals("h264") && !codec.equals("hevc")) {
            return "the source's video is " + (codec.isEmpty() ? "of unknown codec" : codec) + ", not H.264 or HEVC";
        }
        if (!StreamCopy.carried(segmenting).contains(codec)) {
            return "the source's video is " + codec + ", which " + segmenting.segmentType().ffmpegName()
                   + " segments do not carry copied";
        }
        return null;
    }

    /**
     * @param encodedKbps the highest bitrate among the renditions to encode (0 if none)
     */
    public static Decision decide(MediaInfo media, VideoKeyframes k, Segmenting segmenting, int encodedKbps) {
        String codec = media.videoCodec().toLowerCase(Locale.ROOT);
        String reason = unsuitableCodec(media, segmenting);
        if (reason != null) {
            return new Decision(null, reason);
        }
        reason = undecodable(codec, k.profile(), k.pixelFormat());
        if (reason != null) {
            return new Decision(null, reason);
        }
        double duration = segmenting.segmentDuration();
        List<Double> keyframes = k.keyframeTimes();
        double frame = 1 / Math.max(1, media.fps());
        if (keyframes.isEmpty() || keyframes.get(0) > frame + 1e-3) {
            return new Decision(null, "the source's video does not start with a keyframe");
        }
        List<Double> segments = segments(keyframes, k.endSeconds(), duration);
        for (int i = 0; i < segments.size(); i++) {
            double d = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (d > duration * (1 + SEGMENT_TOLERANCE) + 1e-6 || (!last && d < duration * (1 - SEGMENT_TOLERANCE) - 1e-6)) {
                return new Decision(null, String.format(Locale.ROOT, "the source's keyframes (%d in %.1f s, the longest"
                        + " interval %.2f s) cut segment %d at %.2f s, not %s s within %.0f%%", keyframes.size(),
                        k.endSeconds(), longestGap(keyframes, k.endSeconds()), i, d, trim(duration),
                        SEGMENT_TOLERANCE * 100));
            }
        }
        if (k.bitrateKbps() <= 0) {
            return new Decision(null, "the source's video bitrate is unknown, so the ladder could not be kept in order");
        }
        if (k.bitrateKbps() <= encodedKbps) {
            return new Decision(null, String.format(Locale.ROOT, "the source's video has %d kbit/s, not more than the"
                    + " %d kbit/s of an encoded rendition: the top rung would be worse than the one below", k.bitrateKbps(),
                    encodedKbps));
        }
        int gop = (int) Math.ceil(longestGap(keyframes, k.endSeconds()) * media.fps()) + 1;
        return new Decision(new CopiedVideo(codec, keyframes, gop), null);
    }

    /** Why not every player decodes {@code codec} in this profile and pixel format, or null. */
    private static String undecodable(String codec, String profile, String pixelFormat) {
        boolean h264 = codec.equals("h264");
        boolean profileOk = (h264 ? H264_PROFILES : HEVC_PROFILES).contains(profile.toLowerCase(Locale.ROOT));
        boolean pixOk = PIXEL_FORMATS.contains(pixelFormat) && (!h264 || !pixelFormat.endsWith("10le"));
        if (!profileOk || !pixOk) {
            return String.format(Locale.ROOT, "the source's %s is in profile '%s', %s, which not every player decodes",
                    codec, profile, pixelFormat);
        }
        return null;
    }

    /**
     * A live source's copied primary, or why not: the codec and profile rules as for a file, from the source's first
     * seconds. Its keyframes cannot be read in advance; they are trusted as {@code videoCodec=copy} trusts them (the
     * copied rendition's segments are cut at them, whatever their spacing), and the encoded renditions get a keyframe on
     * the same frames. The bitrate rule holds when the source declares its video bitrate (most live sources do not).
     *
     * @param encodedKbps the highest bitrate among the renditions to encode (0 if none)
     */
    public static Decision decideLive(MediaInfo media, Segmenting segmenting, int encodedKbps) {
        String reason = unsuitableCodec(media, segmenting);
        if (reason == null) {
            reason = undecodable(media.videoCodec().toLowerCase(Locale.ROOT), media.videoProfile(), media.pixelFormat());
        }
        if (reason == null && media.videoKbps() > 0 && media.videoKbps() <= encodedKbps) {
            reason = String.format(Locale.ROOT, "the source's video has %d kbit/s, not more than the %d kbit/s of an"
                    + " encoded rendition: the top rung would be worse than the one below", media.videoKbps(), encodedKbps);
        }
        if (reason != null) {
            return new Decision(null, reason);
        }
        return new Decision(CopiedVideo.live(media.videoCodec().toLowerCase(Locale.ROOT), liveGop(media.fps(),
                segmenting.segmentDuration())), null);
    }

    /**
     * The encoded renditions' keyframe interval beside a live copied primary: a minute of frames (at least ten
     * segments), so that the encoder adds no keyframe of its own between two of the source's unless the source goes
     * that long without one. A keyframe it added would cut the encoded renditions' segments where the copied one's
     * are not cut.
     */
    static int liveGop(double fps, double segmentDuration) {
        return (int) Math.ceil(Math.max(1, fps) * Math.max(60, 10 * segmentDuration));
    }

    /** The segments the muxers cut: at the first keyframe at or after each multiple of {@code duration}. */
    static List<Double> segments(List<Double> keyframes, double end, double duration) {
        List<Double> segments = new ArrayList<>();
        double start = keyframes.get(0);
        int n = 1;
        for (double t : keyframes.subList(1, keyframes.size())) {
            if (t - keyframes.get(0) >= n * duration - 1e-6) {
                segments.add(t - start);
                start = t;
                while (t - keyframes.get(0) >= n * duration - 1e-6) {
                    n++;
                }
            }
        }
        segments.add(end - start);
        return segments;
    }

    /** The longest time without a keyframe, the tail after the last one included. */
    static double longestGap(List<Double> keyframes, double end) {
        double longest = end - keyframes.get(keyframes.size() - 1);
        for (int i = 1; i < keyframes.size(); i++) {
            longest = Math.max(longest, keyframes.get(i) - keyframes.get(i - 1));
        }
        return longest;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
