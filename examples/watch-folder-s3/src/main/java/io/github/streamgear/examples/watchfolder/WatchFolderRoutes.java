package io.github.streamgear.examples.watchfolder;

import java.nio.file.Path;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * Two routes:
 * <ol>
 * <li><b>watch-folder</b>: every video that lands in the inbox is transcoded once into CMAF (one encode, an MPEG-DASH
 * manifest and an HLS master playlist over the same fMP4 segments) under {@code STREAMS/JOB}, JOB being the file's
 * base name; the video is then moved to {@code INBOX/.done}, or to {@code INBOX/.failed} if the job failed.</li>
 * <li><b>publish-to-s3</b>: every file those jobs produce reaches the bucket as soon as it is complete, segments first,
 * the manifests last, once the job has succeeded. The consumer's messages carry the S3 key, content type and
 * cache-control headers camel-aws2-s3 reads, so the route needs nothing between {@code from} and {@code to}.</li>
 * </ol>
 */
public class WatchFolderRoutes extends RouteBuilder {

    /** Bean name of the idempotent repository (a file: {@code WORK/processed-videos.txt}). */
    static final String PROCESSED = "processedVideos";

    /**
     * What makes a video "the same one" for the idempotent repository: name, size and modification time. A video
     * copied into the inbox again unchanged is skipped (and stays there); a new version of it is transcoded.
     */
    static final String IDEMPOTENT_KEY = "${file:name}-${file:size}-${file:modified}";

    /** Files the watcher takes (case-insensitive); anything else in the inbox is left alone. */
    static final String VIDEO_EXTENSIONS = "mp4,m4v,mov,mkv,webm,avi,mpg,mpeg,ts,mxf";

    private final Path inbox;
    private final Path streams;
    private final String ladder;
    private final double segmentDuration;
    private final S3Target s3;
    private final Jobs jobs;

    WatchFolderRoutes(Path inbox, Path streams, String ladder, double segmentDuration, S3Target s3, Jobs jobs) {
        this.inbox = inbox;
        this.streams = streams;
        this.ladder = ladder;
        this.segmentDuration = segmentDuration;
        this.s3 = s3;
        this.jobs = jobs;
    }

    @Override
    public void configure() {
        from("file:" + inbox
                + "?includeExt=" + VIDEO_EXTENSIONS
                + "&readLock=changed&readLockCheckInterval=1000"  // unchanged size and date for 1 s: the copy is done
                + "&move=.done&moveFailed=.failed"
                + "&idempotent=true&idempotentKey=" + IDEMPOTENT_KEY + "&idempotentRepository=#" + PROCESSED)
            .routeId("watch-folder")
            .onException(Exception.class)                   // the file goes to .failed; say why in one entry
                .logExhausted(false)
                .log(LoggingLevel.ERROR, "Could not transcode ${header.CamelFileName}, moved to .failed: ${exception.message}")
            .end()
            .process(jobs::watch)
            .log("Transcoding ${header.CamelFileName} (${header.CamelFileLength} bytes)")
            .to("streamgear:vod?format=cmaf"
                + "&streams=" + ladder
                + "&segmentDuration=" + segmentDuration
                + "&clearPrevAssets=true"                   // a new version of a video replaces the old streams
                + "&outputDir=RAW(" + streams + ")")
            .log("Transcoded ${header.CamelFileName} into ${header.CamelStreamGearJobDir}; its manifests go out last");

        from("streamgear:vod?s3DeleteOperation=true" + (s3.keyPrefix().isEmpty() ? "" : "&keyPrefix=RAW(" + s3.keyPrefix() + ")"))
            .routeId("publish-to-s3")
            .onException(Exception.class)   // the consumer logs a failed delivery and retries it: no second report
                .logExhausted(false)
            .end()
            .to(s3.camelUri())
            .log("S3 ${header.CamelStreamGearOperation} s3://" + s3.bucket() + "/${header.CamelAwsS3Key}"
                 + " [${header.Content-Type}; ${header.Cache-Control}]");
    }
}
