package io.github.streamgear.engine.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.streamgear.engine.ladder.Ladder;
import io.github.streamgear.engine.ladder.PlannedRendition;
import io.github.streamgear.engine.settings.Encoding;
import io.github.streamgear.engine.settings.HlsSegmentType;
import io.github.streamgear.engine.settings.RateControl;
import io.github.streamgear.engine.settings.TranscodeSettings;

/**
 * The video renditions of the ladder, from the first video stream of input 0: decoded once, split, scaled, and each
 * encoded with a capped average bitrate ({@code -b:v}, {@code -maxrate}, {@code -bufsize}), or with capped constant
 * quality ({@code -crf} under the same cap, {@link RateControl}), so that no rendition spends more than it advertises,
 * keyframes forced on every segment boundary and scene-cut keyframes off (segments of
 * all renditions start together on a keyframe), and the source's display aspect ratio on every rendition (DASH puts
 * them in one adaptation set).
 * <p>
 * When the ladder's rendition 0 is the source's video stream-copied ({@link Ladder#copied()}: {@code videoCodec=copy},
 * or {@code copyPrimary=auto}) it has no filter chain and no encoder options: the muxer cuts segments at the source's
 * own keyframes. The other renditions are then encoded with their keyframes forced at the copied stream's keyframe
 * times (a live source's, unknown in advance: on the frames that are keyframes in it), so that every rendition's
 * segments still start together; the graph decodes {@code [0:v:0]} only for them and for still images (see
 * {@link ImageOutputs}).
 *
 * @param displayAspectRatio of the source, e.g. {@code 1280/720}
 * @param fps                of the source, for the keyframe interval
 */
public record VideoTracks(Ladder ladder, String displayAspectRatio, double fps) {

    /** Rendition 0 is the source's video, stream-copied. */
    public boolean copy() {
        return ladder.copied() != null;
    }

    /**
     * How full the rate control's buffer is at the start: x264's default (90%) lets the first seconds run above the
     * advertised rate, right when players start with an empty buffer (see docs/design.md).
     */
    static final double INITIAL_BUFFER_FULLNESS = 0.7;

    /**
     * {@code [0:v:0]format=yuv420p,split=N[s0][s1];[s0]scale=W:H,setdar=..,format=yuv420p[v0];...}: the pixel format is
     * converted once, before the split, not once per rendition (a no-op for the yuv420p of most files).
     */
    String filterGraph() {
        return filterGraph(List.of());
    }

    /**
     * The same graph with {@code branches} fed from the split too, after the renditions: each a filter chain ending in
     * its output label, e.g. {@code fps=1/5,scale=320:180,tile=5x5[thumbs]} (see {@link ImageOutputs}).
     */
    String filterGraph(List<String> branches) {
        if (copy()) {
            return copiedGraph(branches);
        }
        int n = ladder.size() + branches.size();
        StringBuilder graph = new StringBuilder("[0:v:0]");
        if (n > 1) {
            graph.append("format=yuv420p,split=").append(n);
            for (int i = 0; i < n; i++) {
                graph.append("[s").append(i).append(']');
            }
            graph.append(';');
        }
        for (PlannedRendition r : ladder.renditions()) {
            if (n > 1) {
                graph.append("[s").append(r.index()).append(']');
            }
            graph.append("scale=").append(r.width()).append(':').append(r.height())
                    .append(",setdar=").append(displayAspectRatio)
                    .append(",format=yuv420p[v").append(r.index()).append("];");
        }
        for (int i = 0; i < branches.size(); i++) {
            graph.append("[s").append(ladder.size() + i).append(']').append(branches.get(i)).append(';');
        }
        graph.setLength(graph.length() - 1);
        return graph.toString();
    }

    /**
     * The graph beside a copied rendition 0: none when nothing is decoded, else the source decoded once and converted to
     * yuv420p (as for the encoded ladder, whatever the source's pixel format), split between the encoded renditions
     * (from 1) and the image branches. The encoded renditions are scaled in a chain, each from the one above it when
     * that is larger, not each from the source: {@code scale=640:360,split=2[c1][n1];[c1]setdar=..,format=yuv420p[v1];
     * [n1]scale=426:240,setdar=..,format=yuv420p[v2]}. With the 720p decode and the primary's encode gone these scales
     * are a large share of what is left: chained, a 720p30 source's 640x360 + 426x240 took 10-13% less CPU, at the same
     * bits and an SSIM of the 426x240 against the source within 0.0001 (docs/performance.md).
     */
    private String copiedGraph(List<String> branches) {
        List<PlannedRendition> encoded = ladder.renditions().subList(1, ladder.size());
        if (!shrinking(encoded)) {
            return unchainedGraph(encoded, branches);
        }
        List<String> chains = new ArrayList<>();
        if (!encoded.isEmpty()) {
            chains.add(scaleChain(encoded));
        }
        chains.addAll(branches);
        if (chains.isEmpty()) {
            return "";
        }
        return fromSource(chains);
    }

