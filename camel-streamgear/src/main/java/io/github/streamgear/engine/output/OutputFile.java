package io.github.streamgear.engine.output;

import java.nio.file.Path;

/**
 * A file a job produced.
 *
 * @param path        where it is on disk
 * @param name        its path relative to the job folder, with {@code /} separators, e.g. {@code chunk-0-00001.m4s}
 * @param kind        what it is to a player
 * @param contentType its media type, e.g. {@code application/dash+xml}
 * @param rendition   the rendition it belongs to ({@code 720p}, {@code audio}), null for manifests
 * @param sequence    the segment number, -1 for files that are not segments
 * @param size        its size in bytes
 */
public record OutputFile(Path path, String name, FileKind kind, String contentType, String rendition, long sequence, long size) {
}
