package io.github.streamgear.examples.vodfile;

import java.nio.file.Files;
import java.nio.file.Path;

import io.github.streamgear.camel.StreamGearEndpoint;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** -Dstreams: the ladder reaches the component as its streams option (no FFmpeg run: the endpoints are only resolved). */
class VodFileRoutesTest {

    private static final Path OUT = Path.of("target/vod-file-routes-test");

    @Test
    void theDefaultLadderIsTheDocumentedOne() throws Exception {
        assertEquals(VodFileRoutes.LADDER, streamsOf(new VodFileRoutes(OUT)));
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains("| `streams` | `" + VodFileRoutes.LADDER + "` |"), "README.md documents -Dstreams");
    }

    @Test
    void streamsReplacesTheLadder() throws Exception {
        assertEquals("1280x720@2500k,854x480,640x360@800k",
                streamsOf(new VodFileRoutes(OUT, " 1280x720@2500k,854x480,640x360@800k ")));
    }

    @Test
    void emptyStreamsKeepsTheSourceSizeRenditionOnly() throws Exception {
        VodFileRoutes routes = new VodFileRoutes(OUT, "");
        assertFalse(routes.streamgear("hls").contains("streams="), routes.streamgear("hls"));
        assertNull(streamsOf(routes));
    }

    private static String streamsOf(VodFileRoutes routes) throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            StreamGearEndpoint endpoint = context.getEndpoint(routes.streamgear("dash"), StreamGearEndpoint.class);
            return endpoint.getConfiguration().getStreams();
        }
    }
}
