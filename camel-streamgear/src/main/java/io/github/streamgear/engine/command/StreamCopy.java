package io.github.streamgear.engine.command;

import java.util.List;
import java.util.Locale;

import io.github.streamgear.engine.StreamGearException;
import io.github.streamgear.engine.probe.MediaInfo;
import io.github.streamgear.engine.settings.HlsSegmentType;
import io.github.streamgear.engine.settings.Segmenting;
import io.github.streamgear.engine.settings.StreamFormat;

/**
 * Which source video codecs {@code videoCodec=copy} can package, per output: checked after the probe, before FFmpeg
 * starts, because FFmpeg itself would write many of the refused ones (VP9 into MPEG-TS, HEVC into MPEG-TS) without a
 * complaint and leave a stream that players refuse.
 * <ul>
 * <li>DASH (fMP4): H.264, HEVC, AV1, VP9, the codecs of ISO BMFF that DASH players decode;</li>
 * <li>HLS with fMP4 segments, and CMAF (whose HLS playlists share the segments): H.264, HEVC, AV1, as Apple's HLS
 * authoring specification lists them (no VP9);</li>
 * <li>HLS with MPEG-TS segments: H.264 only: Apple's specification puts HEVC in fMP4 only, and MPEG-TS has no mapping
 * for VP9 or AV1 that players read.</li>
 * </ul>
 */
public final class StreamCopy {

    private static final List<String> DASH = List.of("h264", "hevc", "av1", "vp9");
    private static final List<String> HLS_FMP4 = List.of("h264", "hevc", "av1");
    private static final List<String> HLS_MPEGTS = List.of("h264");

    private StreamCopy() {
    }

    /** The codecs (ffprobe's names) that {@code segmenting}'s output carries when copied. */
    public static List<String> carried(Segmenting segmenting) {
        if (segmenting.format() == StreamFormat.DASH) {
            return DASH;
        }
        return segmenting.segmentType() == HlsSegmentType.MPEGTS ? HLS_MPEGTS : HLS_FMP4;
    }

    /** Fails naming the codec and the format when the source's video cannot be copied into the output. */
    public static void check(MediaInfo media, Segmenting segmenting, String source) {
        String codec = media.videoCodec() == null ? "" : media.videoCodec().toLowerCase(Locale.ROOT);
        List<String> carried = carried(segmenting);
        if (carried.contains(codec)) {
            return;
        }
        String format = segmenting.format().name().toLowerCase(Locale.ROOT);
        String output = segmenting.format() == StreamFormat.HLS
                ? "format=hls with " + segmenting.segmentType().ffmpegName() + " segments" : "format=" + format;
        String hint = "hevc".equals(codec) && segmenting.segmentType() == HlsSegmentType.MPEGTS
                ? "use hlsSegmentType=fmp4 (Apple's HLS carries HEVC in fMP4 only), or an encoder such as libx264"
                : "use an encoder such as libx264 instead of videoCodec=copy";
        throw new StreamGearException(String.format(Locale.ROOT, "Cannot copy the video of %s (videoCodec=copy): it is %s,"
                + " and %s carries only %s when copied; %s", source, codec.isEmpty() ? "of unknown codec" : codec, output,
                String.join(", ", carried), hint));
    }
}
