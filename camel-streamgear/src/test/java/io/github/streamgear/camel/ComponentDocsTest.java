package io.github.streamgear.camel;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The option and header tables of docs/streamgear-component.md are rendered from the component JSON that
 * camel-component-maven-plugin generates, so they cannot drift from the code. Run with
 * {@code -Dstreamgear.updateDocs=true} to rewrite them.
 */
class ComponentDocsTest {

    private static final Path DOC = Path.of("..", "docs", "streamgear-component.md");

    @Test
    void optionAndHeaderTablesMatchTheComponentJson() throws Exception {
        JsonNode json;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/io/github/streamgear/camel/streamgear.json")) {
            assertNotNull(in, "generated component JSON on the classpath");
            json = new ObjectMapper().readTree(in);
        }
        String doc = Files.readString(DOC);
        String expected = doc;
        expected = replaceSection(expected, "component-options", optionTable(json.path("componentProperties")));
        expected = replaceSection(expected, "endpoint-options", optionTable(json.path("properties")));
        expected = replaceSection(expected, "headers", headerTable(json.path("headers")));
        if (Boolean.getBoolean("streamgear.updateDocs")) {
            Files.writeString(DOC, expected);
            doc = expected;
        }
        assertEquals(expected, doc, DOC + " is out of date: run mvn test -Dtest=ComponentDocsTest -Dstreamgear.updateDocs=true");
    }

    private static String optionTable(JsonNode properties) {
        List<String> rows = new ArrayList<>(List.of("| Option | Group | Default | Type | Description |", "|---|---|---|---|---|"));
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode o = e.getValue();
            String def = o.has("defaultValue") ? "`" + o.get("defaultValue").asText() + "`" : "";
            rows.add("| `" + e.getKey() + "` | " + o.path("group").asText() + " | " + def + " | " + o.path("type").asText()
                    + " | " + cell(o.path("description").asText()) + " |");
        }
        return String.join("\n", rows);
    }

    private static String headerTable(JsonNode headers) {
        List<String> rows = new ArrayList<>(List.of("| Header | Type | Description |", "|---|---|---|"));
        for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            rows.add("| `" + e.getKey() + "` | " + e.getValue().path("javaType").asText() + " | "
                    + cell(e.getValue().path("description").asText()) + " |");
        }
        return String.join("\n", rows);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String replaceSection(String doc, String marker, String content) {
        String start = "<!-- " + marker + " -->\n";
        String end = "<!-- /" + marker + " -->";
        int a = doc.indexOf(start);
        int b = doc.indexOf(end);
        if (a < 0 || b < a) {
            throw new AssertionError(DOC + " lacks the markers " + start.trim() + " ... " + end);
        }
        return doc.substring(0, a + start.length()) + content + "\n" + doc.substring(b);
    }
}
