package io.github.streamgear.camel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.streamgear.engine.command.SourceSpec;

/**
 * The source of one exchange, as FFmpeg will read it, with the name its job defaults to. A stream body is spooled to
 * a temporary file first (FFmpeg needs to seek in most containers); {@link #close()} deletes that file.
 *
 * @param spec     where FFmpeg reads the source
 * @param fileName the source's file name (no folder), or null when it has none
 * @param spooled  the temporary copy of a stream body, or null
 */
record ResolvedSource(SourceSpec spec, String fileName, Path spooled) implements AutoCloseable {

    /** The file name without its extension, which a job is named after by default; null when there is no name. */
    String baseName() {
        if (fileName == null) {
            return null;
        }
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    @Override
    public void close() {
        if (spooled != null) {
            try {
                Files.deleteIfExists(spooled);
            } catch (IOException ignored) {
                spooled.toFile().deleteOnExit();
            }
        }
    }
}