    /** {@code scale=W1:H1,split=2[c1][n1];[c1]setdar=..[v1];[n1]scale=W2:H2,setdar=..[v2]}: each from the one before. */
    private String scaleChain(List<PlannedRendition> encoded) {
        StringBuilder chain = new StringBuilder();
        for (int k = 0; k < encoded.size(); k++) {
            PlannedRendition r = encoded.get(k);
            String finish = "setdar=" + displayAspectRatio + ",format=yuv420p[v" + r.index() + "]";
            chain.append("scale=").append(r.width()).append(':').append(r.height());
            if (k == encoded.size() - 1) {
                chain.append(',').append(finish);
            } else {
                chain.append(",split=2[c").append(r.index()).append("][n").append(r.index()).append("];[c")
                        .append(r.index()).append(']').append(finish).append(";[n").append(r.index()).append(']');
            }
        }
        return chain.toString();
    }

    /** Each a size no larger than the one before it, so that scaling from it loses nothing the source had. */
    private static boolean shrinking(List<PlannedRendition> encoded) {
        for (int k = 1; k < encoded.size(); k++) {
            if (encoded.get(k).width() > encoded.get(k - 1).width() || encoded.get(k).height() > encoded.get(k - 1).height()) {
                return false;
            }
        }
        return true;
    }

    /** Every encoded rendition scaled from the source (a ladder whose sizes do not shrink in order). */
    private String unchainedGraph(List<PlannedRendition> encoded, List<String> branches) {
        List<String> chains = new ArrayList<>();
        for (PlannedRendition r : encoded) {
            chains.add("scale=" + r.width() + ":" + r.height() + ",setdar=" + displayAspectRatio + ",format=yuv420p[v"
                       + r.index() + "]");
        }
        chains.addAll(branches);
        return fromSource(chains);
    }

    /** {@code [0:v:0]format=yuv420p,split=N[s0]..;[s0]CHAIN0;..}, or without the split for one chain. */
    private static String fromSource(List<String> chains) {
        StringBuilder graph = new StringBuilder("[0:v:0]format=yuv420p");
        if (chains.size() == 1) {
            return graph.append(',').append(chains.get(0)).toString();
        }
        graph.append(",split=").append(chains.size());
        for (int i = 0; i < chains.size(); i++) {
            graph.append("[s").append(i).append(']');
        }
        for (int i = 0; i < chains.size(); i++) {
            graph.append(";[s").append(i).append(']').append(chains.get(i));
        }
        return graph.toString();
    }

    List<String> maps() {
        List<String> args = new ArrayList<>();
        for (PlannedRendition r : ladder.renditions()) {
            if (copy() && r.index() == 0) {
                args.addAll(List.of("-map", "0:v:0"));
                continue;
            }
            args.addAll(List.of("-map", "[v" + r.index() + "]"));
        }
        return args;
    }

