package io.github.streamgear.engine.protection;

/**
 * Where a job gets its content key: a KMS, a vault, a DRM key service. Called once per job, before FFmpeg starts, on
 * the job's thread; may be called concurrently for different jobs. A provider that throws, or returns null or a
 * malformed key, fails the job before anything is written (the error names the job, never the key).
 * <p>
 * Without a provider the component generates a random key per job ({@link RandomKeyProvider}) and hands it to the
 * route, which must store it.
 */
@FunctionalInterface
public interface KeyProvider {

    /** The key of this job; the returned key URI (if any) wins over the endpoint's {@code keyUri} template. */
    ContentKey contentKey(KeyRequest request) throws Exception;
}
