package io.github.streamgear.engine.settings;

import java.util.List;

import io.github.streamgear.engine.ladder.Rendition;

/**
 * How the renditions are encoded. The defaults follow StreamGear's (libx264 veryfast, AAC, bits-per-pixel 0.1) with its
 * defects fixed: capped bitrates instead of CRF, one audio encode, keyframes aligned on segment boundaries.
 *
 * @param extraRenditions renditions besides the primary one at the source's size
 * @param bitsPerPixel    estimates a rendition's bitrate when none is given
 * @param videoCodec      FFmpeg video encoder, or {@code copy}: the source's first video stream packaged as it is, the
 *                        only video rendition (see {@link #copiesVideo()})
 * @param preset          encoder preset (libx264/libx265 only); may be null
 * @param audioCodec      FFmpeg audio encoder
 * @param audioBitrate    audio bitrate, e.g. {@code 128k}
 * @param audioChannels   channels of the encoded audio (2: a 5.1 source is downmixed to stereo); 0 keeps the source's
 * @param gop             keyframe interval in frames; 0 means two seconds' worth, at most one segment
 * @param outputOptions   raw FFmpeg output options, after the generated ones (so they can override them)
 * @param copyPrimary     whether the primary rendition may be the source's video stream-copied (VOD file jobs)
 */
public record Encoding(List<Rendition> extraRenditions, double bitsPerPixel, String videoCodec, String preset,
        String audioCodec, String audioBitrate, int audioChannels, int gop, List<String> outputOptions,
        CopyPrimary copyPrimary) {

    public static final String DEFAULT_BPP = "0.1";
    public static final String DEFAULT_VIDEO_CODEC = "libx264";
    public static final String DEFAULT_PRESET = "veryfast";
    public static final String DEFAULT_AUDIO_CODEC = "aac";
    public static final String DEFAULT_AUDIO_BITRATE = "128k";
    public static final String DEFAULT_AUDIO_CHANNELS = "0";
    public static final String DEFAULT_GOP = "0";
    public static final String DEFAULT_COPY_PRIMARY = "never";
    /** The {@code videoCodec} that packages the source's video without encoding it. */
    public static final String COPY = "copy";

    public static final Encoding DEFAULTS = new Encoding(List.of(), Double.parseDouble(DEFAULT_BPP), DEFAULT_VIDEO_CODEC,
            DEFAULT_PRESET, DEFAULT_AUDIO_CODEC, DEFAULT_AUDIO_BITRATE, Integer.parseInt(DEFAULT_AUDIO_CHANNELS),
            Integer.parseInt(DEFAULT_GOP), List.of(), CopyPrimary.parse(DEFAULT_COPY_PRIMARY));

    /** Every rendition encoded ({@code copyPrimary=never}). */
    public Encoding(List<Rendition> extraRenditions, double bitsPerPixel, String videoCodec, String preset,
            String audioCodec, String audioBitrate, int audioChannels, int gop, List<String> outputOptions) {
        this(extraRenditions, bitsPerPixel, videoCodec, preset, audioCodec, audioBitrate, audioChannels, gop,
                outputOptions, CopyPrimary.NEVER);
    }

    public Encoding {
        extraRenditions = List.copyOf(extraRenditions);
        outputOptions = List.copyOf(outputOptions);
        copyPrimary = copyPrimary == null ? CopyPrimary.NEVER : copyPrimary;
        if (!(bitsPerPixel > 0)) {
            throw new IllegalArgumentException("Option 'bpp' must be greater than 0, got " + bitsPerPixel);
        }
        if (audioChannels < 0) {
            throw new IllegalArgumentException("Option 'audioChannels' cannot be negative, got " + audioChannels);
        }
        if (COPY.equalsIgnoreCase(videoCodec) && !extraRenditions.isEmpty()) {
            // a copied stream has one size and one bitrate, the source's: smaller ones would have to be encoded
            throw new IllegalArgumentException("Option 'videoCodec=copy' packages the source's video as it is, as the only"
                                               + " video rendition: it cannot add the renditions " + extraRenditions
                                               + " (option 'streams' or 'renditions'); remove them, or pick an encoder"
                                               + " such as libx264");
        }
        if (gop < 0) {
            throw new IllegalArgumentException("Option 'gop' cannot be negative, got " + gop);
        }
    }

    /** {@code videoCodec=copy}: the source's video is stream-copied, not decoded or encoded. */
    public boolean copiesVideo() {
        return COPY.equalsIgnoreCase(videoCodec);
    }
}
