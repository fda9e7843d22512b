package io.github.streamgear.camel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.streamgear.testing.SourceServer;
import io.github.streamgear.testing.TestMedia;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live sources started and stopped by message (the producer form): a route sends start and stop to the endpoint that
 * names the source, the stream's files reach the file consumer of the same name, stop returns once the stream is
 * finalised, and a source that cannot be opened fails the exchange.
 */
class LiveSourceProducerTest extends CamelTestSupport {

    private static final String LIVE = "&livestream=true&liveLoop=true&format=hls&segmentDuration=1&windowSize=3"
            + "&extraWindowSize=1&preset=ultrafast&progressInterval=0";

    /** A network source, its loss found by a 2 s stall and reported DOWN after 1 s. */
    private static final String CAMERA = "&livestream=true&format=hls&segmentDuration=1&windowSize=3&preset=ultrafast"
            + "&progressInterval=0&sourceStallTimeout=2s&sourceLostGrace=1s&sourceLostLimit=60s";

    @TempDir
    Path out;

    private final List<String> files = new CopyOnWriteArrayList<>();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("streamgear:lobby").routeId("files")
                        .process(e -> files.add(e.getIn().getHeader(StreamGearConstants.OPERATION) + " "
                                + e.getIn().getHeader(StreamGearConstants.FILE_NAME)));
                from("direct:camera").routeId("cameras")
                        .toD("streamgear:${header.camera}?videoSource=RAW(${header.url})&outputDir=" + out + CAMERA);
                from("direct:channel").routeId("control")
                        .toD("streamgear:${header.camera}?videoSource=RAW(${header.url})&outputDir=" + out + LIVE);
            }
        };
    }

    @Test
    void aStreamStartedAndStoppedByMessage() throws Exception {
        Exchange started = send("start", TestMedia.standard().toString());
        assertEquals(null, started.getException());
        assertEquals("lobby", started.getMessage().getHeader(StreamGearConstants.JOB_ID));
        Path playlist = out.resolve("lobby/stream_360p.m3u8");
        await(() -> mediaSequence(playlist) >= 2, "the live window advances");
        send("start", TestMedia.standard().toString()); // running already: nothing more starts
        assertEquals(1, SourceServer.componentFfmpeg().size(), SourceServer.componentFfmpeg().toString());

        Exchange stopped = send("stop", TestMedia.standard().toString());
        assertEquals(null, stopped.getException());
        assertTrue(Files.readString(playlist).contains("#EXT-X-ENDLIST"), "finalised when stop returns");
        assertEquals(List.of(), SourceServer.componentFfmpeg());
        assertTrue(files.contains("write lobby/stream_360p.m3u8"), "files reach the consumer: " + files);
        assertTrue(files.stream().anyMatch(f -> f.startsWith("delete ")), "the window moved: " + files);
    }

    /**
     * The exchange that started a stream cannot hear of its source later: the events go to the file consumers of the
     * same name (the route publishing its files), and the health check follows the stream as it follows a consumer's.
     */
    @Test
    void aStreamStartedByMessageReportsItsSourceToTheFileConsumersAndTheHealthCheck() throws Exception {
        int port = SourceServer.freePort();
        try (SourceServer server = SourceServer.serve("-f mpegts srt://127.0.0.1:" + port + "?mode=listener",
                out.resolve("server.log"))) {
            Exchange started = template.request("direct:camera", e -> {
                e.getIn().setHeader("camera", "lobby");
                e.getIn().setHeader("url", "srt://127.0.0.1:" + port);
            });
            assertEquals(null, started.getException());
            Path playlist = out.resolve("lobby/stream_180p.m3u8");
            await(() -> mediaSequence(playlist) >= 1, "the live window advances");
            assertEquals(HealthCheck.State.UP, liveness().getState(), "UP while the source sends");

            server.downFor(4_000);
            await(() -> files.contains("sourceLost null"), "the file consumer hears sourceLost: " + files);
            await(() -> liveness().getState() == HealthCheck.State.DOWN, "DOWN after sourceLostGrace");
            assertTrue(String.valueOf(liveness().getMessage().orElse("")).contains("live source lobby"),
                    String.valueOf(liveness().getMessage()));
            await(() -> files.contains("sourceResumed null"), "the file consumer hears sourceResumed: " + files);
            await(() -> liveness().getState() == HealthCheck.State.UP, "UP again");

            template.request("direct:camera", e -> {
                e.getIn().setHeader("camera", "lobby");
                e.getIn().setHeader("url", "srt://127.0.0.1:" + port);
                e.getIn().setHeader(StreamGearConstants.LIVE_ACTION, "stop");
            });
            assertTrue(Files.readString(playlist).contains("#EXT-X-ENDLIST"), "finalised when stop returns");
            assertEquals(List.of(), SourceServer.componentFfmpeg());
            assertTrue(files.indexOf("sourceLost null") < files.indexOf("sourceResumed null"), files.toString());
        }
    }

    private HealthCheck.Result liveness() {
        Collection<HealthCheck.Result> results = HealthCheckHelper.invokeLiveness(context);
        return results.stream().filter(r -> "streamgear".equals(r.getCheck().getId())).findFirst()
                .orElseThrow(() -> new AssertionError("no streamgear health check in " + results));
    }

    @Test
    void theRouteStoppingFinalisesAStreamItStarted() throws Exception {
        send("start", TestMedia.standard().toString());
        Path playlist = out.resolve("lobby/stream_360p.m3u8");
        await(() -> mediaSequence(playlist) >= 1, "the live window advances");
        context.getRouteController().stopRoute("control");
        assertTrue(Files.readString(playlist).contains("#EXT-X-ENDLIST"), "finalised with its route");
        assertEquals(List.of(), SourceServer.componentFfmpeg());
    }

    @Test
    void aSourceThatCannotBeOpenedOrAnUnknownActionFailsTheExchange() {
        Exchange missing = send("start", out.resolve("missing.mp4").toString());
        assertNotNull(missing.getException());
        assertTrue(missing.getException().getMessage().contains("missing.mp4"), missing.getException().getMessage());
        Exchange unknown = send("pause", TestMedia.standard().toString());
        assertNotNull(unknown.getException());
        assertTrue(unknown.getException().getMessage().contains("use start or stop"), unknown.getException().getMessage());
        assertEquals(List.of(), SourceServer.componentFfmpeg());
    }

    private Exchange send(String action, String url) {
        return template.send("direct:channel", e -> {
            e.getIn().setHeader("camera", "lobby");
            e.getIn().setHeader("url", url);
            e.getIn().setHeader(StreamGearConstants.LIVE_ACTION, action);
        });
    }

    private static long mediaSequence(Path playlist) {
        try {
            Matcher m = Pattern.compile("#EXT-X-MEDIA-SEQUENCE:(\\d+)")
                    .matcher(Files.exists(playlist) ? Files.readString(playlist) : "");
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + 60_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("Timed out waiting: " + what);
            }
            Thread.sleep(200);
        }
    }
}
