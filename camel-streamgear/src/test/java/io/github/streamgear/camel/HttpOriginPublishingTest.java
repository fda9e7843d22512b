package io.github.streamgear.camel;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.github.streamgear.engine.frames.PixelFormat;
import io.github.streamgear.testing.HttpOrigin;
import io.github.streamgear.testing.TestFrames;
import io.github.streamgear.testing.TestMedia;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Publishing to a real HTTP origin (nginx with WebDAV PUT/DELETE) with camel-http, then reading it back over HTTP. */
class HttpOriginPublishingTest extends CamelTestSupport {

    @TempDir
    static Path work;

    @TempDir
    static Path originDir;

    static HttpOrigin origin;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startOrigin() throws Exception {
        origin = HttpOrigin.start(originDir);
    }

    @AfterAll
    static void stopOrigin() throws Exception {
        origin.close();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // CamelHttpMethod (PUT/DELETE) and CamelHttpPath are set by the consumer: no glue
                from("streamgear:web").to(origin.url() + "?throwExceptionOnFailure=true");
            }
        };
    }

    @Test
    void vodOutputIsServedByTheOriginAsWritten() throws Exception {
        Exchange x = template.request("streamgear:web?format=dash&streams=320x180&outputDir=" + work,
                e -> e.getIn().setBody(TestMedia.standard().toFile()));
        assertNull(x.getException());
        HttpResponse<byte[]> mpd = awaitGet("/standard/manifest.mpd");
        assertEquals(200, mpd.statusCode());
        assertEquals("application/dash+xml", mpd.headers().firstValue("Content-Type").orElse(""));
        assertArrayEquals(Files.readAllBytes(work.resolve("standard/manifest.mpd")), mpd.body());
        try (var files = Files.list(work.resolve("standard"))) {
            for (Path f : files.toList()) {
                HttpResponse<byte[]> got = get("/standard/" + f.getFileName());
                assertEquals(200, got.statusCode(), f.getFileName().toString());
                assertArrayEquals(Files.readAllBytes(f), got.body(), f.getFileName().toString());
            }
        }
    }

    @Test
    void liveWindowIsMirroredIncludingDeletes() throws Exception {
        String uri = "streamgear:web?format=hls&hlsSegmentType=fmp4&livestream=true&windowSize=3&extraWindowSize=1"
                + "&segmentDuration=1&frameWidth=320&frameHeight=180&inputFramerate=25&preset=ultrafast&outputDir=" + work;
        TestFrames.paceRealTime(25, 10 * 25, n -> template.request(uri, e -> {
            e.getIn().setBody(TestFrames.frame(PixelFormat.BGR24, 320, 180, n));
            e.getIn().setHeader(StreamGearConstants.JOB_ID, "live");
        }));
        template.request(uri, e -> {
            e.getIn().setHeader(StreamGearConstants.JOB_ID, "live");
            e.getIn().setHeader(StreamGearConstants.END_OF_STREAM, true);
        });
        HttpResponse<byte[]> playlist = awaitBody("/live/stream_180p.m3u8", "#EXT-X-ENDLIST");
        assertArrayEquals(Files.readAllBytes(work.resolve("live/stream_180p.m3u8")), playlist.body());
        assertEquals(404, get("/live/stream_180p_00000.m4s").statusCode(), "segments the window dropped were deleted");
        try (var files = Files.list(work.resolve("live"))) {
            for (Path f : files.toList()) {
                assertEquals(200, get("/live/" + f.getFileName()).statusCode(), f.getFileName().toString());
            }
        }
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(origin.url() + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> awaitGet(String path) throws Exception {
        return awaitBody(path, "");
    }

    private HttpResponse<byte[]> awaitBody(String path, String contains) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        HttpResponse<byte[]> response;
        do {
            response = get(path);
            if (response.statusCode() == 200 && new String(response.body()).contains(contains)) {
                return response;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        assertTrue(false, path + " never served with " + contains + ": " + response.statusCode());
        return response;
    }
}
