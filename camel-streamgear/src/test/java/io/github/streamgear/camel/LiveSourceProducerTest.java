package io.github.streamgear.camel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.streamgear.testing.SourceServer;
import io.github.streamgear.testing.TestMedia;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
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
