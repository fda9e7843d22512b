package io.github.streamgear.engine.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import io.github.streamgear.engine.settings.Thumbnails;

/**
 * Publishes the thumbnail tiles FFmpeg wrote ({@code tile_00001.jpg} ..., {@code C x R} pictures each, one every
 * {@code interval} seconds from the start, row by row) in the three forms players read, at the end of a VOD job:
 * <ul>
 * <li>{@code thumbnails.vtt}: a WebVTT thumbnails track, one cue per picture, {@code tile_00001.jpg#xywh=x,y,w,h}
 * (video.js, Plyr, Vidstack and most web players' preview plugins);</li>
 * <li>in the MPD, an image adaptation set (DASH-IF IOP 4.3 thumbnail tiles: {@code contentType="image"},
 * {@code EssentialProperty http://dashif.org/thumbnail_tile} with the grid, a {@code SegmentTemplate} whose
 * {@code duration} is one tile's span) (Shaka Player, dash.js);</li>
 * <li>in the HLS master, an {@code EXT-X-IMAGE-STREAM-INF} image stream and its playlist {@code thumbnails.m3u8}
 * with {@code EXT-X-IMAGES-ONLY} and {@code EXT-X-TILES} per tile (the Roku / Jellyfin convention; Shaka Player).</li>
 * </ul>
 * The manifests are extended by inserting text; what FFmpeg wrote stays as it is. The tiles were published as they
 * were written, so every file these refer to was delivered before them.
 */
public final class ThumbnailTrack {

    private static final Pattern ADAPTATION_SET_ID = Pattern.compile("<AdaptationSet[^>]*\\sid=\"(\\d+)\"");
    private static final String DASH_SCHEME = "http://dashif.org/thumbnail_tile";

    /** The tiles and their geometry. */
    record Tiles(List<Path> files, int cellWidth, int cellHeight, int columns, int rows, double interval, int pictures,
            double duration) {

        int perTile() {
            return columns * rows;
        }

        /** How many tiles the pictures fill. */
        int used() {
            return (pictures + perTile() - 1) / perTile();
        }

        double tileSeconds() {
            return interval * perTile();
        }

        long peakBitrate() throws IOException {
            long peak = 0;
            for (int i = 0; i < used(); i++) {
                peak = Math.max(peak, Files.size(files.get(i)));
            }
            return Math.max(1, Math.round(peak * 8 / tileSeconds()));
        }
    }

    private ThumbnailTrack() {
    }

