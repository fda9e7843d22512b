package io.github.streamgear.engine.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * Tells one version of a file from another: its size, modification time (ns) and file key (inode). FFmpeg renames a
 * new version over the old one, which changes at least the inode or the time, so an equal stamp is the same version.
 * Milliseconds would not do: a playlist rewritten twice in one millisecond at the same size would look unchanged.
 */
final class FileStamp {

    private FileStamp() {
    }

    /** The stamp of {@code file}, or null if it cannot be read (gone meanwhile). */
    static String of(Path file) {
        BasicFileAttributes a = attributes(file);
        return a == null ? null : of(a);
    }

    static String of(BasicFileAttributes a) {
        return a.size() + "@" + a.lastModifiedTime().to(TimeUnit.NANOSECONDS) + "#" + a.fileKey();
    }

    /** The attributes of {@code file}, or null if it cannot be read (gone meanwhile). */
    static BasicFileAttributes attributes(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
    }
}
