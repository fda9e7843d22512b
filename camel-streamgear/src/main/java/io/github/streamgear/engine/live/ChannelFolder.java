package io.github.streamgear.engine.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.github.streamgear.engine.command.SourceSpec;

/**
 * The files of a linear channel's folder, played one after another in name order. The folder is listed again before
 * each file, so that files added while the channel runs are played when their turn comes and removed ones are skipped;
 * hidden files (a name starting with a dot, as an upload in progress often is) are not played.
 */
final class ChannelFolder {

    private final Path folder;
    private String current;

    ChannelFolder(Path folder) {
        this.folder = folder;
    }

    static boolean isFolder(SourceSpec source) {
        return source.local() && Files.isDirectory(Path.of(source.location()));
    }

    Path folder() {
        return folder;
    }

    /** The playable files, in name order. */
    List<Path> files() {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(f -> Files.isRegularFile(f) && Files.isReadable(f))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the channel folder " + folder, e);
        }
    }

    /**
     * The file after the one played last (by name), or, past the last file, the first again when {@code loop}; empty
     * when the folder has been played through (or is empty).
     */
    Optional<Path> next(boolean loop) {
        List<Path> files = files();
        Optional<Path> next = files.stream()
                .filter(f -> current == null || f.getFileName().toString().compareTo(current) > 0).findFirst();
        if (next.isEmpty() && loop) {
            next = files.stream().findFirst();
        }
        next.ifPresent(f -> current = f.getFileName().toString());
        return next;
    }
}
