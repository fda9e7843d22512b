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
 * @param atSourceKeyframes a live source, whose keyframes cannot be read in advance: the encoded renditions get a
 *                      keyframe on each frame that was one in the source ({@code -force_key_frames source}) instead of
 *                      at {@code keyframeTimes} (then empty)
 */
public record CopiedVideo(String codec, List<Double> keyframeTimes, int gop, boolean atSourceKeyframes) {

    public CopiedVideo {
        keyframeTimes = List.copyOf(keyframeTimes);
    }

    /** The other renditions encoded with keyframes at {@code keyframeTimes} (a VOD source read in advance). */
    public CopiedVideo(String codec, List<Double> keyframeTimes, int gop) {
        this(codec, keyframeTimes, gop, false);
    }

    /** A live source's video copied, the other renditions encoded with a keyframe wherever the source has one. */
    public static CopiedVideo live(String codec, int gop) {
        return new CopiedVideo(codec, List.of(), gop, true);
    }

    /** Packaging only: nothing else is encoded. */
    public static CopiedVideo only(String codec) {
        return new CopiedVideo(codec, List.of(), 0);
    }
}
