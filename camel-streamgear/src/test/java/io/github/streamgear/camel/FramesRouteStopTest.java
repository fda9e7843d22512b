package io.github.streamgear.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.streamgear.engine.frames.PixelFormat;
import io.github.streamgear.testing.Processes;
import io.github.streamgear.testing.TestFrames;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stopping the route that sends the frames ends its sessions at once: finalised, published, no FFmpeg left. */
class FramesRouteStopTest extends CamelTestSupport {

    @TempDir
    Path work;

    private final List<String> playlists = new CopyOnWriteArrayList<>();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // idleTimeout is long: only the route stop can end the session within the test
                from("direct:frames").routeId("frames")
                        .to("streamgear:cam?format=hls&livestream=true&segmentDuration=1&frameWidth=320&frameHeight=180"
                            + "&inputFramerate=25&preset=ultrafast&idleTimeout=120000&outputDir=" + work);
                from("streamgear:cam").process(e -> {
                    if (e.getIn().getHeader(org.apache.camel.Exchange.FILE_NAME, String.class).endsWith("stream_180p.m3u8")) {
                        playlists.add(Files.readString(e.getIn().getBody(java.io.File.class).toPath()));
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
    void stoppingTheFramesRouteEndsItsSession() throws Exception {
        for (int i = 0; i < 2 * 25; i++) {
            int n = i;
            assertNull(template.request("direct:frames", e -> e.getIn().setBody(TestFrames.frame(PixelFormat.BGR24, 320, 180, n)))
                    .getException());
        }

        context.getRouteController().stopRoute("frames");

        assertEquals(List.of(), Processes.leftoverFfmpeg(), "FFmpeg exited when the route stopped");
        String playlist = Files.readString(work.resolve("cam/stream_180p.m3u8"));
        assertTrue(playlist.contains("#EXT-X-ENDLIST"), "finalised:\n" + playlist);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(playlists.size() > 0 && playlists.get(playlists.size() - 1).equals(playlist)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(playlist, playlists.get(playlists.size() - 1), "the final playlist was published");
    }
}
