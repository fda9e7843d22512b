package io.github.streamgear.engine.probe;

import java.util.List;

/**
 * The first video stream's keyframes and what decides whether players take it copied, read by
 * {@link MediaProbe#startKeyframes}.
 *
 * @param profile       ffprobe's profile name, e.g. {@code High}, {@code Main}; empty if unknown
 * @param pixelFormat   e.g. {@code yuv420p}; empty if unknown
 * @param bitrateKbps   the stream's bitrate, or the container's when the stream has none; 0 if unknown
 * @param keyframeTimes the keyframes' presentation times in seconds of output time (from the container's start, as
 *                      FFmpeg's output timestamps count), in order
 * @param endSeconds    where the last frame ends, in the same time
 */
public record VideoKeyframes(String profile, String pixelFormat, long bitrateKbps, List<Double> keyframeTimes,
        double endSeconds) {

    public VideoKeyframes {
        keyframeTimes = List.copyOf(keyframeTimes);
    }
}
