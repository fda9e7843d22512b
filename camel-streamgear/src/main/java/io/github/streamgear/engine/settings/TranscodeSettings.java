package io.github.streamgear.engine.settings;

import java.util.Objects;

/**
 * Everything that decides how a job is encoded, segmented and judged, grouped by concern. Immutable; a group is
 * replaced whole ({@link #withSegmenting} ...). An option is declared once in its group, with its default.
 *
 * @param live   the live window; null for VOD
 * @param tracks which audio and subtitle tracks of the source are carried
 */
public record TranscodeSettings(Segmenting segmenting, Encoding encoding, InputPolicy input, OutputPolicy output,
        LiveOptions live, TrackSelection tracks) {

    /** VOD with every default. */
    public static final TranscodeSettings DEFAULTS = new TranscodeSettings(Segmenting.DEFAULTS, Encoding.DEFAULTS,
            InputPolicy.DEFAULTS, OutputPolicy.DEFAULTS, null);

    /** Settings that carry every track of the source (the default selection). */
    public TranscodeSettings(Segmenting segmenting, Encoding encoding, InputPolicy input, OutputPolicy output,
            LiveOptions live) {
        this(segmenting, encoding, input, output, live, TrackSelection.DEFAULTS);
    }

    public TranscodeSettings {
        Objects.requireNonNull(segmenting, "segmenting");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(tracks, "tracks");
        if (live != null && output.thumbnails().anyVodOnly()) {
            // made for VOD: a live window would need tiles and I-frame entries dropped with their segments
            throw new IllegalArgumentException("Options 'thumbnails', 'poster' and 'iframePlaylists' are for VOD: a live"
                                               + " stream gets no thumbnails, poster or I-frame playlists yet; remove them"
                                               + " or set livestream=false");
        }
    }

    public boolean isLive() {
        return live != null;
    }

    /** Live and told to delete every file when the stream ends. */
    public boolean removesAtExit() {
        return live != null && live.removeAtExit();
    }

    public TranscodeSettings withSegmenting(Segmenting value) {
        return new TranscodeSettings(value, encoding, input, output, live, tracks);
    }

    public TranscodeSettings withEncoding(Encoding value) {
        return new TranscodeSettings(segmenting, value, input, output, live, tracks);
    }

    public TranscodeSettings withInput(InputPolicy value) {
        return new TranscodeSettings(segmenting, encoding, value, output, live, tracks);
    }

    public TranscodeSettings withOutput(OutputPolicy value) {
        return new TranscodeSettings(segmenting, encoding, input, value, live, tracks);
    }

    public TranscodeSettings withLive(LiveOptions value) {
        return new TranscodeSettings(segmenting, encoding, input, output, value, tracks);
    }

    public TranscodeSettings withTracks(TrackSelection value) {
        return new TranscodeSettings(segmenting, encoding, input, output, live, value);
    }
}
