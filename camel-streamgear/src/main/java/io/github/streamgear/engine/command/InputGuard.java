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
    private static final Map<String, String> PROTOCOLS = Map.ofEntries(
            Map.entry("file", "file"),
            Map.entry("http", "http,tcp"),
            Map.entry("https", "https,tls,tcp"),
            Map.entry("rtmp", "rtmp,tcp"),
            Map.entry("rtmps", "rtmps,tls,tcp"),
            Map.entry("rtsp", "rtsp,rtp,udp,tcp"),
            Map.entry("rtsps", "rtsps,rtsp,rtp,udp,tcp,tls"),
            Map.entry("rtp", "rtp,udp"),
            Map.entry("srt", "srt,udp"),
            Map.entry("udp", "udp"),
            Map.entry("tcp", "tcp"));

    /**
     * Demuxers a live scheme needs besides the plain containers of the default allow-list: an RTSP URL is opened by
     * the {@code rtsp} demuxer itself (an SRT, RTMP, UDP or RTP URL carries MPEG-TS or FLV, which the list holds).
     */
    private static final Map<String, String> SCHEME_DEMUXERS = Map.of("rtsp", "rtsp", "rtsps", "rtsp");

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
            options.add(withSourceDemuxer(source, demuxers.trim()));
        }
        return options;
    }

    /**
     * The default allow-list widened by what the source's URL itself needs: the {@code rtsp} demuxer for an RTSP
     * URL, the {@code hls} demuxer for an {@code http(s)} URL whose path ends in {@code .m3u8} (an HLS source: its
     * segments are still opened with the plain containers of the list, and only over the URL's own protocols, so the
     * playlist cannot make FFmpeg read local files). A list the user set is taken as it is.
     */
    private static String withSourceDemuxer(SourceSpec source, String demuxers) {
        if (!demuxers.equals(InputPolicy.DEFAULT_DEMUXERS) || source.local()) {
            return demuxers;
        }
        String scheme = source.scheme();
        String extra = SCHEME_DEMUXERS.get(scheme);
        if (extra == null && (scheme.equals("http") || scheme.equals("https")) && isHlsPlaylist(source.location())) {
            extra = "hls";
        }
        return extra == null ? demuxers : demuxers + "," + extra;
    }

    /** An {@code http(s)} URL whose path (before any query or fragment) ends in {@code .m3u8}. */
    static boolean isHlsPlaylist(String url) {
        String path = url;
        int cut = path.indexOf('?');
        if (cut >= 0) {
            path = path.substring(0, cut);
        }
        cut = path.indexOf('#');
        if (cut >= 0) {
            path = path.substring(0, cut);
        }
        return path.toLowerCase(java.util.Locale.ROOT).endsWith(".m3u8");
    }
}
