package io.github.streamgear.camel;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files that carry live manifest and playlist versions to a consumer's route. A file message's body is a
 * {@link File}, but a live manifest is rewritten at its path with every segment: a route reading it late (a slow sink,
 * a retry) would publish a later version, naming segments still queued behind it. So each version the consumer
 * delivers is written, as the watcher read it, to a folder of its own under a private temporary folder (in
 * {@code java.io.tmpdir}, never in the output folder), under the manifest's own name, and deleted when its exchange
 * completes; the consumer deletes whatever is left when it stops. Used by the consumer's single delivery thread, and
 * by the threads that complete its exchanges.
 */
final class VersionFiles implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VersionFiles.class);

    private final String name;
    private Path dir; // created on first use
    private long next;

    /** @param name the consumer's endpoint name, in the temporary folder's name so that a leftover says whose it is */
    VersionFiles(String name) {
        this.name = name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /** Writes one version, named as the manifest or playlist ({@code fileName}, relative to the job folder). */
    synchronized File write(String fileName, byte[] version) throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("streamgear-versions-" + name + "-");
        }
        Path folder = Files.createDirectory(dir.resolve(Long.toString(next++)));
        Path file = folder.resolve(Path.of(fileName).getFileName().toString());
        Files.write(file, version);
        return file.toFile();
    }

    /** Deletes a version written by {@link #write} once its exchange is done with it. */
    void delete(File version) {
        try {
            Files.deleteIfExists(version.toPath());
            Files.deleteIfExists(version.toPath().getParent());
        } catch (IOException e) {
            LOG.debug("Cannot delete {}; it goes when the consumer stops", version, e);
        }
    }

    /** Deletes every version still there (exchanges still in flight when the consumer stopped). */
    @Override
    public synchronized void close() {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Cannot delete the manifest versions in {}: {}", dir, e.toString());
        }
        dir = null;
    }
}
