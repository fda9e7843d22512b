package io.github.streamgear.examples.liveorigin;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.streamgear.camel.StreamGearConstants;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.http.common.HttpHeaderFilterStrategy;

/**
 * Two routes:
 * <ol>
 * <li><b>frames</b>: a timer fires {@code fps} times a second; each firing draws one 640x360 frame
 * ({@link TestPattern}) and sends it to a live {@code streamgear:} session in frames mode. After the last frame of a
 * timed run it sends the end of the stream, and FFmpeg finalises the manifests.</li>
 * <li><b>publish</b>: every segment and manifest the session completes is {@code PUT} to the origin as soon as it is
 * complete (segments before the manifests that list them); every segment the live window drops is {@code DELETE}d
 * there. The consumer's messages carry {@code CamelHttpMethod} and {@code CamelHttpPath}, so camel-http needs nothing
 * else.</li>
 * </ol>
 */
class LiveRoutes extends RouteBuilder {

    static final int WIDTH = 640;
    static final int HEIGHT = 360;
    static final double SEGMENT_SECONDS = 2;
    static final int WINDOW_SIZE = 6;
    /**
     * Segments kept after they leave the window: RFC 8216 §6.2.2 wants a removed segment available for its own
     * duration plus the playlist's (2 s + 6 x 2 s = 14 s), i.e. 7 segments, longer than the component's default (4).
     */
    static final int EXTRA_WINDOW_SIZE = 7;

    private final Path streams;
    private final int fps;
    private final long frames;
    private final String origin;
    private final CompletableFuture<List<Message>> ended;

    /**
     * @param frames how many frames to send before ending the stream; 0 for no end (until the application stops)
     * @param ended  completed with the session's files once the end of the stream has been sent and FFmpeg finalised
     */
    LiveRoutes(Path streams, int fps, long frames, String origin, CompletableFuture<List<Message>> ended) {
        this.streams = streams;
        this.fps = fps;
        this.frames = frames;
        this.origin = origin;
        this.ended = ended;
    }

    /**
     * The live session: CMAF, i.e. one encode into fMP4 segments with both a DASH manifest ({@code manifest.mpd}) and an
     * HLS master playlist ({@code manifest.m3u8}) over them, so dash.js/Shaka and Safari/hls.js play the same files and
     * the origin and CDN store and cache each segment once.
     */
    String liveUri() {
        return "streamgear:live"
                + "?frameWidth=" + WIDTH + "&frameHeight=" + HEIGHT + "&inputFramerate=" + fps
                + "&format=cmaf&livestream=true"
                + "&segmentDuration=" + SEGMENT_SECONDS
                + "&windowSize=" + WINDOW_SIZE + "&extraWindowSize=" + EXTRA_WINDOW_SIZE
                + "&streams=426x240"
                + "&outputDir=RAW(" + streams + ")";
    }

    @Override
    public void configure() {
        TestPattern pattern = new TestPattern(WIDTH, HEIGHT, fps);

        // fixedRate: the timer keeps to n x period from its start, so the frame rate is the real one over time;
        // includeMetadata: the frame number is in exchange property CamelTimerCounter (1, 2, ...)
        from("timer:frames?fixedRate=true&includeMetadata=true&period=" + (1000 / fps) + (frames > 0 ? "&repeatCount=" + frames : ""))
            .routeId("frames")
            .onException(Exception.class)               // FFmpeg gone, say: end the run rather than fail every frame
                .handled(true)
                .log(LoggingLevel.ERROR, "Frame ${exchangeProperty.CamelTimerCounter} failed: ${exception.message}")
                .process(e -> ended.completeExceptionally(e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)))
            .end()
            .process(e -> e.getMessage().setBody(pattern.frame(e.getProperty(Exchange.TIMER_COUNTER, Long.class))))
            .to(liveUri())
            .filter(exchangeProperty(Exchange.TIMER_COUNTER).isEqualTo(frames))   // the last frame of a timed run
                .log("Sent " + frames + " frames; ending the stream")
                .setBody(constant(null))
                .setHeader(StreamGearConstants.END_OF_STREAM, constant(true))
                .to(liveUri())
                .process(this::ended);

        // camel-http sends Content-Type with the body but by default filters Cache-Control out of the request
        // headers; an origin (or a CDN reading the origin) should know how long each file may be cached
        HttpHeaderFilterStrategy originHeaders = new HttpHeaderFilterStrategy();
        originHeaders.getOutFilter().remove("cache-control");
        bindToRegistry("originHeaders", originHeaders);

        from("streamgear:live")
            .routeId("publish")
            .onException(Exception.class)   // the consumer logs a failed delivery and retries it: no second report
                .logExhausted(false)
            .end()
            .to(origin + "?throwExceptionOnFailure=true&headerFilterStrategy=#originHeaders")
            .log("${header.CamelHttpMethod} ${header.CamelHttpPath}: HTTP ${header.CamelHttpResponseCode}");
    }

    @SuppressWarnings("unchecked")
    private void ended(Exchange exchange) {
        ended.complete(exchange.getMessage().getBody(List.class));
    }
}
