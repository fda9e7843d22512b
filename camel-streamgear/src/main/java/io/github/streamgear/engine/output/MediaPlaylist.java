package io.github.streamgear.engine.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The segments of an HLS media playlist with their durations and sizes on disk, to measure bit rates. */
record MediaPlaylist(List<Segment> segments) {

    record Segment(double seconds, long bytes) {
        double bitrate() {
            return seconds > 0 ? bytes * 8 / seconds : 0;
        }
    }

    static MediaPlaylist read(Path playlist) throws IOException {
        List<Segment> segments = new ArrayList<>();
        double pending = -1;
        for (String line : Files.readAllLines(playlist, StandardCharsets.UTF_8)) {
            if (line.startsWith("#EXTINF:")) {
                int comma = line.indexOf(',');
                pending = Double.parseDouble(line.substring(8, comma < 0 ? line.length() : comma).trim());
            } else if (!line.isBlank() && !line.startsWith("#") && pending >= 0) {
                Path file = playlist.resolveSibling(line.trim());
                segments.add(new Segment(pending, Files.exists(file) ? Files.size(file) : 0));
                pending = -1;
            }
        }
        return new MediaPlaylist(segments);
    }

    /** Largest bit rate of a segment, plus the audio segment playing at the same time, in bit/s. */
    long peakBitrate(MediaPlaylist audio) {
        double peak = 0;
        for (int i = 0; i < segments.size(); i++) {
            double rate = segments.get(i).bitrate();
            if (audio != null && !audio.segments.isEmpty()) {
                rate += audio.segments.get(Math.min(i, audio.segments.size() - 1)).bitrate();
            }
            peak = Math.max(peak, rate);
        }
        return Math.round(peak);
    }

    /** Average bit rate over all segments, plus the audio's, in bit/s. */
    long averageBitrate(MediaPlaylist audio) {
        return Math.round(average() + (audio == null ? 0 : audio.average()));
    }

    private double average() {
        double seconds = segments.stream().mapToDouble(Segment::seconds).sum();
        long bytes = segments.stream().mapToLong(Segment::bytes).sum();
        return seconds > 0 ? bytes * 8 / seconds : 0;
    }
}
