package io.github.streamgear.engine.command;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

import io.github.streamgear.engine.Credentials;
import io.github.streamgear.engine.StreamGearException;

/**
 * Where a job reads its source: a local file, or a URL FFmpeg opens itself.
 *
 * @param location the absolute path or the URL, as handed to FFmpeg
 * @param local    whether it is a local file
 */
public record SourceSpec(String location, boolean local) {

    public static SourceSpec file(Path path) {
        return new SourceSpec(path.toAbsolutePath().toString(), true);
    }

    /** A URL such as {@code https://host/video.mp4} or {@code rtsp://camera/stream}; a bare path is a local file. */
    public static SourceSpec parse(String value) {
        String v = value.trim();
        int colon = v.indexOf("://");
        if (colon > 1 && v.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            if (v.regionMatches(true, 0, "file://", 0, 7)) {
                return fileUrl(v);
            }
            return new SourceSpec(v, false);
        }
        return file(Path.of(v));
    }

    /** {@code file:///path}: a local file; {@code file://host/path} names another machine and is refused. */
    private static SourceSpec fileUrl(String url) {
        try {
            return file(Path.of(URI.create(url)));
        } catch (IllegalArgumentException e) {
            throw new StreamGearException("The source '" + url + "' is not a local file URL (" + e.getMessage()
                    + "): write file:///path/to/video.mp4, or the path alone", e);
        }
    }

    /** The location with credentials masked, for logs and messages. */
    public String display() {
        return Credentials.mask(location);
    }

    /** The URL scheme in lower case ({@code file} for local files). */
    public String scheme() {
        return local ? "file" : location.substring(0, location.indexOf("://")).toLowerCase(Locale.ROOT);
    }
}
