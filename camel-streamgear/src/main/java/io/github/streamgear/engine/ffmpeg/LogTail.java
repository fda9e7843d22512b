package io.github.streamgear.engine.ffmpeg;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.github.streamgear.engine.Credentials;
import org.apache.commons.exec.LogOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Drains a process's stderr: every line goes to the DEBUG log, the last {@code capacity} lines are kept. */
final class LogTail extends LogOutputStream {

    private static final Logger LOG = LoggerFactory.getLogger("io.github.streamgear.ffmpeg.log");

    private final Deque<String> lines = new ArrayDeque<>();
    private final int capacity;
    private final String name;

    LogTail(String name, int capacity) {
        super(0, StandardCharsets.UTF_8);
        this.name = name;
        this.capacity = capacity;
    }

    @Override
    protected void processLine(String line, int level) {
        if (line.isBlank()) {
            return;
        }
        String masked = Credentials.mask(line); // FFmpeg names its input URL, user info included, in its errors
        LOG.debug("[{}] {}", name, masked);
        synchronized (lines) {
            if (lines.size() == capacity) {
                lines.removeFirst();
            }
            lines.addLast(masked);
        }
    }

    List<String> lines() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }
}
