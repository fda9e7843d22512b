package io.github.streamgear.engine.settings;

import java.util.List;
import java.util.Locale;

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
 * @param copyPrimary     whether the primary rendition may be the source's video stream-copied (VOD file jobs, live
 *                        sources)
 * @param rateControl     how each rendition's bits are spent: capped average bitrate, or capped constant quality
 * @param crfOption       the constant quality of {@link RateControl#CAPPED_QUALITY} (option {@code crf}); 0 means
 *                        the codec's default ({@link #crf()})
 */
public record Encoding(List<Rendition> extraRenditions, double bitsPerPixel, String videoCodec, String preset,
        String audioCodec, String audioBitrate, int audioChannels, int gop, List<String> outputOptions,
        CopyPrimary copyPrimary, RateControl rateControl, int crfOption) {

    public static final String DEFAULT_BPP = "0.1";
    public static final String DEFAULT_VIDEO_CODEC = "libx264";
    public static final String DEFAULT_PRESET = "veryfast";
    public static final String DEFAULT_AUDIO_CODEC = "aac";
    public static final String DEFAULT_AUDIO_BITRATE = "128k";
    public static final String DEFAULT_AUDIO_CHANNELS = "0";
    public static final String DEFAULT_GOP = "0";
    public static final String DEFAULT_COPY_PRIMARY = "never";
    public static final String DEFAULT_RATE_CONTROL = "capped-vbr";
    public static final String DEFAULT_CRF = "0";
    /**
     * x264's level for capped quality: on a real camera clip it spends 40% fewer bits than capped-vbr for an SSIM 0.004
     * lower, and hard content stays at the cap (docs/performance.md); x265's scale sits about 5 higher for the same
     * quality (its default is 28 where x264's is 23).
     */
    static final int X264_CRF = 19;
    static final int X265_CRF = 24;
    /** The {@code videoCodec} that packages the source's video without encoding it. */
    public static final String COPY = "copy";

    public static final Encoding DEFAULTS = new Encoding(List.of(), Double.parseDouble(DEFAULT_BPP), DEFAULT_VIDEO_CODEC,
            DEFAULT_PRESET, DEFAULT_AUDIO_CODEC, DEFAULT_AUDIO_BITRATE, Integer.parseInt(DEFAULT_AUDIO_CHANNELS),
            Integer.parseInt(DEFAULT_GOP), List.of(), CopyPrimary.parse(DEFAULT_COPY_PRIMARY),
            RateControl.parse(DEFAULT_RATE_CONTROL), Integer.parseInt(DEFAULT_CRF));

    /** Every rendition encoded ({@code copyPrimary=never}). */
    public Encoding(List<Rendition> extraRenditions, double bitsPerPixel, String videoCodec, String preset,
            String audioCodec, String audioBitrate, int audioChannels, int gop, List<String> outputOptions) {
        this(extraRenditions, bitsPerPixel, videoCodec, preset, audioCodec, audioBitrate, audioChannels, gop,
                outputOptions, CopyPrimary.NEVER);
    }

    /** Capped average bitrate ({@code rateControl=capped-vbr}). */
    public Encoding(List<Rendition> extraRenditions, double bitsPerPixel, String videoCodec, String preset,
            String audioCodec, String audioBitrate, int audioChannels, int gop, List<String> outputOptions,
            CopyPrimary copyPrimary) {
        this(extraRenditions, bitsPerPixel, videoCodec, preset, audioCodec, audioBitrate, audioChannels, gop,
                outputOptions, copyPrimary, RateControl.CAPPED_VBR, 0);
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
        if (rateControl == null) {
            rateControl = RateControl.CAPPED_VBR;
        }
        if (crfOption < 0 || crfOption > 51) {
            throw new IllegalArgumentException("Option 'crf' must be from 1 (best) to 51, or 0 for the codec's default;"
                    + " got " + crfOption);
        }
        if (crfOption != 0 && rateControl != RateControl.CAPPED_QUALITY) {
            throw new IllegalArgumentException("Option 'crf' needs rateControl=capped-quality (with rateControl="
                    + rateControl.option() + " each rendition is encoded at its bitrate)");
        }
        if (rateControl == RateControl.CAPPED_QUALITY && !isX26x(videoCodec)) {
            throw new IllegalArgumentException("Option rateControl=capped-quality needs videoCodec libx264 or libx265,"
                    + " not " + videoCodec + ": only their constant-quality modes are held to a VBV cap here");
        }
    }

    /** The constant quality of capped-quality: the configured level, or the codec's default. */
    public int crf() {
        if (crfOption > 0) {
            return crfOption;
        }
        return videoCodec.toLowerCase(Locale.ROOT).equals("libx265") ? X265_CRF : X264_CRF;
    }

    /** Whether {@code codec} is x264 or x265, the encoders that take {@code -preset} and {@code -crf}. */
    public static boolean isX26x(String codec) {
        String c = codec == null ? "" : codec.toLowerCase(Locale.ROOT);
        return c.startsWith("libx264") || c.equals("libx265");
    }

    /** {@code videoCodec=copy}: the source's video is stream-copied, not decoded or encoded. */
    public boolean copiesVideo() {
        return COPY.equalsIgnoreCase(videoCodec);
    }
}
