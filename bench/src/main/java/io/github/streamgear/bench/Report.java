package io.github.streamgear.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code report}: every figure of the latest results against its target, as one Markdown table (results/summary.md). */
public final class Report {

    private Report() {
    }

    public static void run(Bench.Options o) throws IOException {
        ObjectMapper json = new ObjectMapper();
        StringBuilder md = new StringBuilder("| Benchmark | Figure | Measured | Target | | Load average (before / after) |\n")
                .append("|---|---|---|---|---|---|\n");
        for (String name : List.of("vod", "frames", "memory", "publish", "startup", "thumbnails", "oneshot")) {
            Path file = Env.RESULTS.resolve(name + ".json");
            if (!Files.exists(file)) {
                continue;
            }
            JsonNode r = json.readTree(file.toFile());
            String load = r.path("loadAverage").path("before").asText() + " / " + r.path("loadAverage").path("after").asText();
            for (JsonNode t : r.path("targets")) {
                md.append("| ").append(name).append(" | ").append(t.path("what").asText()).append(" | ")
                        .append(Results.fmt(t.path("value").asDouble())).append(' ').append(t.path("unit").asText())
                        .append(" | ").append(t.path("target").asText()).append(" | ")
                        .append(t.path("met").asBoolean() ? "met" : "**missed**").append(" | ").append(load).append(" |\n");
            }
        }
        Map<String, Object> machine = Env.machine();
        md.append("\nMachine: ").append(machine.get("nproc")).append(" cores (").append(machine.get("cpu")).append("), ")
                .append(machine.get("memTotalMiB")).append(" MiB, ").append(machine.get("ffmpeg")).append(", ")
                .append(machine.get("jdk")).append(".\n");
        Files.createDirectories(Env.RESULTS);
        Files.writeString(Env.RESULTS.resolve("summary.md"), md.toString());
        System.out.println();
        System.out.println(md);
    }
}
