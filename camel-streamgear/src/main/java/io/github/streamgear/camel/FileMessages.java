package io.github.streamgear.camel;

import io.github.streamgear.engine.output.FileKind;
import io.github.streamgear.engine.output.OutputEvent;
import io.github.streamgear.engine.output.OutputFile;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultMessage;

/**
 * Where a produced file becomes a Camel message, in the producer's reply and at the consumer alike: the body is the
 * {@link java.io.File} (never its bytes; none for a delete; the consumer gives a live manifest version a file of its
 * own, see {@link VersionFiles}), the headers say where it goes ({@code CamelFileName}
 * relative to outputDir) and what it is, so that {@code .split(body()).to("file:public")} needs no glue. The consumer's
 * messages also carry the event's time, the cache lifetime and the headers camel-aws2-s3 and camel-http read, so that
 * {@code .to("aws2-s3:bucket")} or {@code .to("http://origin")} need nothing else.
 */
final class FileMessages {

    static final String WRITE = "write";
    static final String DELETE = "delete";
    static final String S3_KEY = "CamelAwsS3Key";
    static final String S3_CONTENT_TYPE = "CamelAwsS3ContentType";
    static final String S3_CACHE_CONTROL = "CamelAwsS3ContentControl";
    static final String S3_OPERATION = "CamelAwsS3Operation";
    static final String HTTP_METHOD = "CamelHttpMethod";
    static final String HTTP_PATH = "CamelHttpPath";

    private FileMessages() {
    }

    /** A file of the producer's reply: a file the job wrote. */
    static Message written(CamelContext context, String jobId, OutputFile file) {
        Message message = new DefaultMessage(context);
        describe(message, jobId, file, false);
        return message;
    }

    /** The consumer's message for a file written or removed: the reply's headers, and what a sink needs besides. */
    static void publish(Message message, String jobId, PublishedJob job, OutputEvent event,
            StreamGearConfiguration config) {
        OutputFile file = event.file();
        boolean delete = event.type() == OutputEvent.Type.REMOVED;
        describe(message, jobId, file, delete);
        String key = (config.getKeyPrefix() == null ? "" : config.getKeyPrefix()) + relativeName(jobId, file.name());
        message.setHeader(StreamGearConstants.TIMESTAMP, event.at().toEpochMilli());
        message.setHeader(S3_KEY, key);
        message.setHeader(HTTP_METHOD, delete ? "DELETE" : "PUT"); // an HTTP origin (WebDAV, CDN ingest) needs no glue
        message.setHeader(HTTP_PATH, key);
        if (delete) {
            if (config.isS3DeleteOperation()) {
                message.setHeader(S3_OPERATION, "deleteObject");
            }
            return;
        }
        String cacheControl = cacheControl(job, file.kind(), config);
        message.setHeader(StreamGearConstants.CACHE_CONTROL, cacheControl);
        message.setHeader(S3_CONTENT_TYPE, file.contentType());
        message.setHeader(S3_CACHE_CONTROL, cacheControl);
    }

    /** The body and headers of every file message; a delete has no body and no length. */
    private static void describe(Message message, String jobId, OutputFile file, boolean delete) {
        message.setBody(delete ? null : file.path().toFile());
        message.setHeader(StreamGearConstants.FILE_NAME, relativeName(jobId, file.name()));
        if (!delete) {
            message.setHeader(StreamGearConstants.FILE_LENGTH, file.size());
        }
        message.setHeader(StreamGearConstants.CONTENT_TYPE, file.contentType());
        message.setHeader(StreamGearConstants.FILE_KIND, file.kind().headerValue());
        message.setHeader(StreamGearConstants.JOB_ID, jobId);
        message.setHeader(StreamGearConstants.OPERATION, delete ? DELETE : WRITE);
        if (file.rendition() != null) {
            message.setHeader(StreamGearConstants.RENDITION, file.rendition());
        }
        if (file.kind() == FileKind.SEGMENT) {
            message.setHeader(StreamGearConstants.SEQUENCE, file.sequence());
        }
    }

    /** Live manifests and playlists change every segment: about half a segment. Everything else never changes. */
    static String cacheControl(PublishedJob job, FileKind kind, StreamGearConfiguration config) {
        boolean changing = job.live() && (kind == FileKind.MANIFEST || kind == FileKind.PLAYLIST);
        if (!changing) {
            return config.getImmutableCacheControl();
        }
        if (config.getLiveManifestCacheControl() != null && !config.getLiveManifestCacheControl().isBlank()) {
            return config.getLiveManifestCacheControl();
        }
        return "public, max-age=" + Math.max(1, Math.round(job.segmentDuration() / 2));
    }

    /** {@code CamelFileName}: the file's path under outputDir, its job folder first. */
    static String relativeName(String jobId, String name) {
        return jobId + "/" + name;
    }
}
