package io.github.streamgear.engine.protection;

import io.github.streamgear.engine.settings.Encryption;

/**
 * What a {@link KeyProvider} is asked for.
 *
 * @param jobId      the job (its output folder's name)
 * @param encryption the scheme the key is for
 * @param period     which key of the job: 0 for the first, n for the n-th new key of key rotation (option
 *                   {@code keyRotationSegments}: period n starts at about segment n x keyRotationSegments)
 */
public record KeyRequest(String jobId, Encryption encryption, int period) {

    /** The first key of a job. */
    public KeyRequest(String jobId, Encryption encryption) {
        this(jobId, encryption, 0);
    }
}