    /**
     * Writes the WebVTT track, and the DASH and HLS entries the layout's format has; nothing when FFmpeg wrote no tile
     * (the video is shorter than a frame).
     */
    public static void finish(Path jobDir, OutputLayout layout, Thumbnails settings) {
        try {
            Tiles tiles = read(jobDir, settings);
            if (tiles == null) {
                return;
            }
            ReplaceAtomically.write(jobDir.resolve(ThumbnailNames.VTT), vtt(tiles));
            if (layout.format().writesDash()) {
                Path mpd = jobDir.resolve(layout.dashManifest());
                if (Files.exists(mpd)) {
                    String text = Files.readString(mpd, StandardCharsets.UTF_8);
                    String extended = withImageAdaptationSet(text, tiles);
                    if (!extended.equals(text)) {
                        ReplaceAtomically.write(mpd, extended);
                    }
                }
            }
            if (layout.format().writesHls()) {
                Path master = jobDir.resolve(layout.hlsMaster());
                if (Files.exists(master)) {
                    ReplaceAtomically.write(jobDir.resolve(ThumbnailNames.IMAGE_PLAYLIST), imagePlaylist(tiles));
                    String text = Files.readString(master, StandardCharsets.UTF_8);
                    String extended = withImageStream(text, tiles);
                    if (!extended.equals(text)) {
                        ReplaceAtomically.write(master, extended);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the thumbnail track", e);
        }
    }

    static Tiles read(Path jobDir, Thumbnails settings) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int n = 1;; n++) {
            Path tile = jobDir.resolve(ThumbnailNames.tile(n));
            if (!Files.isRegularFile(tile) || Files.size(tile) == 0) {
                break;
            }
            files.add(tile);
        }
        if (files.isEmpty()) {
            return null;
        }
        int[] size = jpegSize(files.get(0));
        int cellWidth = size[0] / settings.columns();
        int cellHeight = size[1] / settings.rows();
        double duration = mediaDuration(jobDir).orElse(files.size() * settings.tileSeconds());
        int perTile = settings.columns() * settings.rows();
        int pictures = (int) Math.max(1, Math.min((long) files.size() * perTile,
                (long) Math.ceil(duration / settings.intervalSeconds() - 1e-6)));
        return new Tiles(List.copyOf(files), cellWidth, cellHeight, settings.columns(), settings.rows(),
                settings.intervalSeconds(), pictures, duration);
    }

    /** {@code WEBVTT}, then per picture {@code start --> end} and {@code tile_00001.jpg#xywh=x,y,w,h}. */
    static String vtt(Tiles t) {
        StringBuilder out = new StringBuilder("WEBVTT\n");
        for (int k = 0; k < t.pictures(); k++) {
            double start = k * t.interval();
            double end = k == t.pictures() - 1 ? Math.max(t.duration(), start + 0.001) : (k + 1) * t.interval();
            int cell = k % t.perTile();
            int x = (cell % t.columns()) * t.cellWidth();
            int y = (cell / t.columns()) * t.cellHeight();
            out.append('\n').append(k + 1).append('\n').append(timestamp(start)).append(" --> ").append(timestamp(end))
                    .append('\n').append(ThumbnailNames.tile(k / t.perTile() + 1)).append("#xywh=").append(x).append(',')
                    .append(y).append(',').append(t.cellWidth()).append(',').append(t.cellHeight()).append('\n');
        }
        return out.toString();
    }

    /** The MPD with an image adaptation set added at the end of its (single) period; unchanged if it has one. */
    static String withImageAdaptationSet(String mpd, Tiles t) throws IOException {
        long tileMillis = Math.round(t.tileSeconds() * 1000);
        return withImageAdaptationSet(mpd, "<SegmentTemplate media=\"" + ThumbnailNames.DASH_TILE_TEMPLATE
                + "\" timescale=\"1000\" duration=\"" + tileMillis + "\" startNumber=\"1\"/>", t.peakBitrate(),
                t.cellWidth(), t.cellHeight(), t.columns(), t.rows());
    }

    /**
     * The MPD with an image adaptation set whose tiles {@code template} (a {@code SegmentTemplate} element) lists added
     * at the end of its (single) period; unchanged if it has one.
     */
    static String withImageAdaptationSet(String mpd, String template, long bandwidth, int cellWidth, int cellHeight,
            int columns, int rows) {
        int end = mpd.lastIndexOf("</Period>");
        if (end < 0 || mpd.contains("contentType=\"image\"")) {
            return mpd;
        }
        int id = 0;
        Matcher m = ADAPTATION_SET_ID.matcher(mpd);
        while (m.find()) {
            id = Math.max(id, Integer.parseInt(m.group(1)) + 1);
        }
        String set = "\t\t<AdaptationSet id=\"" + id + "\" contentType=\"image\" mimeType=\"image/jpeg\">\n"
                     + "\t\t\t" + template + "\n"
                     + "\t\t\t<Representation id=\"" + ThumbnailNames.RENDITION + "\" bandwidth=\"" + bandwidth
                     + "\" width=\"" + cellWidth * columns + "\" height=\"" + cellHeight * rows + "\">\n"
                     + "\t\t\t\t<EssentialProperty schemeIdUri=\"" + DASH_SCHEME + "\" value=\"" + columns + "x"
                     + rows + "\"/>\n"
                     + "\t\t\t</Representation>\n"
                     + "\t\t</AdaptationSet>\n";
        int lineStart = mpd.lastIndexOf('\n', end) + 1;
        int at = mpd.substring(lineStart, end).isBlank() ? lineStart : end;
        return mpd.substring(0, at) + set + mpd.substring(at);
    }

    /** The image media playlist: per tile its span ({@code EXTINF}) and grid ({@code EXT-X-TILES}). */
    static String imagePlaylist(Tiles t) {
        StringBuilder out = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:")
                .append((long) Math.ceil(t.tileSeconds())).append("\n#EXT-X-MEDIA-SEQUENCE:1\n#EXT-X-PLAYLIST-TYPE:VOD\n"
                                                                  + "#EXT-X-IMAGES-ONLY\n");
        for (int i = 0; i < t.used(); i++) {
            // the last tile covers what is left of the video
            double span = i == t.used() - 1 ? Math.max(t.duration() - i * t.tileSeconds(), 0.001) : t.tileSeconds();
            out.append("#EXTINF:").append(decimal(span)).append(",\n")
                    .append("#EXT-X-TILES:RESOLUTION=").append(t.cellWidth()).append('x').append(t.cellHeight())
                    .append(",LAYOUT=").append(t.columns()).append('x').append(t.rows()).append(",DURATION=")
                    .append(decimal(t.interval())).append('\n').append(t.files().get(i).getFileName()).append('\n');
        }
        return out.append("#EXT-X-ENDLIST\n").toString();
    }

    /** The master with the image stream appended; unchanged if it has one. */
    static String withImageStream(String master, Tiles t) throws IOException {
        if (master.contains("#EXT-X-IMAGE-STREAM-INF")) {
            return master;
        }
        String body = master.endsWith("\n") ? master : master + "\n";
        return body + "#EXT-X-IMAGE-STREAM-INF:BANDWIDTH=" + t.peakBitrate() + ",RESOLUTION=" + t.cellWidth() + "x"
               + t.cellHeight() + ",CODECS=\"jpeg\",URI=\"" + ThumbnailNames.IMAGE_PLAYLIST + "\"\n";
    }

    /** Width and height from the JPEG's header, without decoding it. */
    static int[] jpegSize(Path jpeg) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(jpeg.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (in == null || !readers.hasNext()) {
                throw new IOException(jpeg.getFileName() + " is not a readable JPEG");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        }
    }

    /** How long the streams play, from the MPD or the media playlists. */
    private static OptionalDouble mediaDuration(Path jobDir) throws IOException {
        List<OutputFile> manifests;
        try (Stream<Path> list = Files.list(jobDir)) {
            manifests = list.filter(p -> {
                String n = p.getFileName().toString();
                return (n.endsWith(".mpd") || n.endsWith(".m3u8")) && ThumbnailNames.classify(n).isEmpty();
            }).map(p -> new OutputFile(p, p.getFileName().toString(), FileKind.PLAYLIST, "", null, -1, 0)).toList();
        }
        return OutputVerifier.duration(jobDir, manifests);
    }

    static String timestamp(double seconds) {
        long ms = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }

    static String decimal(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
