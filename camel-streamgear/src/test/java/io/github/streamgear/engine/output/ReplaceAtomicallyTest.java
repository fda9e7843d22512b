package io.github.streamgear.engine.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplaceAtomicallyTest {

    /**
     * Two threads rewriting the same manifest (the watcher's HLS media groups and the job's finishing steps can, when a
     * live stream stops early): each rename must find its own temporary file, and the target is always a whole version.
     */
    @Test
    void concurrentWritersOfOneFileDoNotShareATemporaryFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("manifest.m3u8");
        List<String> versions = List.of("#EXTM3U\n# from the watcher\n", "#EXTM3U\n# from the job\n");
        CyclicBarrier start = new CyclicBarrier(versions.size());
        List<CompletableFuture<Void>> writers = versions.stream().map(text -> CompletableFuture.runAsync(() -> {
            try {
                start.await();
                for (int i = 0; i < 2000; i++) {
                    ReplaceAtomically.write(target, text);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).toList();
        for (CompletableFuture<Void> writer : writers) {
            writer.join();
        }
        assertTrue(versions.contains(Files.readString(target, StandardCharsets.UTF_8)), "a whole version");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList(), "no temporary file left");
        }
    }
}
