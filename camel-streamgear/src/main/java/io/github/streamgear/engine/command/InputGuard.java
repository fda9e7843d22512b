package io.github.streamgear.engine.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.streamgear.engine.settings.InputPolicy;


/**
 * Input options that stop a crafted source from making FFmpeg read other files. Some containers (an HLS playlist, a
 * concat list) hold references that FFmpeg follows, even when the file is named {@code .mp4}; a watch folder that
 * transcodes uploads must not let an upload pull {@code /etc} or another customer's video into its output. So every
 * source is opened with a protocol whitelist limited to what its scheme needs and, unless widened with
 * {@code allowedDemuxers=all}, a demuxer allow-list of plain media containers. ffprobe gets the same options.
 */
public final class InputGuard {

    /** Protocols a URL scheme needs, including the ones it is built on. */
    private static final Map<String, String> PROTOCOLS = Map.of(
            "file", "file",
            "http", "http,tcp",
            "https", "https,tls,tcp",
            "rtmp", "rtmp,tcp",
            "rtmps", "rtmps,tls,tcp",
            "rtsp", "rtsp,rtp,udp,tcp",
            "srt", "srt,udp",
            "udp", "udp",
            "tcp", "tcp");

    private InputGuard() {
    }

    /** Side-car subtitle files: local files, read only by the subtitle demuxers (SubRip, ASS/SSA, WebVTT). */
    public static final List<String> SUBTITLE_FILE = List.of("-protocol_whitelist", "file", "-format_whitelist",
            "srt,ass,webvtt");

    public static List<String> options(SourceSpec source, InputPolicy policy) {
        List<String> options = new ArrayList<>();
        String protocols = policy.allowedProtocols() != null && !policy.allowedProtocols().isBlank()
                ? policy.allowedProtocols()
                : PROTOCOLS.getOrDefault(source.scheme(), source.scheme() + ",tcp");
        options.add("-protocol_whitelist");
        options.add(protocols);
        String demuxers = policy.allowedDemuxers();
        if (demuxers != null && !demuxers.isBlank() && !"all".equalsIgnoreCase(demuxers.trim())) {
            options.add("-format_whitelist");
            options.add(demuxers);
        }
        return options;
    }
}
