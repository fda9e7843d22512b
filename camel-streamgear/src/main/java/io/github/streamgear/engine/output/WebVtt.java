package io.github.streamgear.engine.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cues of a WebVTT file as FFmpeg's WebVTT muxer writes it, and the segments an HLS subtitle playlist lists. Each
 * segment carries every cue that is showing during its time span, so a player that starts or seeks into a segment shows
 * a cue that began earlier; players drop the repeats of a cue they already have.
 */
record WebVtt(List<Cue> cues) {

    private static final Pattern TIMING = Pattern.compile(
            "^\\s*((?:\\d+:)?\\d{2}:\\d{2}\\.\\d{3})\\s+-->\\s+((?:\\d+:)?\\d{2}:\\d{2}\\.\\d{3})(.*)$");

    /** A cue: its times in seconds, the rest of its timing line (cue settings) and its text, as written. */
    record Cue(double start, double end, String settings, String text) {
    }

    static WebVtt read(Path file) throws IOException {
        List<Cue> cues = new ArrayList<>();
        String[] blocks = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n").split("\n\\s*\n");
        for (String block : blocks) {
            String[] lines = block.split("\n");
            for (int i = 0; i < lines.length; i++) {
                Matcher m = TIMING.matcher(lines[i]);
                if (m.matches()) {
                    String text = String.join("\n", java.util.Arrays.copyOfRange(lines, i + 1, lines.length)).strip();
                    cues.add(new Cue(seconds(m.group(1)), seconds(m.group(2)), m.group(3), text));
                    break;
                }
            }
        }
        return new WebVtt(cues);
    }

    /**
     * A segment holding the cues showing in {@code [from, to)}, its times mapped to the media's timeline by
     * {@code X-TIMESTAMP-MAP} (RFC 8216 section 3.5): cue time 0 is the media's first timestamp {@code mpegts}, in
     * 90 kHz units.
     */
    String segment(double from, double to, long mpegts) {
        StringBuilder out = new StringBuilder("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:").append(mpegts)
                .append(",LOCAL:00:00:00.000\n");
        for (Cue cue : cues) {
            if (cue.end() > from && cue.start() < to) {
                out.append('\n').append(timestamp(cue.start())).append(" --> ").append(timestamp(cue.end()))
                        .append(cue.settings()).append('\n').append(cue.text()).append('\n');
            }
        }
        return out.toString();
    }

    private static double seconds(String timestamp) {
        String[] parts = timestamp.split(":");
        double s = 0;
        for (String part : parts) {
            s = s * 60 + Double.parseDouble(part);
        }
        return s;
    }

    static String timestamp(double seconds) {
        long ms = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }
}
