package io.github.streamgear.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What one benchmark measured: a summary table (printed, and written as CSV and Markdown), every single measurement
 * (CSV), the targets checked, the machine and its load (all of it in JSON).
 */
public final class Results {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String name;
    private final String title;
    private final Map<String, Object> params = new LinkedHashMap<>();
    private final List<String> columns;
    private final List<List<Object>> rows = new ArrayList<>();
    private final List<Map<String, Object>> runs = new ArrayList<>();
    private final List<Map<String, Object>> targets = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final String started = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();
    private final String loadBefore = Env.loadAverage();

    public Results(String name, String title, String... columns) {
        this.name = name;
        this.title = title;
        this.columns = List.of(columns);
        System.out.println();
        System.out.println("== " + title + " (load average " + loadBefore + ")");
    }

    public Results param(String key, Object value) {
        params.put(key, value);
        return this;
    }

    public void row(Object... cells) {
        rows.add(List.of(cells));
    }

    /** One raw measurement (becomes a line of NAME-runs.csv). */
    public void run(Map<String, Object> measurement) {
        runs.add(new LinkedHashMap<>(measurement));
    }

    /** The raw measurements recorded so far. */
    public List<Map<String, Object>> runs() {
        return runs;
    }

    /** A figure checked against its target: {@code value <= limit} (or {@code >=} when {@code atLeast}). */
    public void target(String what, double value, String unit, double limit, boolean atLeast) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("what", what);
        t.put("value", round(value));
        t.put("unit", unit);
        t.put("target", (atLeast ? ">= " : "<= ") + fmt(limit) + (unit.isEmpty() ? "" : " " + unit));
        t.put("met", atLeast ? value >= limit : value <= limit);
        targets.add(t);
    }

    public void note(String note) {
        notes.add(note);
        System.out.println("   " + note);
    }

    /** Prints the table and the targets, and writes results/NAME.{json,csv,md} and NAME-runs.csv. */
    public void finish() {
        String loadAfter = Env.loadAverage();
        List<List<String>> cells = new ArrayList<>();
        cells.add(columns);
        for (List<Object> row : rows) {
            cells.add(row.stream().map(Results::fmt).toList());
        }
        System.out.println(table(cells));
        for (Map<String, Object> t : targets) {
            System.out.printf(Locale.ROOT, "   %-58s %10s %-4s target %-12s %s%n", t.get("what"), fmt(t.get("value")),
                    t.get("unit"), t.get("target"), Boolean.TRUE.equals(t.get("met")) ? "MET" : "MISSED");
        }
        System.out.println("   load average before " + loadBefore + ", after " + loadAfter);

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", name);
        json.put("title", title);
        json.put("started", started);
        json.put("machine", Env.machine());
        json.put("loadAverage", Map.of("before", loadBefore, "after", loadAfter));
        json.put("params", params);
        json.put("columns", columns);
        json.put("rows", cells.subList(1, cells.size()));
        json.put("targets", targets);
        json.put("notes", notes);
        json.put("runs", runs);
        try {
            Files.createDirectories(Env.RESULTS);
            write(Env.RESULTS.resolve(name + ".json"), JSON.writeValueAsString(json) + "\n");
            write(Env.RESULTS.resolve(name + ".csv"), csv(cells));
            write(Env.RESULTS.resolve(name + "-runs.csv"), runsCsv());
            write(Env.RESULTS.resolve(name + ".md"), markdown(cells, loadAfter));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("   written: " + Env.DIR.relativize(Env.RESULTS.resolve(name + ".json")) + ", .csv, -runs.csv, .md");
    }

    private String markdown(List<List<String>> cells, String loadAfter) {
        StringBuilder md = new StringBuilder();
        md.append("| ").append(String.join(" | ", cells.get(0))).append(" |\n|");
        md.append("---|".repeat(cells.get(0).size())).append('\n');
        for (List<String> row : cells.subList(1, cells.size())) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        if (!targets.isEmpty()) {
            md.append("\n| Figure | Measured | Target | |\n|---|---|---|---|\n");
            for (Map<String, Object> t : targets) {
                md.append("| ").append(t.get("what")).append(" | ").append(fmt(t.get("value"))).append(' ')
                        .append(t.get("unit")).append(" | ").append(t.get("target")).append(" | ")
                        .append(Boolean.TRUE.equals(t.get("met")) ? "met" : "**missed**").append(" |\n");
            }
        }
        md.append("\n").append(started).append(", load average ").append(loadBefore).append(" before, ").append(loadAfter)
                .append(" after.\n");
        return md.toString();
    }

    private static String csv(List<List<String>> cells) {
        StringBuilder out = new StringBuilder();
        for (List<String> row : cells) {
            out.append(String.join(",", row.stream().map(Results::csvCell).toList())).append('\n');
        }
        return out.toString();
    }

    private String runsCsv() {
        List<String> keys = new ArrayList<>();
        for (Map<String, Object> r : runs) {
            r.keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add);
        }
        StringBuilder out = new StringBuilder(String.join(",", keys)).append('\n');
        for (Map<String, Object> r : runs) {
            out.append(String.join(",", keys.stream().map(k -> csvCell(fmt(r.get(k)))).toList())).append('\n');
        }
        return out.toString();
    }

    private static String csvCell(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    private static void write(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String table(List<List<String>> cells) {
        int[] width = new int[cells.get(0).size()];
        for (List<String> row : cells) {
            for (int i = 0; i < row.size(); i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < cells.size(); r++) {
            out.append("   ");
            for (int i = 0; i < cells.get(r).size(); i++) {
                String c = cells.get(r).get(i);
                out.append(i == 0 ? String.format("%-" + width[i] + "s", c) : String.format("  %" + width[i] + "s", c));
            }
            out.append('\n');
            if (r == 0) {
                out.append("   ").append("-".repeat(out.length() - 4)).append('\n');
            }
        }
        return out.toString().stripTrailing();
    }

    static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 1000) / 1000.0;
    }

    /** Numbers as people read them: 3 significant decimals for ratios, fewer for larger values. */
    static String fmt(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d)) {
                return "-";
            }
            double a = Math.abs(d);
            String pattern = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.3f";
            return String.format(Locale.ROOT, pattern, d);
        }
        return v.toString();
    }
}
