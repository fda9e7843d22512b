package io.github.streamgear.engine.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a manifest or page beside its final name ({@code .NAME.THREAD.tmp}, a name the output watcher ignores) and
 * renames it over the target, so a reader (player, watcher, publisher) sees the old file or the new one, never half of
 * one. The temporary name is the writing thread's own: the watcher and the job's finishing steps can rewrite the same
 * master playlist at once (a live stream stopped before its first segment), and with one shared name the first rename
 * took the other writer's file away from under it.
 */
final class ReplaceAtomically {

    private ReplaceAtomically() {
    }

    static void write(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    static void write(Path target, byte[] content) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + Thread.currentThread().getId() + ".tmp");
        try {
            Files.write(tmp, content);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp); // after a failed write or move; nothing once moved
        }
    }
}
