package io.github.streamgear.engine.settings;

import java.util.Objects;

/**
 * Everything that decides how a job is encoded, segmented and judged, grouped by concern. Immutable; a group is
 * replaced whole ({@link #withSegmenting} ...). An option is declared once in its group, with its default.
 *
 * @param live   the live window; null for VOD
 * @param tracks which audio and subtitle tracks of the source are carried
 * @param protection whether and how the output is encrypted
 */
public record TranscodeSettings(Segmenting segmenting, Encoding encoding, InputPolicy input, OutputPolicy output,
        LiveOptions live, TrackSelection tracks, Protection protection) {

    /** VOD with every default. */
    public static final TranscodeSettings DEFAULTS = new TranscodeSettings(Segmenting.DEFAULTS, Encoding.DEFAULTS,
            InputPolicy.DEFAULTS, OutputPolicy.DEFAULTS, null);

    /** Settings that carry every track of the source (the default selection). */
    public TranscodeSettings(Segmenting segmenting, Encoding encoding, InputPolicy input, OutputPolicy output,
            LiveOptions live) {
        this(segmenting, encoding, input, output, live, TrackSelection.DEFAULTS);
    }

    /** Settings without encryption (the default protection). */
    public TranscodeSettings(Segmenting segmenting, Encoding encoding, InputPolicy input, OutputPolicy output,
            LiveOptions live, TrackSelection tracks) {
        this(segmenting, encoding, input, output, live, tracks, Protection.DEFAULTS);
    }

    public TranscodeSettings {
        Objects.requireNonNull(segmenting, "segmenting");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(tracks, "tracks");
        protection = protection == null ? Protection.DEFAULTS : protection;
    }

    public boolean isLive() {
        return live != null;
    }

    /** Live and told to delete every file when the stream ends. */
    public boolean removesAtExit() {
        return live != null && live.removeAtExit();
    }

    public TranscodeSettings withSegmenting(Segmenting value) {
        return new TranscodeSettings(value, encoding, input, output, live, tracks, protection);
    }

    public TranscodeSettings withEncoding(Encoding value) {
        return new TranscodeSettings(segmenting, value, input, output, live, tracks, protection);
    }

    public TranscodeSettings withInput(InputPolicy value) {
        return new TranscodeSettings(segmenting, encoding, value, output, live, tracks, protection);
    }

    public TranscodeSettings withOutput(OutputPolicy value) {
        return new TranscodeSettings(segmenting, encoding, input, value, live, tracks, protection);
    }

    public TranscodeSettings withLive(LiveOptions value) {
        return new TranscodeSettings(segmenting, encoding, input, output, value, tracks, protection);
    }

    public TranscodeSettings withTracks(TrackSelection value) {
        return new TranscodeSettings(segmenting, encoding, input, output, live, value, protection);
    }

    public TranscodeSettings withProtection(Protection value) {
        return new TranscodeSettings(segmenting, encoding, input, output, live, tracks, value);
    }
}
