package io.github.streamgear.engine.settings;

import java.util.List;

/**
 * How a source may be opened. Some containers hold references FFmpeg follows (an HLS playlist or a concat list named
 * {@code .mp4}), so by default a source is opened with only the protocols its scheme needs and plain media demuxers.
 *
 * @param allowedProtocols FFmpeg protocol whitelist; null for what the source's scheme needs
 * @param allowedDemuxers  FFmpeg demuxers the source may be opened with; {@code all} lifts the list
 * @param inputOptions     raw FFmpeg options placed before the input, e.g. {@code -hwaccel auto}
 */
public record InputPolicy(String allowedProtocols, String allowedDemuxers, List<String> inputOptions) {

    public static final String DEFAULT_DEMUXERS = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,mpegts,flv,mpeg,mxf,asf,ogg,"
            + "h264,hevc,m4v,mjpeg,rawvideo,yuv4mpegpipe,wav,mp3,aac";

    public static final InputPolicy DEFAULTS = new InputPolicy(null, DEFAULT_DEMUXERS, List.of());

    public InputPolicy {
        inputOptions = List.copyOf(inputOptions);
    }
}
