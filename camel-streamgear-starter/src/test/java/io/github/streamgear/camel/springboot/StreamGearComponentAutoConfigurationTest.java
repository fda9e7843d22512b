package io.github.streamgear.camel.springboot;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.streamgear.camel.StreamGearComponent;
import io.github.streamgear.camel.StreamGearComponentConfigurer;
import io.github.streamgear.camel.StreamGearConfiguration;
import io.github.streamgear.engine.ladder.Rendition;
import io.github.streamgear.engine.protection.KeyProvider;
import io.github.streamgear.engine.settings.StreamFormat;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The auto-configuration in a Spring application context with Camel's own auto-configuration: properties reach the
 * streamgear component, unknown or malformed ones stop the application, naming the key.
 */
class StreamGearComponentAutoConfigurationTest {

    /** A key provider bean the keyProvider option names (#bean:testKeyProvider); never asked for a key here. */
    private static final KeyProvider TEST_KEYS = request -> {
        throw new IllegalStateException("not used");
    };

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CamelAutoConfiguration.class, StreamGearComponentConverter.class,
                    StreamGearComponentAutoConfiguration.class));

    private static StreamGearComponent component(org.springframework.context.ApplicationContext context) {
        return context.getBean(CamelContext.class).getComponent("streamgear", StreamGearComponent.class);
    }

    /**
     * Every option of streamgear.json, set to a value other than its default through its property, is what the
     * component then has (read back through the component's generated configurer).
     */
    @Test
    void everyOptionsPropertyReachesTheComponent() throws IOException {
        Map<String, Object> expected = new LinkedHashMap<>();
        List<String> properties = new ArrayList<>();
        List<String> options = new ArrayList<>();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/io/github/streamgear/camel/streamgear.json")) {
            new ObjectMapper().readTree(in).get("componentProperties").fields().forEachRemaining(e -> {
                options.add(e.getKey());
                String option = e.getKey();
                JsonNode json = e.getValue();
                String key = StreamGearComponentAutoConfiguration.key(option);
                String defaultValue = json.has("defaultValue") ? json.get("defaultValue").asText() : null;
                switch (json.get("type").asText()) {
                    case "boolean" -> {
                        boolean value = !"true".equals(defaultValue);
                        properties.add(key + "=" + value);
                        expected.put(option, value);
                    }
                    case "integer" -> {
                        properties.add(key + "=7");
                        expected.put(option, 7);
                    }
                    case "number" -> {
                        properties.add(key + "=2.5");
                        expected.put(option, 2.5);
                    }
                    case "duration" -> {
                        properties.add(key + "=7s"); // Spring Boot's duration syntax; Camel options take milliseconds
                        expected.put(option, 7000L);
                    }
                    case "string" -> {
                        properties.add(key + "=value-of-" + option);
                        expected.put(option, "value-of-" + option);
                    }
                    case "enum" -> {
                        String value = null;
                        for (JsonNode constant : json.get("enum")) {
                            if (!constant.asText().equals(defaultValue)) {
                                value = constant.asText();
                            }
                        }
                        properties.add(key + "=" + value);
                        expected.put(option, value);
                    }
                    case "object" -> {
                        if (json.get("javaType").asText().startsWith("java.util.Map")) {
                            properties.add(key + ".tune=film");
                            expected.put(option, Map.of("tune", "film"));
                        } else if (json.get("javaType").asText().equals(KeyProvider.class.getName())) {
                            properties.add(key + "=#bean:testKeyProvider");
                            expected.put(option, TEST_KEYS);
                        } // configuration: see configurationNamesABeanWhoseValuesTheOtherPropertiesDoNotOverride
                    }
                    case "array" -> {
                        properties.add(key + "[0].width=640");
                        properties.add(key + "[0].height=360");
                        properties.add(key + "[0].bitrate-kbps=800");
                        expected.put(option, List.of(new Rendition(640, 360, 800)));
                    }
                    default -> throw new AssertionError("no test value for option " + option + " of type " + json.get("type"));
                }
            });
        }
        assertEquals(options.size() - 1, expected.size(), "every option but configuration has a test value: "
                + expected.keySet());

        runner.withBean("testKeyProvider", KeyProvider.class, () -> TEST_KEYS)
                .withPropertyValues(properties.toArray(String[]::new)).run(context -> {
            assertNull(context.getStartupFailure(), "the application started");
            StreamGearComponent component = component(context);
            StreamGearComponentConfigurer configurer = new StreamGearComponentConfigurer();
            List<String> differ = new ArrayList<>();
            expected.forEach((option, value) -> {
                Object actual = configurer.getOptionValue(component, option, false);
                boolean same = actual instanceof Enum<?> constant
                        ? constant.name().equalsIgnoreCase(value.toString().replace('-', '_'))
                        : value.equals(actual);
                if (!same) {
                    differ.add(option + ": set " + value + ", component has " + actual);
                }
            });
            assertEquals(List.of(), differ);
        });
    }

    @Test
    void withoutPropertiesTheComponentKeepsItsDefaults() {
        runner.run(context -> {
            StreamGearConfiguration defaults = new StreamGearConfiguration();
            StreamGearConfiguration actual = component(context).getConfiguration();
            assertEquals(defaults.getFormat(), actual.getFormat());
            assertEquals(defaults.getSegmentDuration(), actual.getSegmentDuration());
            assertEquals(defaults.getFfmpegPath(), actual.getFfmpegPath());
            assertEquals(2, component(context).getMaxConcurrentJobs());
        });
    }

    /**
     * configuration=#bean:name makes that bean the component's configuration; the other properties are set on top of
     * it, and only the ones the application sets: the defaults of the properties class do not overwrite the bean.
     */
    @Test
    void configurationNamesABeanWhoseValuesTheOtherPropertiesDoNotOverride() {
        runner.withBean("streamDefaults", StreamGearConfiguration.class, () -> {
            StreamGearConfiguration defaults = new StreamGearConfiguration();
            defaults.setFormat(StreamFormat.HLS);
            defaults.setSegmentDuration(2);
            return defaults;
        }).withPropertyValues("camel.component.streamgear.configuration=#bean:streamDefaults",
                "camel.component.streamgear.streams=320x180").run(context -> {
                    StreamGearConfiguration actual = component(context).getConfiguration();
                    assertSame(context.getBean("streamDefaults"), actual);
                    assertEquals(StreamFormat.HLS, actual.getFormat());
                    assertEquals(2.0, actual.getSegmentDuration());
                    assertEquals("320x180", actual.getStreams());
                });
    }

    /** Environment variables bind by Spring Boot's relaxed rules, and count as set. */
    @Test
    void environmentVariablesSetOptions() {
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                new SystemEnvironmentPropertySource("test-systemEnvironment",
                        Map.of("CAMEL_COMPONENT_STREAMGEAR_SEGMENTDURATION", "1.5",
                                "CAMEL_COMPONENT_STREAMGEAR_FFMPEGPATH", "/opt/ffmpeg/bin"))))
                .run(context -> {
                    assertEquals(1.5, component(context).getConfiguration().getSegmentDuration());
                    assertEquals("/opt/ffmpeg/bin", component(context).getFfmpegPath());
                });
    }

    @Test
    void anUnknownPropertyStopsTheApplicationNamingIt() {
        runner.withPropertyValues("camel.component.streamgear.bogus-option=1").run(context -> {
            Throwable failure = context.getStartupFailure();
            assertNotNull(failure, "a context with camel.component.streamgear.bogus-option started");
            UnboundConfigurationPropertiesException unbound = cause(failure, UnboundConfigurationPropertiesException.class);
            assertTrue(unbound.getMessage().contains("camel.component.streamgear.bogus-option"), unbound.getMessage());
        });
    }

    @Test
    void aValueOfTheWrongTypeStopsTheApplicationNamingIt() {
        runner.withPropertyValues("camel.component.streamgear.format=mp4").run(context -> {
            Throwable failure = context.getStartupFailure();
            assertNotNull(failure, "a context with camel.component.streamgear.format=mp4 started");
            assertTrue(messages(failure).contains("camel.component.streamgear.format"), messages(failure));
        });
    }

    /**
     * A wrong ffmpeg-path is not refused when the properties are bound (FFmpeg may be installed later), but when the
     * first streamgear endpoint starts: the routes, and so the application, do not start; the failure names every
     * place looked at.
     */
    @Test
    void aWrongFfmpegPathStopsTheApplicationWhenTheRouteStarts() {
        runner.withPropertyValues("camel.component.streamgear.ffmpeg-path=/nonexistent/ffmpeg")
                .withBean(RouteBuilder.class, () -> new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("file:target/inbox-never-used").to("streamgear:vod?outputDir=target/never-written");
                    }
                }).run(context -> {
                    Throwable failure = context.getStartupFailure();
                    assertNotNull(failure, "the application started with ffmpeg-path=/nonexistent/ffmpeg");
                    assertTrue(messages(failure).contains("FFmpeg was not found or does not run. Looked at: option"
                            + " ffmpegPath=/nonexistent/ffmpeg (does not exist)"), messages(failure));
                });
    }

    @Test
    void enabledFalseLeavesTheComponentAlone() {
        runner.withPropertyValues("camel.component.streamgear.enabled=false", "camel.component.streamgear.segment-duration=2")
                .run(context -> assertEquals(4.0, component(context).getConfiguration().getSegmentDuration()));
    }

    /** customizer.enabled=false: the properties are still bound and checked, but not set on the component. */
    @Test
    void customizerEnabledFalseChecksThePropertiesButDoesNotSetThem() {
        runner.withPropertyValues("camel.component.streamgear.customizer.enabled=false",
                "camel.component.streamgear.segment-duration=2").run(context -> {
                    assertEquals(2.0, context.getBean(StreamGearComponentConfiguration.class).getSegmentDuration());
                    assertEquals(4.0, component(context).getConfiguration().getSegmentDuration());
                });
        runner.withPropertyValues("camel.component.streamgear.customizer.enabled=false",
                "camel.component.streamgear.bogus-option=1")
                .run(context -> assertNotNull(context.getStartupFailure(), "bogus-option refused"));
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + messages(failure), failure);
    }

    private static String messages(Throwable failure) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            b.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
        }
        return b.toString();
    }
}
