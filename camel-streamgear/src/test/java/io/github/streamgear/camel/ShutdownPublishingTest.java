package io.github.streamgear.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.streamgear.engine.frames.PixelFormat;
import io.github.streamgear.testing.Processes;
import io.github.streamgear.testing.TestFrames;
import io.github.streamgear.testing.TestMedia;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A graceful context stop publishes everything that was produced: the consumer stays up until the routes that feed its
 * jobs are done and its queue is drained, and live sessions ended by the stop get their final manifests published.
 */
class ShutdownPublishingTest extends CamelTestSupport {

    @TempDir
    Path work;

    @TempDir
    Path published;

    /** The content of every playlist version at the moment it was published, in order. */
    private final List<String> playlists = new ArrayList<>();
    private final Map<String, String> publishedWrites = new ConcurrentHashMap<>();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // -readrate 1 reads the 6 s source at its own pace: the job is still encoding when the context stops
                from("direct:in").to("streamgear:vod?format=hls&segmentDuration=1&input.readrate=1&outputDir=" + work);
                from("streamgear:vod").to("file:" + published);
                from("streamgear:cam").process(e -> {
                    String name = e.getIn().getHeader(Exchange.FILE_NAME, String.class);
                    if ("write".equals(e.getIn().getHeader(StreamGearConstants.OPERATION))) {
                        publishedWrites.put(name, "");
                        if (name.endsWith("stream_180p.m3u8")) {
                            synchronized (playlists) {
                                playlists.add(Files.readString(e.getIn().getBody(java.io.File.class).toPath()));
                            }
                        }
                    }
                });
            }
        };
    }

    @AfterEach
    void noProcessLeft() {
        assertEquals(List.of(), Processes.leftoverFfmpeg(), "FFmpeg processes left running");
    }

    @Test
    void contextStopWaitsForTheRunningJobAndPublishesAllItsFiles() throws Exception {
        context.getShutdownStrategy().setTimeout(60);
        CompletableFuture<Exchange> job = template.asyncSend("direct:in",
                e -> e.getIn().setBody(TestMedia.noAudio().toFile()));
        Thread.sleep(1500);
        assertFalse(job.isDone(), "the job is still encoding when the context stops");

        context.stop();

        Exchange done = job.get(5, TimeUnit.SECONDS);
        assertNull(done.getException());
        assertTrue(Files.exists(work.resolve("no-audio/manifest.m3u8")), "the job finished");
        assertEquals(PublishingOrderTest.tree(work), PublishingOrderTest.tree(published),
                "every file of the job that succeeded was published before the consumer stopped");
    }

    @Test
    void contextStopPublishesTheFinalisedLiveStream() throws Exception {
        context.getShutdownStrategy().setTimeout(60);
        String uri = "streamgear:cam?format=hls&livestream=true&segmentDuration=1&frameWidth=320&frameHeight=180"
                + "&inputFramerate=25&preset=ultrafast&outputDir=" + work;
        for (int i = 0; i < 3 * 25; i++) {
            int n = i;
            assertNull(template.request(uri, e -> e.getIn().setBody(TestFrames.frame(PixelFormat.BGR24, 320, 180, n)))
                    .getException());
        }

        context.stop();

        String onDisk = Files.readString(work.resolve("cam/stream_180p.m3u8"));
        assertTrue(onDisk.contains("#EXT-X-ENDLIST"), "finalised on disk:\n" + onDisk);
        synchronized (playlists) {
            assertFalse(playlists.isEmpty(), "playlists were published");
            assertEquals(onDisk, playlists.get(playlists.size() - 1), "the last published playlist is the final one");
        }
        for (String line : onDisk.lines().filter(l -> !l.startsWith("#")).toList()) {
            assertTrue(publishedWrites.containsKey("cam/" + line), "segment " + line + " was published: "
                    + publishedWrites.keySet());
        }
    }
}
