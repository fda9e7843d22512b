package io.github.streamgear.camel;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The option and header tables of docs/streamgear-component.md and docs/streamgear-component.adoc (the component page
 * in Camel's own format) are rendered from the component JSON that camel-component-maven-plugin generates, so they
 * cannot drift from the code. Run with {@code -Dstreamgear.updateDocs=true} to rewrite them.
 */
class ComponentDocsTest {

    private static final Path DOC = Path.of("..", "docs", "streamgear-component.md");
    private static final Path ADOC = Path.of("..", "docs", "streamgear-component.adoc");
    private static final String UPDATE = "run mvn test -Dtest=ComponentDocsTest -Dstreamgear.updateDocs=true";

    private static JsonNode json;

    @BeforeAll
    static void readComponentJson() throws Exception {
        try (InputStream in = ComponentDocsTest.class.getResourceAsStream("/META-INF/io/github/streamgear/camel/streamgear.json")) {
            assertNotNull(in, "generated component JSON on the classpath");
            json = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void optionAndHeaderTablesMatchTheComponentJson() throws Exception {
        String doc = Files.readString(DOC);
        String expected = doc;
        expected = replaceSection(DOC, expected, "<!-- component-options -->\n", "<!-- /component-options -->",
                optionTable(json.path("componentProperties")) + "\n");
        expected = replaceSection(DOC, expected, "<!-- endpoint-options -->\n", "<!-- /endpoint-options -->",
                optionTable(json.path("properties")) + "\n");
        expected = replaceSection(DOC, expected, "<!-- headers -->\n", "<!-- /headers -->", headerTable(json.path("headers")) + "\n");
        verifyOrUpdate(DOC, doc, expected);
    }

    /**
     * The AsciiDoc page: its header attributes (description, since, support level, artifact, producer/consumer) and
     * everything between {@code // component options: START} and {@code END} (the markers Camel's own pages use) are
     * rendered from the JSON: every component option, the URI syntax, every path and query parameter, every header.
     */
    @Test
    void asciiDocPageMatchesTheComponentJson() throws Exception {
        String doc = Files.readString(ADOC);
        String expected = doc;
        JsonNode component = json.path("component");
        expected = replaceAttribute(expected, "description", component.path("description").asText());
        expected = replaceAttribute(expected, "since", component.path("firstVersion").asText());
        expected = replaceAttribute(expected, "supportlevel", component.path("supportLevel").asText());
        expected = replaceAttribute(expected, "artifactid", component.path("artifactId").asText());
        expected = replaceAttribute(expected, "component-header", componentHeader(component));
        expected = replaceSection(ADOC, expected, "// component options: START\n", "// component options: END",
                asciiDocOptions());
        verifyOrUpdate(ADOC, doc, expected);
    }

    private static void verifyOrUpdate(Path file, String doc, String expected) throws Exception {
        if (Boolean.getBoolean("streamgear.updateDocs")) {
            Files.writeString(file, expected);
            doc = expected;
        }
        assertEquals(expected, doc, file + " is out of date: " + UPDATE);
    }

    // ---- Markdown ----

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

    // ---- AsciiDoc: the sections Camel's partials (component-endpoint-options/-headers.adoc) render ----

    private static final String TABLE_SPEC = "[width=\"100%\",cols=\"2,5a,^1,2\",options=\"header\"]";

    private static String asciiDocOptions() {
        JsonNode component = json.path("component");
        String title = component.path("title").asText();
        List<Map.Entry<String, JsonNode>> componentOptions = entries(json.path("componentProperties"), null);
        List<Map.Entry<String, JsonNode>> pathOptions = entries(json.path("properties"), "path");
        List<Map.Entry<String, JsonNode>> queryOptions = entries(json.path("properties"), "parameter");
        List<Map.Entry<String, JsonNode>> headers = entries(json.path("headers"), null);

        StringBuilder out = new StringBuilder();
        out.append("== Component Options\n\n");
        out.append("The ").append(title).append(" component supports ").append(componentOptions.size())
                .append(" options, which are listed below.\n\n");
        optionTable(out, componentOptions);

        out.append("\n== Endpoint Options\n\n");
        out.append("The ").append(title).append(" endpoint is configured using URI syntax:\n\n");
        out.append("----\n").append(component.path("syntax").asText()).append("\n----\n\n");
        out.append("with the following path and query parameters:\n\n");
        out.append("=== Path Parameters (").append(pathOptions.size()).append(" parameters)\n\n");
        optionTable(out, pathOptions);
        out.append("\n=== Query Parameters (").append(queryOptions.size()).append(" parameters)\n\n");
        optionTable(out, queryOptions);

        out.append("\n== Message Headers\n\n");
        out.append("The ").append(title).append(" component supports ").append(headers.size())
                .append(" message headers, which are listed below:\n\n");
        out.append(TABLE_SPEC).append("\n|===\n| Name | Description | Default | Type\n");
        for (Map.Entry<String, JsonNode> e : headers) {
            JsonNode h = e.getValue();
            String constant = h.path("constantName").asText();
            out.append("| *").append(e.getKey()).append("* (").append(h.path("group").asText()).append(")\n\n");
            out.append("Constant: `").append(constant.substring(constant.indexOf('#') + 1)).append("`\n");
            out.append("| ").append(adocDescription(h)).append('\n');
            out.append(cellLine(adocDefault(h)));
            out.append("| ").append(javaSimpleName(h.path("javaType").asText())).append('\n');
        }
        out.append("|===\n");
        return out.toString();
    }

    private static void optionTable(StringBuilder out, List<Map.Entry<String, JsonNode>> options) {
        out.append(TABLE_SPEC).append("\n|===\n| Name | Description | Default | Type\n");
        for (Map.Entry<String, JsonNode> e : options) {
            JsonNode o = e.getValue();
            out.append("| *").append(e.getKey()).append("* (").append(o.path("group").asText()).append(")\n");
            out.append("| ").append(adocDescription(o)).append('\n');
            out.append(cellLine(adocDefault(o)));
            out.append("| ").append(javaSimpleName(o.path("javaType").asText())).append('\n');
        }
        out.append("|===\n");
    }

    private static String cellLine(String content) {
        return content.isEmpty() ? "|\n" : "| " + content + "\n";
    }

    private static List<Map.Entry<String, JsonNode>> entries(JsonNode node, String kind) {
        List<Map.Entry<String, JsonNode>> list = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (kind == null || kind.equals(e.getValue().path("kind").asText())) {
                list.add(e);
            }
        }
        return list;
    }

    /** As Camel's util.description: *Required*, the text, the enum values as a list. */
    private static String adocDescription(JsonNode o) {
        StringBuilder d = new StringBuilder();
        if (o.path("required").asBoolean()) {
            d.append("*Required* ");
        }
        if (o.path("deprecated").asBoolean()) {
            d.append("*Deprecated* ");
        }
        d.append(adocCell(o.path("description").asText()));
        if (o.has("enum")) {
            d.append("\n\nEnum values:\n");
            for (JsonNode v : o.get("enum")) {
                d.append("\n* ").append(adocCell(v.asText()));
            }
        }
        return d.toString();
    }

    private static String adocDefault(JsonNode o) {
        return o.has("defaultValue") ? "`+" + o.get("defaultValue").asText() + "+`" : "";
    }

    private static String adocCell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String javaSimpleName(String javaType) {
        int generic = javaType.indexOf('<');
        String raw = generic < 0 ? javaType : javaType.substring(0, generic);
        return raw.substring(raw.lastIndexOf('.') + 1);
    }

    private static String componentHeader(JsonNode component) {
        if (component.path("producerOnly").asBoolean()) {
            return "Only producer is supported";
        }
        if (component.path("consumerOnly").asBoolean()) {
            return "Only consumer is supported";
        }
        return "Both producer and consumer are supported";
    }

    private static String replaceAttribute(String doc, String name, String value) {
        Matcher m = Pattern.compile("(?m)^:" + Pattern.quote(name) + ":.*$").matcher(doc);
        if (!m.find()) {
            throw new AssertionError(ADOC + " lacks the attribute :" + name + ":");
        }
        return doc.substring(0, m.start()) + ":" + name + ": " + value + doc.substring(m.end());
    }

    private static String replaceSection(Path file, String doc, String start, String end, String content) {
        int a = doc.indexOf(start);
        int b = doc.indexOf(end);
        if (a < 0 || b < a) {
            throw new AssertionError(file + " lacks the markers " + start.trim() + " ... " + end);
        }
        return doc.substring(0, a + start.length()) + content + doc.substring(b);
    }
}
