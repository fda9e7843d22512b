package io.github.streamgear.engine.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.streamgear.engine.settings.InputPolicy;

/**
 * A live source relayed as MPEG-TS on FFmpeg's stdin by an ingest process that can be replaced when the source drops
 * ({@link #ingest}), so that this FFmpeg, its muxers, segment numbers and window live on across the gap.
 * <p>
 * A new ingest's timestamps start wherever its source's clock is. The MPEG-TS demuxer flags timestamp discontinuities,
 * and FFmpeg then shifts the input so that it goes on where it stopped: a jump backwards always, a jump forwards only
 * when it passes {@code -dts_delta_threshold} (10 s by default, which would fill a shorter gap with copies of the last
 * frame and a longer one not). At one second the gap is cut out of the timeline whatever the source's clock did.
 * <p>
 * The DASH muxer takes {@code availabilityStartTime} when it muxes its first packet, and FFmpeg muxes nothing before it
 * has probed its input: reading MPEG-TS, it reads all of {@code analyzeduration} (5 s by default), in real time, so
 * every live MPD listed each segment about 5 s before its availability. When the video is encoded, the probe is a fifth
 * of a second (the ingest probed the source already; this one reads the ingest's first burst). It may then end before
 * the first keyframe, when the source's keyframes are far apart: the decoder finds the size in the keyframe, but the
 * frame rate FFmpeg would give the encoded renditions is unknown (the 90 kHz clock), so {@link #outputRate} gives them
 * the source's, as probed by the component. Copied video keeps FFmpeg's default probe: its size and codec
 * configuration are written into the init segments from what the probe found.
 *
 * @param copiesVideo whether the source's video is copied into a rendition (videoCodec=copy, or a copied primary)
 */
public record PipedSourceInput(boolean copiesVideo) implements Input {

    /** The encoded-video probe: the ingest's first burst, at 1 s its own probe, holds more than this. */
    static final String SHORT_PROBE_MICROSECONDS = "200000";

    @Override
    public List<String> arguments() {
        List<String> args = new ArrayList<>(List.of("-dts_delta_threshold", "1"));
        if (!copiesVideo) {
            args.addAll(List.of("-analyzeduration", SHORT_PROBE_MICROSECONDS));
        }
        args.addAll(List.of("-protocol_whitelist", "pipe", "-f", "mpegts", "-i", "pipe:0"));
        return args;
    }

    /**
     * The output option that gives encoded renditions the source's frame rate {@code fps} (FFmpeg would take it from
     * the probe, see the class comment); none for copied video, or when the rate is unknown.
     */
    public List<String> outputRate(double fps) {
        if (copiesVideo || !(fps > 0)) {
            return List.of();
        }
        return List.of("-r:v", rate(fps));
    }

    /** An exact rate: NTSC's 24000/1001, 30000/1001 ... as fractions, others in decimals. */
    static String rate(double fps) {
        double ntsc = fps * 1001 / 1000;
        if (Math.abs(fps - Math.rint(fps)) > 1e-6 && Math.abs(ntsc - Math.rint(ntsc)) < 1e-3) {
            return Math.round(ntsc) * 1000 + "/1001";
        }
        if (Math.abs(fps - Math.rint(fps)) < 1e-6) {
            return String.valueOf(Math.round(fps));
        }
        return String.format(java.util.Locale.ROOT, "%.3f", fps);
    }

    @Override
    public boolean fromStdin() {
        return true;
    }

    /**
     * The ingest FFmpeg: reads {@code source} with its scheme's allow-lists and the raw input options, and copies the
     * streams the transcoder can map (the first video stream, every audio stream, in order, so {@code 0:a:N} still
     * names the same track) to stdout as MPEG-TS.
     */
    public static List<String> ingest(Path ffmpeg, SourceSpec source, InputPolicy policy) {
        List<String> argv = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-loglevel",
                "warning"));
        // FFmpeg reads 5 s of a source for its streams before it writes anything: that delays every reconnect, and
        // stream copy only needs to know what the streams are (raw input options come after, and win)
        argv.addAll(List.of("-analyzeduration", "1000000"));
        argv.addAll(new SourceInput(source, policy).arguments());
        // each packet is passed on as it comes rather than in 32 KiB blocks: a quiet source is not mistaken for a stall
        argv.addAll(List.of("-map", "0:v:0", "-map", "0:a?", "-c", "copy", "-flush_packets", "1", "-f", "mpegts",
                "pipe:1"));
        return argv;
    }
}
