package io.github.streamgear.camel;

import io.github.streamgear.engine.output.FileKind;
import io.github.streamgear.engine.output.OutputEvent;
import io.github.streamgear.engine.output.OutputFile;
import org.apache.camel.Message;

/**
 * Where a file event becomes the consumer's message: the {@link java.io.File} as body (none for a delete), the same
 * headers as the producer's reply messages, plus the operation, cache lifetime and the headers camel-aws2-s3 and
 * camel-http read, so that {@code .to("aws2-s3:bucket")} or {@code .to("http://origin")} need nothing else.
 */
final class PublishedMessages {

    static final String DELETE = "delete";
    static final String S3_KEY = "CamelAwsS3Key";
    static final String S3_CONTENT_TYPE = "CamelAwsS3ContentType";
    static final String S3_CACHE_CONTROL = "CamelAwsS3ContentControl";
    static final String S3_OPERATION = "CamelAwsS3Operation";
    static final String HTTP_METHOD = "CamelHttpMethod";
    static final String HTTP_PATH = "CamelHttpPath";

    private PublishedMessages() {
    }

    static void fill(Message message, String jobId, PublishedJob job, OutputEvent event, StreamGearConfiguration config) {
        OutputFile file = event.file();
        boolean delete = event.type() == OutputEvent.Type.REMOVED;
        String name = ReplyMessages.relativeName(jobId, file.name());
        String key = (config.getKeyPrefix() == null ? "" : config.getKeyPrefix()) + name;
        message.setBody(delete ? null : file.path().toFile());
        message.setHeader(StreamGearConstants.FILE_NAME, name);
        message.setHeader(StreamGearConstants.FILE_KIND, file.kind().headerValue());
        message.setHeader(StreamGearConstants.JOB_ID, jobId);
        message.setHeader(StreamGearConstants.OPERATION, delete ? DELETE : ReplyMessages.WRITE);
        message.setHeader(StreamGearConstants.CONTENT_TYPE, file.contentType());
        message.setHeader(StreamGearConstants.TIMESTAMP, event.at().toEpochMilli());
        message.setHeader(S3_KEY, key);
        message.setHeader(HTTP_METHOD, delete ? "DELETE" : "PUT"); // an HTTP origin (WebDAV, CDN ingest) needs no glue
        message.setHeader(HTTP_PATH, key);
        if (file.rendition() != null) {
            message.setHeader(StreamGearConstants.RENDITION, file.rendition());
        }
        if (file.kind() == FileKind.SEGMENT) {
            message.setHeader(StreamGearConstants.SEQUENCE, file.sequence());
        }
        if (delete) {
            if (config.isS3DeleteOperation()) {
                message.setHeader(S3_OPERATION, "deleteObject");
            }
            return;
        }
        String cacheControl = cacheControl(job, file.kind(), config);
        message.setHeader(StreamGearConstants.FILE_LENGTH, file.size());
        message.setHeader(StreamGearConstants.CACHE_CONTROL, cacheControl);
        message.setHeader(S3_CONTENT_TYPE, file.contentType());
        message.setHeader(S3_CACHE_CONTROL, cacheControl);
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
}
