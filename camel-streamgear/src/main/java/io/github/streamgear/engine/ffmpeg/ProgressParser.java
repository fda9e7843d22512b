package io.github.streamgear.engine.ffmpeg;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.commons.exec.LogOutputStream;

/**
 * Reads the {@code key=value} blocks FFmpeg writes with {@code -progress pipe:1}; each block ends with a
 * {@code progress=continue} or {@code progress=end} line and becomes one {@link Progress}.
 */
public final class ProgressParser extends LogOutputStream {

    private final Map<String, String> block = new HashMap<>();
    private final Consumer<Progress> listener;

    public ProgressParser(Consumer<Progress> listener) {
        super(0, StandardCharsets.UTF_8);
        this.listener = listener;
    }

    @Override
    protected void processLine(String line, int level) {
        int eq = line.indexOf('=');
        if (eq <= 0) {
            return;
        }
        String key = line.substring(0, eq).trim();
        String value = line.substring(eq + 1).trim();
        if (!"progress".equals(key)) {
            block.put(key, value);
            return;
        }
        Progress progress = new Progress(asLong(block.get("frame"), 0), asLong(block.get("out_time_us"), 0) / 1_000_000.0,
                speed(block.get("speed")), asLong(block.get("total_size"), -1), "end".equals(value));
        block.clear();
        listener.accept(progress);
    }

    private static long asLong(String value, long fallback) {
        try {
            return value == null ? fallback : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static double speed(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Double.parseDouble(value.endsWith("x") ? value.substring(0, value.length() - 1) : value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
