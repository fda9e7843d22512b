package io.github.streamgear.examples.scaleout;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;

/**
 * Uploads one produced file (a message of the streamgear: reply: body the File, CamelAwsS3Key and the bucket set by
 * the worker) with its content type and cache lifetime. A failed upload is retried here a few times with back-off, so
 * that a short S3 hiccup does not cost a whole transcode; if it still fails, the job's transaction rolls back.
 */
public final class PublishRoutes extends RouteBuilder {

    private final Settings settings;

    public PublishRoutes(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void configure() {
        from(WorkerRoutes.PUBLISH)
                .routeId("publish-file")
                .errorHandler(defaultErrorHandler().maximumRedeliveries(4).redeliveryDelay(500).useExponentialBackOff()
                        .backOffMultiplier(2).retryAttemptedLogLevel(LoggingLevel.WARN))
                .setHeader(AWS2S3Constants.CONTENT_TYPE, header("Content-Type"))
                // VOD files never change under a key: the job id is derived from the source's bytes and the options
                .setHeader(AWS2S3Constants.CACHE_CONTROL, constant("public, max-age=31536000, immutable"))
                .to(settings.s3Endpoint(settings.bucket()));
    }
}
