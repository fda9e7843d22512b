package io.github.streamgear.engine.tracks;

import java.util.List;

/**
 * The audio and subtitle tracks a job publishes besides its video renditions, and what was left out and why.
 *
 * @param audio     in output order; the first is {@code audio}
 * @param subtitles text subtitles, converted to WebVTT
 * @param warnings  tracks that cannot be carried (bitmap subtitles, an unreadable side-car), for the log and the job
 *                  summary
 * @param audioCopied the audio tracks are the source's, stream-copied ({@code AudioCopy}), not encoded
 */
public record TrackPlan(List<AudioRendition> audio, List<SubtitleRendition> subtitles, List<String> warnings,
        boolean audioCopied) {

    public static final TrackPlan NONE = new TrackPlan(List.of(), List.of(), List.of());

    public TrackPlan {
        audio = List.copyOf(audio);
        subtitles = List.copyOf(subtitles);
        warnings = List.copyOf(warnings);
    }

    /** Tracks whose audio is encoded. */
    public TrackPlan(List<AudioRendition> audio, List<SubtitleRendition> subtitles, List<String> warnings) {
        this(audio, subtitles, warnings, false);
    }

    /** The same tracks, the audio stream-copied from the source rather than encoded. */
    public TrackPlan withAudioCopied() {
        return new TrackPlan(audio, subtitles, warnings, true);
    }

    public boolean hasAudio() {
        return !audio.isEmpty();
    }

    /** The audio rendition names, in output order. */
    public List<String> audioNames() {
        return audio.stream().map(AudioRendition::name).toList();
    }
}
