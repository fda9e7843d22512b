package io.github.streamgear.engine.settings;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scrubbing previews and a poster, made in the same FFmpeg run as the renditions (the source is decoded once).
 *
 * @param enabled         write thumbnail tiles ({@code tile_00001.jpg} ...: {@code columns x rows} pictures per JPEG),
 *                        a WebVTT thumbnails track, a DASH image adaptation set and an HLS image stream
 * @param intervalSeconds one picture every so many seconds of the video
 * @param width           width of one picture in pixels; the height follows the video's display aspect ratio
 * @param columns         pictures per row of a tile
 * @param rows            rows of pictures per tile
 * @param poster          write {@code poster.jpg}, a representative frame at the size of the largest rendition
 * @param iframePlaylists HLS and CMAF: write an I-frame playlist per video variant (trick play), from the segments
 *                        once they are written
 */
public record Thumbnails(boolean enabled, double intervalSeconds, int width, int columns, int rows, boolean poster,
        boolean iframePlaylists) {

    public static final String DEFAULT_INTERVAL = "5";
    public static final String DEFAULT_SIZE = "320";
    public static final String DEFAULT_GRID = "5x5";

    private static final Pattern GRID = Pattern.compile("\\s*(\\d{1,2})\\s*[xX]\\s*(\\d{1,2})\\s*");

    public static final Thumbnails DEFAULTS = new Thumbnails(false, Double.parseDouble(DEFAULT_INTERVAL),
            Integer.parseInt(DEFAULT_SIZE), 5, 5, false, false);

    public Thumbnails {
        if (!(intervalSeconds >= 0.5) || intervalSeconds > 3600) {
            throw new IllegalArgumentException("Option 'thumbnailInterval' must be between 0.5 and 3600 seconds, got "
                                               + intervalSeconds);
        }
        if (width < 16 || width > 1920) {
            throw new IllegalArgumentException("Option 'thumbnailSize' (width of one thumbnail) must be between 16 and 1920"
                                               + " pixels, got " + width);
        }
        if (columns < 1 || rows < 1 || columns * rows > 100) {
            throw new IllegalArgumentException("Option 'thumbnailGrid' must be COLUMNSxROWS with 1 to 100 thumbnails per"
                                               + " tile, got " + columns + "x" + rows);
        }
    }

    /** The options as the URI sets them; {@code grid} is {@code COLUMNSxROWS}, e.g. {@code 5x5}. */
    public static Thumbnails of(boolean enabled, double intervalSeconds, int width, String grid, boolean poster,
            boolean iframePlaylists) {
        Matcher m = GRID.matcher(grid == null ? DEFAULT_GRID : grid);
        if (!m.matches()) {
            throw new IllegalArgumentException("Option 'thumbnailGrid' must be COLUMNSxROWS, e.g. 5x5, got '" + grid + "'");
        }
        return new Thumbnails(enabled, intervalSeconds, width, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                poster, iframePlaylists);
    }

    /** {@code 5x5}. */
    public String grid() {
        return columns + "x" + rows;
    }

    /** Seconds of video one tile covers. */
    public double tileSeconds() {
        return intervalSeconds * columns * rows;
    }

    /** Anything to add to the FFmpeg run. */
    public boolean any() {
        return enabled || poster;
    }

    /** Any still image or trick-play file beside the streams. */
    public boolean anyImages() {
        return enabled || poster || iframePlaylists;
    }
}
