package io.github.streamgear.engine.settings;

/**
 * How a live stream is published: a sliding window of segments.
 *
 * @param windowSize      segments listed in the manifest / media playlists
 * @param extraWindowSize segments kept on disk after they leave the window, before they are deleted (RFC 8216
 *                        section 6.2.2 asks for them to stay available for a while)
 * @param removeAtExit    delete every segment and manifest when the stream ends, instead of finalising it
 * @param lowLatency      chunked CMAF (LL-DASH) for dash and cmaf; short segments for hls
 * @param utcTimingUrl    low latency: the time source players synchronise with (DASH UTCTiming); with it FFmpeg also
 *                        writes the producer reference time and target latency. May be null.
 */
public record LiveOptions(int windowSize, int extraWindowSize, boolean removeAtExit, boolean lowLatency,
        String utcTimingUrl) {

    public static final String DEFAULT_WINDOW_SIZE = "6";
    public static final String DEFAULT_EXTRA_WINDOW_SIZE = "4";

    public LiveOptions {
        if (windowSize < 1) {
            throw new IllegalArgumentException("Option 'windowSize' must be at least 1, got " + windowSize);
        }
        if (extraWindowSize < 0) {
            throw new IllegalArgumentException("Option 'extraWindowSize' cannot be negative, got " + extraWindowSize);
        }
    }
}
