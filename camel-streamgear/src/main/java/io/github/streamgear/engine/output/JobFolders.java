package io.github.streamgear.engine.output;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.streamgear.engine.StreamGearException;

/**
 * One job per job folder at a time, across every endpoint and CamelContext of this JVM. Two jobs writing one folder
 * overwrite each other's segments and manifests, and the rollback of one removes the other's files, so a second job
 * for a folder in use fails at once instead of waiting: its source stays where it was (a watch folder moves it to
 * {@code .failed} or the route's error handler retries it), and nothing of the running job is touched.
 */
public final class JobFolders {

    private static final Map<Path, String> IN_USE = new ConcurrentHashMap<>();

    private JobFolders() {
    }

    /** Claims {@code jobDir} for {@code jobId}; the claim ends when it is closed. */
    public static Claim claim(Path jobDir, String jobId) {
        Path key = jobDir.toAbsolutePath().normalize();
        String holder = IN_USE.putIfAbsent(key, jobId);
        if (holder != null) {
            throw new StreamGearException("Job " + jobId + " cannot start: job " + holder + " is already running in " + key
                    + ", and two jobs in one folder would overwrite each other. Retry when it has finished, or give each"
                    + " source its own job id (header CamelStreamGearJobId)");
        }
        return new Claim(key);
    }

    /** A folder in use by one job; closing it (idempotent) frees the folder. */
    public static final class Claim implements AutoCloseable {

        private final Path folder;
        private boolean closed;

        private Claim(Path folder) {
            this.folder = folder;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                IN_USE.remove(folder);
            }
        }
    }
}
