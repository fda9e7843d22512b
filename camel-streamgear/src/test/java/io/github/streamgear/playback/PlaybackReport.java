package io.github.streamgear.playback;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

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

    PlaybackReport withJson(String raw) {
        return new PlaybackReport(player, url, live, failures, timingFailures, errors, warnings, unrequestedSeeks, stalls, renditions, checks,
                audio, liveReported, liveAfterChecks, checksDoneAtEpochMs, start, end, videoStart, duration, decoded,
                elapsedMs, httpErrors, pageErrors, console, timeline, raw);
    }

    @Override
    public String toString() {
        return player + " on " + url + ": failures " + failures + ", errors " + errors + ", http " + httpErrors;
    }
}
