package io.github.streamgear.engine.protection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private temporary folder ({@code rwx------}, in {@code java.io.tmpdir}, never in the output folder) holding FFmpeg's
 * key file (the 16 raw key bytes, {@code rw-------}) and HLS key info file. {@link #close()} overwrites and deletes
 * both and the folder; the job calls it whatever its outcome.
 */
public final class KeyFolder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KeyFolder.class);
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private final Path dir;
    private final Path keyFile;
    private final Path keyInfoFile;

    private KeyFolder(Path dir) {
        this.dir = dir;
        this.keyFile = dir.resolve("content.key");
        this.keyInfoFile = dir.resolve("key.info");
    }

    /**
     * Creates the folder and writes the key file and the key info file: {@code keyUri}, the key file's path, and the
     * IV in hex when the key has an explicit one.
     */
    public static KeyFolder create(String jobId, ContentKey key, String keyUri) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            throw new IllegalStateException("Job " + jobId + ": encryption needs a file system with POSIX permissions for"
                    + " its private key folder");
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("streamgear-keys-", PosixFilePermissions.asFileAttribute(OWNER_DIR));
        } catch (IOException e) {
            throw new UncheckedIOException("Job " + jobId + ": cannot create the private key folder: " + e.getMessage(), e);
        }
        KeyFolder folder = new KeyFolder(dir);
        try {
            Files.createFile(folder.keyFile, PosixFilePermissions.asFileAttribute(OWNER_FILE));
            Files.write(folder.keyFile, key.key(), StandardOpenOption.TRUNCATE_EXISTING);
            byte[] iv = key.iv();
            folder.writeKeyInfo(keyUri + "\n" + folder.keyFile + "\n" + (iv == null ? "" : HexFormat.of().formatHex(iv) + "\n"));
            return folder;
        } catch (IOException | RuntimeException e) {
            folder.close();
            throw new UncheckedIOException("Job " + jobId + ": cannot write the key files in the private key folder: "
                    + e.getClass().getSimpleName(), e instanceof IOException io ? io : new IOException(e.getClass().getName()));
        }
    }

    /**
     * Key rotation: writes the next key to a file of its own, then replaces the key info file atomically (FFmpeg with
     * {@code periodic_rekey} reads it, and the key file it names, when it starts a segment). The key file of the period
     * before the previous one is removed: FFmpeg may still be reading the previous one.
     */
    void rotate(int period, ContentKey key, String keyUri) throws IOException {
        Path file = dir.resolve("content-" + period + ".key");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
        Files.write(file, key.key(), StandardOpenOption.TRUNCATE_EXISTING);
        byte[] iv = key.iv();
        writeKeyInfo(keyUri + "\n" + file + "\n" + (iv == null ? "" : HexFormat.of().formatHex(iv) + "\n"));
        Path old = period == 2 ? keyFile : dir.resolve("content-" + (period - 2) + ".key");
        if (period >= 2) {
            wipe(old);
            Files.deleteIfExists(old);
        }
    }

    /** Writes the key info file under a temporary name and moves it in place: FFmpeg never reads half of it. */
    private void writeKeyInfo(String text) throws IOException {
        Path tmp = dir.resolve("key.info.tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_FILE));
        Files.writeString(tmp, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(tmp, keyInfoFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public Path dir() {
        return dir;
    }

    /** The key info file FFmpeg's {@code -hls_key_info_file} reads. */
    public Path keyInfoFile() {
        return keyInfoFile;
    }

    private void wipe(Path file) {
        try {
            if (Files.exists(file)) {
                Files.write(file, new byte[16], StandardOpenOption.TRUNCATE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not overwrite the key file {}", file, e);
        }
    }

    /** Overwrites the key files with zeros and deletes everything; never throws. */
    @Override
    public void close() {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> keys = Files.list(dir)) {
            keys.filter(p -> p.getFileName().toString().endsWith(".key")).forEach(this::wipe);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not list the key files in {}", dir, e);
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete the private key folder {}: {}", dir, e.getMessage());
        }
    }
}
