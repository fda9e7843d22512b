package io.github.streamgear.engine.protection;

import io.github.streamgear.engine.settings.Encryption;

/**
 * What a {@link KeyProvider} is asked for.
 *
 * @param jobId      the job (its output folder's name)
 * @param encryption the scheme the key is for
 */
public record KeyRequest(String jobId, Encryption encryption) {
}
