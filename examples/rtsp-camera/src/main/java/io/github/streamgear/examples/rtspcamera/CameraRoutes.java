package io.github.streamgear.examples.rtspcamera;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import io.github.streamgear.camel.StreamGearConstants;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.http.common.HttpHeaderFilterStrategy;

/**
 * One route per camera: the {@code streamgear:} consumer opens the RTSP camera when the route starts, transcodes it into
 * a live HLS stream, and each file FFmpeg completes (or the live window drops) is one message, {@code PUT} to (or
 * {@code DELETE}d from) the origin. Stopping the route (Ctrl-C, {@code stopRoute("cam1")}, context shutdown) finalises
 * the stream: the last segments and an ended playlist reach the origin before the route stops.
 */
class CameraRoutes extends RouteBuilder {

    private final String camera;
    private final String origin;
    private final Path streams;
    private final CountDownLatch firstSegment = new CountDownLatch(1);

    /**
     * @param camera  the camera's URL, credentials included ({@code rtsp://user:password@host:554/stream}): the component
     *                masks them in every log line it writes
     * @param origin  base URL the files are PUT to
     * @param streams where FFmpeg writes the stream ({@code streams/cam1/...}) before it is published
     */
    CameraRoutes(String camera, String origin, Path streams) {
        this.camera = camera;
        this.origin = origin;
        this.streams = streams;
    }

    /**
     * The camera's endpoint. The user and password go into options sourceUsername and sourcePassword, not into the
     * videoSource URL: Camel masks secret options in the endpoint URIs it shows over JMX, never a URL inside another
     * option. RAW(...) keeps the values' own {@code &}, {@code @} and {@code :} out of Camel's option parsing.
     */
    String cameraUri() {
        URI url = URI.create(camera);
        String user = url.getRawUserInfo();
        String credentials = "";
        if (user != null) {
            int colon = user.indexOf(':');
            credentials = "&sourceUsername=RAW(" + decode(colon < 0 ? user : user.substring(0, colon)) + ")"
                    + (colon < 0 ? "" : "&sourcePassword=RAW(" + decode(user.substring(colon + 1)) + ")");
        }
        String withoutUser = user == null ? camera : camera.replaceFirst("://[^@/]*@", "://");
        return "streamgear:cam1?videoSource=RAW(" + withoutUser + ")" + credentials + "&livestream=true"
                + "&input.rtsp_transport=tcp"        // RTP over the RTSP connection: no UDP ports through NAT/firewalls
                + "&format=hls&segmentDuration=2&windowSize=6"
                + "&extraWindowSize=7"               // a dropped segment stays 14 s more for players still on it
                + "&sourceStallTimeout=5s"           // no packet for 5 s: the camera is lost, FFmpeg's ingest restarted
                + "&sourceLostLimit=10m"             // lost for 10 min: the stream is ended (finalised)
                + "&sourceLostGrace=30s"             // lost for 30 s: the health check says DOWN
                + "&outputDir=RAW(" + streams + ")";
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public void configure() {
        // camel-http filters Cache-Control out of requests by default; the origin should know what a CDN may cache
        HttpHeaderFilterStrategy originHeaders = new HttpHeaderFilterStrategy();
        originHeaders.getOutFilter().remove("cache-control");
        bindToRegistry("originHeaders", originHeaders);

        from(cameraUri())
            .routeId("cam1")
            .onException(Exception.class)    // the consumer logs a failed delivery and retries it, in order
                .logExhausted(false)
            .end()
            .choice()
                .when(header(StreamGearConstants.OPERATION).in("sourceLost", "sourceResumed"))
                    // the camera dropped or came back: the stream waits and goes on, nothing to publish
                    .log(LoggingLevel.WARN, "camera", "${header.CamelStreamGearOperation}: ${body}")
                .otherwise()
                    // CamelHttpMethod (PUT or DELETE) and CamelHttpPath (cam1/stream_0.m3u8) come with the message
                    .to(origin + "?throwExceptionOnFailure=true&headerFilterStrategy=#originHeaders")
                    .log("${header.CamelHttpMethod} ${header.CamelHttpPath}: HTTP ${header.CamelHttpResponseCode}")
                    .filter(header(StreamGearConstants.FILE_KIND).isEqualTo("segment"))
                        .process(e -> firstSegment.countDown());
    }

    /** Counted down once the first segment has reached the origin. */
    CountDownLatch firstSegment() {
        return firstSegment;
    }
}
