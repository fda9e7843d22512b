package io.github.streamgear.engine.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;

import io.github.streamgear.engine.StreamGearException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers which source file a job folder's stream was made from, so that a job named after its source's base name
 * does not silently replace the stream of another source with the same base name ({@code movie.mp4}, then
 * {@code movie.mov}); a new run of the same source replaces it, as a re-upload should. The name is kept in a user
 * extended attribute of the folder ({@code user.streamgear.source}), not in a file: nothing is added to the output
 * that a mirror or a web server would serve. On a file system without user attributes there is nothing to check.
 */
public final class SourceRecord {

    static final String ATTRIBUTE = "streamgear.source";
    private static final Logger LOG = LoggerFactory.getLogger(SourceRecord.class);

    private SourceRecord() {
    }

    /** Fails when the folder holds the stream of a source other than {@code sourceName}; null: nothing to check. */
    public static void check(Path jobDir, String jobId, String sourceName) {
        if (sourceName == null) {
            return;
        }
        String recorded = read(jobDir);
        if (recorded != null && !recorded.equals(sourceName)) {
            throw new StreamGearException("Job " + jobId + ": " + jobDir + " holds the stream of " + recorded + ", and "
                    + sourceName + " would replace it because both are named " + jobId + ". Give this source its own"
                    + " job id (header CamelStreamGearJobId), or delete the folder to replace that stream on purpose");
        }
    }

    /** Records that the folder's stream is now {@code sourceName}'s; null (the job id was chosen): forgets the source. */
    public static void write(Path jobDir, String sourceName) {
        UserDefinedFileAttributeView view = Files.getFileAttributeView(jobDir, UserDefinedFileAttributeView.class);
        if (view == null) {
            return;
        }
        try {
            if (sourceName == null) {
                if (view.list().contains(ATTRIBUTE)) {
                    view.delete(ATTRIBUTE);
                }
            } else {
                view.write(ATTRIBUTE, StandardCharsets.UTF_8.encode(sourceName));
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("Cannot record the source of {} (no user extended attributes here): {}", jobDir, e.toString());
        }
    }

    static String read(Path jobDir) {
        UserDefinedFileAttributeView view = Files.isDirectory(jobDir)
                ? Files.getFileAttributeView(jobDir, UserDefinedFileAttributeView.class) : null;
        if (view == null) {
            return null;
        }
        try {
            if (!view.list().contains(ATTRIBUTE)) {
                return null;
            }
            ByteBuffer value = ByteBuffer.allocate(view.size(ATTRIBUTE));
            view.read(ATTRIBUTE, value);
            return StandardCharsets.UTF_8.decode(value.flip()).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }
}
