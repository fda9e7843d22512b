package io.github.streamgear.engine.probe;

/**
 * An audio stream of the source, as ffprobe reports it.
 *
 * @param index      the stream's index in the source (ffprobe's {@code Stream #0:index})
 * @param language   its {@code language} tag as written (ISO 639-2 in most containers), null if untagged
 * @param title      its {@code title} tag, null if none
 * @param channels   channel count, 0 if unknown
 * @param isDefault  disposition {@code default}
 * @param commentary disposition {@code comment}
 * @param describesVideo disposition {@code visual_impaired} (audio description)
 * @param coding     how it is coded, for copying it as it is; {@link Coding#UNKNOWN} if not probed
 */
public record AudioStream(int index, String language, String title, int channels, boolean isDefault, boolean commentary,
        boolean describesVideo, Coding coding) {

    /**
     * What decides whether the stream can be published without encoding it again.
     *
     * @param codec       ffprobe's codec name, e.g. {@code aac}; empty if unknown
     * @param profile     e.g. {@code LC}, {@code HE-AAC}; empty if unknown
     * @param sampleRate  in Hz, 0 if unknown
     * @param layout      ffprobe's channel layout, e.g. {@code stereo}; empty if unknown
     * @param bitrateKbps the stream's average bitrate, 0 if unknown
     */
    public record Coding(String codec, String profile, int sampleRate, String layout, long bitrateKbps) {

        public static final Coding UNKNOWN = new Coding("", "", 0, "", 0);

        public Coding {
            codec = codec == null ? "" : codec;
            profile = profile == null ? "" : profile;
            layout = layout == null ? "" : layout;
        }
    }

    public AudioStream {
        coding = coding == null ? Coding.UNKNOWN : coding;
    }

    /** A stream whose coding is not known (not probed for it): it is always encoded. */
    public AudioStream(int index, String language, String title, int channels, boolean isDefault, boolean commentary,
            boolean describesVideo) {
        this(index, language, title, channels, isDefault, commentary, describesVideo, Coding.UNKNOWN);
    }
}
