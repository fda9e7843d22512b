package io.github.streamgear.engine.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import io.github.streamgear.engine.tracks.SubtitleRendition;

/**
 * Turns the WebVTT file FFmpeg wrote for each subtitle track into what players fetch: for DASH the whole file (a text
 * adaptation set refers to it, {@link DashTracks}); for HLS one segment per video segment, each mapped to
 * the media's clock with {@code X-TIMESTAMP-MAP}, and their playlist ({@link HlsMediaGroups} lists it in the master).
 * Runs when FFmpeg has finished a VOD job, before the manifests that name these files are published.
 */
public final class SubtitleFiles {

    private SubtitleFiles() {
    }

    /**
     * @param master the HLS master playlist (HLS and CMAF), null for DASH: its first variant gives the media's length
     *               and first timestamp
     */
    public static void write(Path jobDir, OutputLayout layout, List<SubtitleRendition> subtitles, boolean dash, Path master)
            throws IOException {
        if (subtitles.isEmpty()) {
            return;
        }
        MediaClock clock = master == null ? null : MediaClock.of(master);
        for (SubtitleRendition s : subtitles) {
            Path source = jobDir.resolve(layout.subtitleSource(s.name()));
            if (!Files.isRegularFile(source)) {
                throw new IOException("FFmpeg wrote no WebVTT for subtitle track " + s.name());
            }
            if (dash) {
                ReplaceAtomically.write(jobDir.resolve(OutputLayout.subtitleFile(s.name())),
                        Files.readString(source, StandardCharsets.UTF_8));
            }
            if (clock != null) {
                writeHls(jobDir, s.name(), WebVtt.read(source), clock);
            }
            Files.delete(source);
        }
    }

    /** One WebVTT segment per segment of the video, over the same time span: players fetch them side by side. */
    private static void writeHls(Path jobDir, String name, WebVtt vtt, MediaClock clock) throws IOException {
        long target = Math.max(1, Math.round(clock.segments().stream().mapToDouble(Double::doubleValue).max().orElse(1)));
        StringBuilder playlist = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:").append(target)
                .append("\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n");
        double from = 0;
        List<Double> segments = clock.segments();
        for (int i = 0; i < segments.size(); i++) {
            double to = from + segments.get(i);
            // the last segment also holds cues past the media's end, rather than losing them
            String segment = vtt.segment(from, i == segments.size() - 1 ? Double.MAX_VALUE : to, clock.firstTimestamp());
            String file = OutputLayout.subtitleSegment(name, i);
            ReplaceAtomically.write(jobDir.resolve(file), segment);
            if (clock.programDateTimes().get(i) != null) {
                // CMAF's playlists date every segment; Shaka warns of A/V sync issues when a rendition does not
                playlist.append("#EXT-X-PROGRAM-DATE-TIME:").append(clock.programDateTimes().get(i)).append('\n');
            }
            playlist.append(String.format(Locale.ROOT, "#EXTINF:%.6f,%n", segments.get(i))).append(file).append('\n');
            from = to;
        }
        playlist.append("#EXT-X-ENDLIST\n");
        ReplaceAtomically.write(jobDir.resolve(OutputLayout.subtitlePlaylist(name)), playlist.toString());
    }

    /**
     * The segment durations of the media (its first variant's playlist), each segment's program date and time if the
     * playlist has them (null otherwise), and its first timestamp, 90 kHz.
     */
    record MediaClock(List<Double> segments, List<String> programDateTimes, long firstTimestamp) {

        static MediaClock of(Path master) throws IOException {
            String variant = null;
            for (String line : Files.readAllLines(master, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    variant = line.trim();
                    break;
                }
            }
            if (variant == null) {
                throw new IOException("the master playlist " + master.getFileName() + " lists no variant");
            }
            Path playlist = master.resolveSibling(variant);
            List<Double> segments = new java.util.ArrayList<>();
            List<String> dates = new java.util.ArrayList<>();
            String date = null;
            String first = null;
            for (String line : Files.readAllLines(playlist, StandardCharsets.UTF_8)) {
                if (line.startsWith("#EXT-X-PROGRAM-DATE-TIME:")) {
                    date = line.substring("#EXT-X-PROGRAM-DATE-TIME:".length()).trim();
                } else if (!line.isBlank() && !line.startsWith("#")) {
                    dates.add(date); // the tag applies to the next segment, wherever it stands before its URI
                    date = null;
                }
                if (line.startsWith("#EXTINF:")) {
                    int comma = line.indexOf(',');
                    segments.add(Double.parseDouble(line.substring(8, comma < 0 ? line.length() : comma).trim()));
                } else if (first == null && !line.isBlank() && !line.startsWith("#")) {
                    first = line.trim();
                }
            }
            long timestamp = 0; // fMP4: FFmpeg's fragments start at 0
            if (first != null && first.endsWith(".ts")) {
                timestamp = MpegTsClock.firstPts(playlist.resolveSibling(first)).orElse(0);
            }
            return new MediaClock(segments, dates, timestamp);
        }
    }
}
