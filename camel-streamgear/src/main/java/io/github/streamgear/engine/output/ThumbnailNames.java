package io.github.streamgear.engine.output;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.streamgear.engine.output.OutputLayout.Classified;

/**
 * The names of the still images and trick-play files a job writes beside its streams, and what they are:
 * <ul>
 * <li>{@code tile_00001.jpg} ... thumbnail tiles and {@code poster.jpg}: {@link FileKind#THUMBNAIL}, published as
 * they are complete, before any playlist or manifest names them;</li>
 * <li>{@code thumbnails.vtt} (WebVTT thumbnails track), {@code thumbnails.m3u8} (HLS image playlist) and
 * {@code iframes_NAME.m3u8} (HLS I-frame playlist of rendition NAME): {@link FileKind#PLAYLIST}, written when the job
 * ends and published with the other playlists, before the manifests that refer to them.</li>
 * </ul>
 */
public final class ThumbnailNames {

    public static final String TILE_TEMPLATE = "tile_%05d.jpg";
    public static final String DASH_TILE_TEMPLATE = "tile_$Number%05d$.jpg";
    public static final String POSTER = "poster.jpg";
    public static final String VTT = "thumbnails.vtt";
    public static final String IMAGE_PLAYLIST = "thumbnails.m3u8";
    /** The rendition name tiles carry in their messages. */
    public static final String RENDITION = "thumbnails";

    static final Pattern TILE = Pattern.compile("tile_(\\d+)\\.jpg");
    static final Pattern IFRAMES = Pattern.compile("iframes_(.+)\\.m3u8");
    /** For {@code clearPrevAssets}. */
    static final String ANY = "tile_\\d+\\.jpg|poster\\.jpg|thumbnails\\.vtt";

    private ThumbnailNames() {
    }

    public static String tile(long number) {
        return String.format(java.util.Locale.ROOT, TILE_TEMPLATE, number);
    }

    public static String iframePlaylist(String rendition) {
        return "iframes_" + rendition + ".m3u8";
    }

    /** What {@code name} is, if it is one of these files. */
    static Optional<Classified> classify(String name) {
        Matcher m = TILE.matcher(name);
        if (m.matches()) {
            return Optional.of(new Classified(FileKind.THUMBNAIL, RENDITION, Long.parseLong(m.group(1))));
        }
        if (POSTER.equals(name)) {
            return Optional.of(new Classified(FileKind.THUMBNAIL, null, -1));
        }
        if (VTT.equals(name) || IMAGE_PLAYLIST.equals(name)) {
            return Optional.of(new Classified(FileKind.PLAYLIST, RENDITION, -1));
        }
        if ((m = IFRAMES.matcher(name)).matches()) {
            return Optional.of(new Classified(FileKind.PLAYLIST, m.group(1), -1));
        }
        return Optional.empty();
    }
}
