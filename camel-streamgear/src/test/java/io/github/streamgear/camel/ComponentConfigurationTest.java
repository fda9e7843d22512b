package io.github.streamgear.camel;

import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.streamgear.engine.frames.PixelFormat;
import io.github.streamgear.engine.settings.HlsSegmentType;
import io.github.streamgear.engine.settings.StreamFormat;
import io.github.streamgear.engine.settings.TranscodeSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The options model: a component-level configuration each endpoint copies, enum-typed options, defaults in one place. */
class ComponentConfigurationTest {

    @Test
    void everyEndpointStartsFromACopyOfTheComponentsConfiguration() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            StreamGearComponent component = context.getComponent("streamgear", StreamGearComponent.class);
            // as camel.component.streamgear.segment-duration=2 and .format=hls would
            PropertyBindingSupport.build().withMandatory(true).withConfigurer(new StreamGearComponentConfigurer())
                    .bind(context, component, new java.util.HashMap<>(Map.of("segmentDuration", "2", "format", "hls")));

            StreamGearEndpoint inherits = context.getEndpoint("streamgear:a?outputDir=/out", StreamGearEndpoint.class);
            StreamGearEndpoint overrides = context.getEndpoint("streamgear:b?outputDir=/out&format=cmaf", StreamGearEndpoint.class);
            assertEquals(2.0, inherits.getConfiguration().getSegmentDuration());
            assertEquals(StreamFormat.HLS, inherits.getConfiguration().getFormat());
            assertEquals(StreamFormat.CMAF, overrides.getConfiguration().getFormat());
            assertEquals(2.0, overrides.getConfiguration().getSegmentDuration());

            overrides.getConfiguration().getFfmpegOptions().put("tune", "film");
            assertNotSame(component.getConfiguration(), inherits.getConfiguration());
            assertEquals(Map.of(), component.getConfiguration().getFfmpegOptions(), "an endpoint's options are its own");
            assertEquals(Map.of(), inherits.getConfiguration().getFfmpegOptions());
        }
    }

    @Test
    void enumOptionsTakeTheirDocumentedValuesInAnyCase() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            StreamGearConfiguration c = context.getEndpoint("streamgear:x?outputDir=/out&format=Cmaf&hlsSegmentType=FMP4"
                    + "&mode=frames&pixelFormat=nv12&frameWidth=2&frameHeight=2&events=progress", StreamGearEndpoint.class)
                    .getConfiguration();
            assertEquals(StreamFormat.CMAF, c.getFormat());
            assertEquals(HlsSegmentType.FMP4, c.getHlsSegmentType());
            assertEquals(StreamGearMode.FRAMES, c.getMode());
            assertEquals(PixelFormat.NV12, c.getPixelFormat());
            assertEquals(StreamGearEvents.PROGRESS, c.getEvents());
        }
    }

    /** The component page's example: renditions as a #bean list of Rendition, used instead of streams. */
    @Test
    void renditionsTakeABeanListOfRendition() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            java.util.List<io.github.streamgear.engine.ladder.Rendition> ladder = java.util.List.of(
                    new io.github.streamgear.engine.ladder.Rendition(1280, 720, 2800),
                    new io.github.streamgear.engine.ladder.Rendition(640, 360, 800),
                    io.github.streamgear.engine.ladder.Rendition.of(426, 240));
            context.getRegistry().bind("ladder", ladder);
            StreamGearConfiguration c = context.getEndpoint(
                    "streamgear:vod?format=cmaf&renditions=#ladder&streams=320x180&outputDir=work/streams",
                    StreamGearEndpoint.class).getConfiguration();
            assertEquals(ladder, c.getRenditions());
            assertEquals(ladder, c.toSettings().encoding().extraRenditions());
        }
    }

    /** Each default is written once: the JSON's (from the annotations) is the configuration's and the engine's. */
    @Test
    void theDocumentedDefaultsAreTheOnesInEffect() throws Exception {
        JsonNode json;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/io/github/streamgear/camel/streamgear.json")) {
            assertNotNull(in);
            json = new ObjectMapper().readTree(in).path("properties");
        }
        try (CamelContext context = new DefaultCamelContext()) {
            StreamGearEndpoint endpoint = context.getEndpoint("streamgear:x", StreamGearEndpoint.class);
            StreamGearEndpointConfigurer configurer = new StreamGearEndpointConfigurer();
            int checked = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> option = it.next();
                if (!option.getValue().has("defaultValue")) {
                    continue;
                }
                Object actual = configurer.getOptionValue(endpoint, option.getKey(), false);
                Class<?> type = configurer.getOptionType(option.getKey(), false);
                Object documented = "java.time.Duration".equals(option.getValue().path("javaType").asText())
                        ? Long.parseLong(option.getValue().path("defaultValue").asText())
                        : context.getTypeConverter().mandatoryConvertTo(type, option.getValue().path("defaultValue").asText());
                assertEquals(documented, actual, option.getKey());
                checked++;
            }
            assertTrue(checked >= 25, checked + " options with a documented default");
            assertEquals(TranscodeSettings.DEFAULTS, new StreamGearConfiguration().toSettings(), "the engine's defaults");
        }
    }
}
