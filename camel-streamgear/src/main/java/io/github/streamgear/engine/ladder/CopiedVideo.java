package io.github.streamgear.engine.ladder;

import java.util.List;

/**
 * Rendition 0 of a ladder is the source's first video stream, stream-copied: with {@code videoCodec=copy} it is the
 * whole ladder; with {@code copyPrimary=auto} the other renditions are encoded with their keyframes forced at
 * {@code keyframeTimes}, the copied stream's own.
 *
 * @param codec         the source video's codec, as ffprobe names it ({@code h264}, {@code hevc} ...)
 * @param keyframeTimes where the encoded renditions get their keyframes, in seconds of output time; empty when nothing
 *                      is encoded
 * @param gop           the encoded renditions' longest keyframe interval in frames, longer than any of the source's (so
 *                      that the encoder adds none of its own); 0 when nothing is encoded
 */
public record CopiedVideo(String codec, List<Double> keyframeTimes, int gop) {

    public CopiedVideo {
        keyframeTimes = List.copyOf(keyframeTimes);
    }

    /** Packaging only: nothing else is encoded. */
    public static CopiedVideo only(String codec) {
        return new CopiedVideo(codec, List.of(), 0);
    }
}