    List<String> encoding(TranscodeSettings s) {
        if (copy() && ladder.size() == 1) {
            return copiedCodec(s, "");
        }
        String codec = s.encoding().videoCodec();
        List<String> args = new ArrayList<>();
        if (copy()) {
            // one codec option per stream: "-c:v X -c:v:0 copy" works but FFmpeg warns of the overridden option
            args.addAll(copiedCodec(s, ":0"));
            for (PlannedRendition r : ladder.renditions().subList(1, ladder.size())) {
                args.addAll(List.of("-c:v:" + r.index(), codec));
            }
            // the encoded frames keep the source's timestamps, as the copied packets do: FFmpeg's defaults move
            // them onto a grid of whole frames from 0 (constant rate, encoder time base 1/fps), a fraction of a frame
            // off the copied keyframes when the source's video starts after its audio (an MPEG-TS source)
            args.addAll(List.of("-fps_mode", "passthrough", "-enc_time_base:v", "1/90000"));
        } else {
            args.addAll(List.of("-c:v", codec));
        }
        String preset = s.encoding().preset();
        if (Encoding.isX26x(codec) && preset != null && !preset.isBlank()) {
            args.addAll(List.of("-preset", preset));
        }
        boolean quality = s.encoding().rateControl() == RateControl.CAPPED_QUALITY;
        for (PlannedRendition r : ladder.renditions()) {
            if (copy() && r.index() == 0) {
                continue;
            }
            String i = Integer.toString(r.index());
            if (quality) {
                // the rendition's bitrate becomes the cap only: easy content spends what the quality needs
                args.addAll(List.of("-crf:v:" + i, Integer.toString(s.encoding().crf())));
            } else {
                args.addAll(List.of("-b:v:" + i, r.bitrateKbps() + "k"));
            }
            args.addAll(List.of("-maxrate:v:" + i, r.maxrateKbps() + "k", "-bufsize:v:" + i, r.bufsizeKbits() + "k",
                    "-rc_init_occupancy:v:" + i, Long.toString(Math.round(r.bufsizeKbits() * 1000 * INITIAL_BUFFER_FULLNESS))));
        }
        int gop = copy() ? ladder.copied().gop() : gop(s, fps);
        String forced = !copy() ? "expr:gte(t,n_forced*" + FfmpegNumbers.format(s.segmenting().segmentDuration()) + ")"
                // FFmpeg 5.1's "source": a keyframe on each frame its decoder marked as one; every frame reaches the
                // encoder once (-fps_mode passthrough above: none dropped or doubled), so none is missed
                : ladder.copied().atSourceKeyframes() ? "source" : keyframeList(ladder.copied().keyframeTimes());
        args.addAll(List.of("-g", Integer.toString(gop), "-keyint_min", Integer.toString(gop), "-sc_threshold", "0",
                "-force_key_frames", forced));
        if (codec.toLowerCase(Locale.ROOT).equals("libx265")) {
            // closed GOPs: x265 otherwise starts later GOPs with CRA pictures whose leading pictures refer to the GOP
            // before, and the HLS master declares EXT-X-INDEPENDENT-SEGMENTS, the MPD startWithSAP="1"
            args.addAll(List.of("-x265-params", "keyint=" + gop + ":min-keyint=" + gop + ":scenecut=0:open-gop=0"));
        }
        if (s.isLive() && s.live().lowLatency() && Encoding.isX26x(codec)) {
            args.addAll(List.of("-tune", "zerolatency")); // no lookahead, no B-frames: frames leave the encoder at once
        }
        return args;
    }

    /**
     * {@code -c:v copy}, and in MP4 segments the sample entry named: a source's own tag is its container's (an MPEG-TS
     * source's H.264 carries stream type 0x1b, which the MP4 muxer refuses), and Apple's players take HEVC in MP4 only
     * as {@code hvc1} (parameter sets in the sample entry), not FFmpeg's default {@code hev1}.
     *
     * @param stream {@code ""} for every video stream, {@code ":0"} for the first
     */
    private List<String> copiedCodec(TranscodeSettings s, String stream) {
        List<String> args = new ArrayList<>(List.of("-c:v" + stream, "copy"));
        String codec = ladder.copied().codec();
        if (s.segmenting().segmentType() == HlsSegmentType.FMP4 && ("h264".equals(codec) || "hevc".equals(codec))) {
            args.addAll(List.of("-tag:v" + stream, "h264".equals(codec) ? "avc1" : "hvc1"));
        }
        return args;
    }

    /**
     * {@code 0.000,1.999,3.999}: each time a millisecond early, so that the frame at that time is the one made a keyframe
     * whatever the rounding of its timestamp (frames are at least a few milliseconds apart).
     */
    static String keyframeList(List<Double> times) {
        StringBuilder list = new StringBuilder();
        for (double t : times) {
            if (list.length() > 0) {
                list.append(',');
            }
            list.append(String.format(Locale.ROOT, "%.3f", Math.max(0, t - 0.001)));
        }
        return list.toString();
    }

    /** Keyframe interval: the configured one, or two seconds of frames but no more than one segment. */
    public static int gop(TranscodeSettings s, double fps) {
        if (s.encoding().gop() > 0) {
            return s.encoding().gop();
        }
        return (int) Math.max(1, Math.round(fps * Math.min(2.0, s.segmenting().segmentDuration())));
    }
}
