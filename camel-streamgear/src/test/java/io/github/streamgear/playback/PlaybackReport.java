package io.github.streamgear.playback;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What one harness run saw (the JSON that {@code src/test/player/page.js} returns, plus what {@code harness.mjs} saw
 * on the network and console). {@link #json()} holds the raw report for failure messages.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlaybackReport(
        String player,
        String url,
        boolean live,
        /** checks of the harness itself that failed (playback did not start, a rendition did not play, no end...) */
        List<String> failures,
        /** the failures above that only say "too slow or stuck" (no error, no wrong picture): a starved machine too */
        List<String> timingFailures,
        /** errors the player or the media element reported */
        List<String> errors,
        /** non-fatal player reports that are not defects of the stream (stalls while refilling, start gap) */
        List<String> warnings,
        /** seeks nobody asked for once playback started: jumps over gaps, stall kicks, the jump over a start gap */
        List<Seek> unrequestedSeeks,
        int stalls,
        /** renditions as the player lists them */
        List<ListedRendition> renditions,
        /** one per listed rendition: played locked to it (VOD: start to end; live: a few seconds) */
        List<Check> checks,
        Audio audio,
        Boolean liveReported,
        Boolean liveAfterChecks,
        Long checksDoneAtEpochMs,
        Start start,
        End end,
        /** where the first video frame is on the timeline (VOD), seconds */
        Double videoStart,
        /** the media element's duration (VOD) */
        Double duration,
        Decoded decoded,
        /** the track scenario's findings (runs with {@link PlayerHarness.TrackScenario}), else null */
        Tracks tracks,
        /** a live run with {@code watchMs}: the one session's playhead sampled over time, else null */
        Watch watch,
        long elapsedMs,
        /** HTTP statuses >= 400 and failed requests the browser saw */
        List<String> httpErrors,
        List<String> pageErrors,
        List<String> console,
        List<String> timeline,
        String json) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ListedRendition(int width, int height, long bandwidth, Long averageBandwidth, Long videoBandwidth,
            Long audioBandwidth, String codecs, String id) {

        public String size() {
            return width + "x" + height;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Check(int rendition, int width, int height, boolean ok, Double from, Double to, Double duration,
            Boolean ended, Integer videoWidth, Integer videoHeight, Decoded decoded, Boolean live) {
    }

    /** A seek the harness did not ask for, in the session named (start, rendition WxH, live). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Seek(String session, double from, double to) {

        /**
         * A jump forward over a gap: not a kick in place (a stall nudge), not a step back, not the jump over the delay
         * before the first frame.
         */
        public boolean gapJump() {
            return to - from > 0.1 && !(from <= 0.1 && to <= PlaybackAssertions.MAX_VIDEO_START + 0.2);
        }

        @Override
        public String toString() {
            return session + ": " + from + " -> " + to + " s";
        }
    }

    /**
     * One live session watched without intervention (page.js {@code watch}): its playhead every 250 ms, and the object
     * URLs of the MediaSources attached to the element (more than one: the player reloaded the stream).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Watch(List<Sample> samples, List<String> sources, boolean stoppedByTest) {
    }

    /** The playhead at wall-clock time {@code at} (epoch ms), and the video frames decoded so far. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Sample(long at, double time, boolean paused, boolean seeking, long frames, Boolean live,
            Double bufferedEnd) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Audio(int tracks, List<String> codecs) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Start(boolean ok, double from, double to) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record End(boolean reached, boolean ended, double currentTime, Double duration, Boolean liveAtEnd,
            Long atEpochMs) {
    }

    /** Chromium's decode counters: frames (including dropped ones) and audio/video bytes fed to the decoders. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Decoded(long frames, long droppedFrames, long audioBytes, long videoBytes) {
    }

    /**
     * What a track scenario saw (page.js {@code trackScenario}).
     *
     * @param audio the audio tracks as the player listed them once loaded (before anything was selected)
     * @param text the text tracks as listed once loaded
     * @param audioAfter / textAfter the same lists at the end of the run (which is active then)
     * @param textSelection the text language asked for and whether the player had it (null: none asked for)
     * @param audioSwitch the audio switch asked for and what followed (null: none asked for)
     * @param cueSamples one per asked media time: the active cues of the native text track the player renders into
     * @param cues every cue that track held at the end (first 100)
     * @param nativeTextTracks the video element's text tracks at the end (kind, label, language, mode, cue count)
     * @param tones with {@code probeAudio}: [media time, loudest frequency in Hz (0: silence)] every 0.25 s
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Tracks(List<Track> audio, List<Track> text, List<Track> audioAfter, List<Track> textAfter,
            TextSelection textSelection, AudioSwitch audioSwitch, List<CueSample> cueSamples, List<Cue> cues,
            List<NativeTextTrack> nativeTextTracks, List<List<Double>> tones) {

        /** The loudest frequency heard last at or before media time {@code t} (null: no probe or nothing yet). */
        public Double toneAt(double t) {
            Double hz = null;
            if (tones != null) {
                for (List<Double> tone : tones) {
                    if (tone.get(0) <= t) {
                        hz = tone.get(1);
                    }
                }
            }
            return hz;
        }
    }

    /**
     * An audio or text track as the player exposes it, normalised by page.js. Languages are as the player gives them
     * (Shaka and dash.js turn "eng" into "en"; compare with {@link TrackAssertions#sameLanguage}).
     *
     * @param channels hls.js: CHANNELS; Shaka: channelsCount (HLS CHANNELS or DASH AudioChannelConfiguration);
     *        dash.js: AudioChannelConfiguration value. Null when the player has none.
     * @param roles Shaka/dash.js: DASH Role values (Shaka also lists HLS CHARACTERISTICS); hls.js: CHARACTERISTICS
     * @param isDefault hls.js: DEFAULT=YES; Shaka: primary (HLS DEFAULT=YES, DASH Role main); dash.js: Role main
     * @param kind text tracks: hls.js "SUBTITLES", Shaka "subtitle", dash.js the mime type
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Track(String id, String language, String label, String channels, List<String> roles, String kind,
            @JsonProperty("default") boolean isDefault, boolean active, Boolean forced, String codecs, String group) {

        @Override
        public String toString() {
            return language + (label == null ? "" : " '" + label + "'") + (channels == null ? "" : " " + channels + "ch")
                    + (roles == null || roles.isEmpty() ? "" : " " + roles) + (isDefault ? " default" : "")
                    + (active ? " active" : "");
        }
    }

    /**
     * The text language asked for: {@code ok} when the player had it; {@code cuesBeforePlay} whether its first cues
     * were in the native track before playing (after {@code readyMs}); null for dash.js, which fills it while playing.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TextSelection(String language, boolean ok, String error, Boolean cuesBeforePlay, Long readyMs) {
    }

    /**
     * The audio switch: asked for at {@code requestedAt}, made at media time {@code at}; {@code activeAt} when the
     * player first reported the language active; playback then reached {@code to} ({@code advanced} s after the
     * switch, or {@code ended}). {@code ok}: reported active, advanced keepPlayingSeconds (or ended), no media error.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AudioSwitch(String language, double requestedAt, Double at, Double activeAt, boolean activeReported,
            boolean ok, Double to, Double advanced, Boolean ended, String error) {
    }

    /** The active cues at media time {@code time} (the first poll at or after {@code at}); {@code missed}: never reached. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CueSample(double at, Double time, String track, List<Cue> active, Boolean missed) {
    }

    /** A cue as the player put it on the media timeline (its text without tags). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Cue(String text, double start, double end) {

        @Override
        public String toString() {
            return "'" + text + "' " + start + "-" + end + " s";
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NativeTextTrack(String kind, String label, String language, String mode, Integer cues) {
    }

    PlaybackReport withJson(String raw) {
        return new PlaybackReport(player, url, live, failures, timingFailures, errors, warnings, unrequestedSeeks, stalls, renditions, checks,
                audio, liveReported, liveAfterChecks, checksDoneAtEpochMs, start, end, videoStart, duration, decoded,
                tracks, watch, elapsedMs, httpErrors, pageErrors, console, timeline, raw);
    }

    @Override
    public String toString() {
        return player + " on " + url + ": failures " + failures + ", errors " + errors + ", http " + httpErrors;
    }
}
