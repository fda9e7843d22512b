package io.github.streamgear.camel.springboot;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps {@link StreamGearComponentConfiguration} in step with the component: every option in the componentProperties
 * of the component's generated streamgear.json must be a property of the class, under the same name, with a
 * compatible type, the same default and the same description in META-INF/spring-configuration-metadata.json (which
 * spring-boot-configuration-processor writes from the fields and their javadoc), and the class must have nothing
 * else. Add an option to the component and this test fails until the starter has it too.
 */
class StreamGearComponentConfigurationTest {

    private static final String PREFIX = "camel.component.streamgear.";
    /** Properties of the auto-configuration itself, not options of the component. */
    private static final Set<String> OWN = Set.of("enabled", "customizer.enabled");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Map<String, JsonNode> options;
    private static Map<String, JsonNode> metadata;

    @BeforeAll
    static void read() throws IOException {
        options = new LinkedHashMap<>();
        JsonNode component = readJson(StreamGearComponentConfigurationTest.class.getClassLoader()
                .getResource("META-INF/io/github/streamgear/camel/streamgear.json"));
        component.get("componentProperties").fields().forEachRemaining(e -> options.put(e.getKey(), e.getValue()));

        metadata = new LinkedHashMap<>();
        for (URL url : Collections.list(StreamGearComponentConfigurationTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            for (JsonNode property : readJson(url).get("properties")) {
                String name = property.get("name").asText();
                if (name.startsWith(PREFIX)) {
                    metadata.put(name.substring(PREFIX.length()), property);
                }
            }
        }
        assertTrue(options.size() > 40, "read the component's options: " + options.keySet());
        assertTrue(metadata.size() > 40, "read the starter's configuration metadata: " + metadata.keySet());
    }

    private static JsonNode readJson(URL url) throws IOException {
        assertNotNull(url, "resource on the test classpath");
        try (InputStream in = url.openStream()) {
            return JSON.readTree(in);
        }
    }

    @Test
    void everyOptionOfTheComponentIsAPropertyAndNothingElse() {
        Set<String> expected = new TreeSet<>();
        options.keySet().forEach(option -> expected.add(dashed(option)));
        Set<String> actual = new TreeSet<>(metadata.keySet());
        actual.removeAll(OWN);

        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        Set<String> extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        assertTrue(missing.isEmpty() && extra.isEmpty(), "StreamGearComponentConfiguration is out of step with"
                + " streamgear.json: add a field (with the option's description as javadoc) for " + missing
                + "; remove " + extra);
    }

    /** The customizer sets each property through the component's configurer by field name: it must be the option's. */
    @Test
    void everyFieldIsNamedLikeItsOption() {
        List<String> wrong = new ArrayList<>();
        for (Field field : StreamGearComponentConfiguration.class.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) && !"enabled".equals(field.getName())
                    && !options.containsKey(field.getName())) {
                wrong.add(field.getName());
            }
        }
        assertEquals(List.of(), wrong, "fields that are no option of the component (streamgear.json)");
    }

    @Test
    void everyPropertyHasTheOptionsDescription() {
        List<String> differ = new ArrayList<>();
        options.forEach((option, json) -> {
            JsonNode property = metadata.get(dashed(option));
            String documented = property == null || !property.has("description") ? "" : property.get("description").asText();
            if (!normalise(json.get("description").asText()).equals(normalise(documented))) {
                differ.add(option + ":\n  component: " + json.get("description").asText() + "\n  starter:   " + documented);
            }
        });
        assertEquals("", String.join("\n", differ), "javadoc of StreamGearComponentConfiguration fields");
        assertTrue(metadata.get("enabled").has("description"), "camel.component.streamgear.enabled is documented");
    }

    @Test
    void everyPropertyHasTheOptionsDefault() {
        List<String> differ = new ArrayList<>();
        options.forEach((option, json) -> {
            JsonNode property = metadata.get(dashed(option));
            String component = json.has("defaultValue") ? json.get("defaultValue").asText() : null;
            String starter = property == null || !property.has("defaultValue") ? null : property.get("defaultValue").asText();
            if (!sameDefault(json.get("type").asText(), component, starter)) {
                differ.add(option + ": component " + component + ", starter " + starter);
            }
        });
        assertEquals(List.of(), differ, "field initialisers of StreamGearComponentConfiguration");
    }

    @Test
    void everyPropertyHasTheOptionsType() {
        List<String> differ = new ArrayList<>();
        options.forEach((option, json) -> {
            JsonNode property = metadata.get(dashed(option));
            String expected = springType(json.get("type").asText(), json.get("javaType").asText());
            String actual = property == null ? null : property.get("type").asText();
            if (!expected.equals(actual)) {
                differ.add(option + ": expected " + expected + ", is " + actual);
            }
        });
        assertEquals(List.of(), differ, "field types of StreamGearComponentConfiguration");
    }

    /** The metadata type the property of an option of this Camel type and Java type must have. */
    static String springType(String type, String javaType) {
        if ("duration".equals(type)) {
            return "java.time.Duration"; // Spring Boot's 30s, 500ms or plain milliseconds
        }
        return switch (javaType) {
            case "boolean" -> "java.lang.Boolean";
            case "int" -> "java.lang.Integer";
            case "long" -> "java.lang.Long";
            case "double" -> "java.lang.Double";
            default -> javaType.replace(", ", ",");
        };
    }

    private static boolean sameDefault(String type, String component, String starter) {
        if (component == null || starter == null) {
            return component == null && starter == null;
        }
        return switch (type) {
            case "duration" -> starter.equals(component + "ms");
            case "integer", "number" -> Double.parseDouble(component) == Double.parseDouble(starter);
            case "enum" -> component.equalsIgnoreCase(starter);
            default -> component.equals(starter);
        };
    }

    /** {@code s3DeleteOperation} to {@code s3-delete-operation}, as Spring Boot names properties. */
    static String dashed(String option) {
        StringBuilder b = new StringBuilder();
        for (char c : option.toCharArray()) {
            if (Character.isUpperCase(c)) {
                b.append('-').append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String normalise(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }
}
