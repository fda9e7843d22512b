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
 */
public record PipedSourceInput() implements Input {

    @Override
    public List<String> arguments() {
        return List.of("-dts_delta_threshold", "1", "-protocol_whitelist", "pipe", "-f", "mpegts", "-i", "pipe:0");
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
