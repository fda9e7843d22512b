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
 * @param baseName the source's file name without extension, or null when it has none
 * @param spooled  the temporary copy of a stream body, or null
 */
record ResolvedSource(SourceSpec spec, String baseName, Path spooled) implements AutoCloseable {

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
