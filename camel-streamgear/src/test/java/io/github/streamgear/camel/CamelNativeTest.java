package io.github.streamgear.camel;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.github.streamgear.engine.frames.PixelFormat;
import io.github.streamgear.engine.settings.HlsSegmentType;
import io.github.streamgear.engine.settings.StreamFormat;
import io.github.streamgear.testing.TestMedia;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the component fits Camel's habits: a typed URI builder, a health check, statistics over JMX. */
class CamelNativeTest {

    @TempDir
    Path out;

    @Test
    void typedBuilderRoundTripsThroughTheUriParser() throws Exception {
        Path dir = out.resolve("with space & symbols + 100%");
        String uri = StreamGearUri.endpoint("cam").format(StreamFormat.CMAF).outputDir(dir).rendition(640, 360, 800)
                .rendition(426, 240).segmentDuration(2).frames(1280, 720, PixelFormat.RGB24, 29.97).live(5, 3).lowLatency()
                .hlsSegmentType(HlsSegmentType.FMP4).option("ffmpeg.tune", "film").option("preset", "fast").build();
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            StreamGearConfiguration c = context.getEndpoint(uri, StreamGearEndpoint.class).getConfiguration();
            assertEquals(StreamFormat.CMAF, c.getFormat());
            assertEquals(dir.toString(), c.getOutputDir());
            assertEquals("640x360@800k,426x240", c.getStreams());
            assertEquals(2.0, c.getSegmentDuration());
            assertEquals(1280, c.getFrameWidth());
            assertEquals(PixelFormat.RGB24, c.getPixelFormat());
            assertEquals(29.97, c.getInputFramerate());
            assertTrue(c.isLivestream() && c.isLowLatency());
            assertEquals(5, c.getWindowSize());
            assertEquals(3, c.getExtraWindowSize());
            assertEquals(HlsSegmentType.FMP4, c.getHlsSegmentType());
            assertEquals("film", c.getFfmpegOptions().get("tune"));
            assertEquals("fast", c.getPreset());
            assertTrue(c.isFramesMode());
        }
    }

    @Test
    void readinessReportsTheFfmpegFoundOrWhyNot() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            context.getComponent("streamgear"); // the component registers its health check when it starts
            HealthCheck.Result ok = streamgear(HealthCheckHelper.invokeReadiness(context));
            assertEquals(HealthCheck.State.UP, ok.getState(), String.valueOf(ok.getMessage()));
            assertTrue(String.valueOf(ok.getDetails().get("ffmpeg.version")).matches("\\d.*"), ok.getDetails().toString());
        }
        try (CamelContext context = new DefaultCamelContext()) {
            StreamGearComponent component = new StreamGearComponent();
            component.setFfmpegPath("/opt/missing/ffmpeg");
            context.addComponent("streamgear", component);
            context.start();
            HealthCheck.Result down = streamgear(HealthCheckHelper.invokeReadiness(context));
            assertEquals(HealthCheck.State.DOWN, down.getState());
            assertTrue(down.getMessage().orElse("").contains("option ffmpegPath=/opt/missing/ffmpeg (does not exist)"),
                    down.getMessage().orElse(""));
            HealthCheck.Result live = streamgear(HealthCheckHelper.invokeLiveness(context));
            assertEquals(HealthCheck.State.UP, live.getState(), "no session is broken");
        }
    }

    @Test
    void jobStatisticsAreVisibleOverJmx() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:jobs").to("streamgear:stats?format=hls&outputDir=" + out);
                }
            });
            context.start();
            context.createProducerTemplate().requestBody("direct:jobs", TestMedia.noAudio().toFile());
            context.createProducerTemplate().request("direct:jobs", x -> x.getIn().setBody(out.resolve("missing.mp4").toFile()));

            MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
            Set<ObjectName> names = jmx.queryNames(new ObjectName("org.apache.camel:type=endpoints,*"), null);
            ObjectName endpoint = names.stream().filter(n -> n.toString().contains("streamgear")).findFirst().orElseThrow();
            assertEquals(1L, jmx.getAttribute(endpoint, "JobsSucceeded"));
            assertEquals(1L, jmx.getAttribute(endpoint, "JobsFailed"));
            assertTrue((Long) jmx.getAttribute(endpoint, "SegmentsProduced") >= 2);
            assertTrue((Long) jmx.getAttribute(endpoint, "BytesProduced") > 10_000);
            assertTrue((Double) jmx.getAttribute(endpoint, "AverageEncodeSpeed") > 0);
            assertEquals(0, jmx.getAttribute(endpoint, "SessionsOpen"));
        }
    }

    private static HealthCheck.Result streamgear(Collection<HealthCheck.Result> results) {
        assertFalse(results.isEmpty(), "health checks ran");
        return results.stream().filter(r -> "streamgear".equals(r.getCheck().getId())).findFirst()
                .orElseThrow(() -> new AssertionError("no streamgear health check in " + results));
    }
}
