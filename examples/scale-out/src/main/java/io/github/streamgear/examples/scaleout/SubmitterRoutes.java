package io.github.streamgear.examples.scaleout;

import java.io.File;
import java.nio.file.Path;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;

/**
 * A submitter: watches a folder; for each new video it uploads the source to the bucket under a content-addressed key
 * and sends a job message. The message carries a duplicate id derived from the source's bytes and the job options,
 * so the broker drops a second submission of the same job, from this submitter or any other.
 */
public final class SubmitterRoutes extends RouteBuilder {

    private final Settings settings;

    public SubmitterRoutes(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void configure() {
        // readLock=changed: a file still being copied into the inbox is not taken until its size stops changing
        from("file:" + settings.inbox() + "?move=.done&moveFailed=.failed&readLock=changed&readLockCheckInterval=250"
                + "&readLockMinAge=500&delay=250")
                .routeId("submitter")
                .convertBodyTo(File.class)
                .process(this::identify)
                .log("Submitting ${header.CamelFileName} as job ${exchangeProperty.jobId}: uploading the source to"
                        + " s3://" + settings.bucket() + "/${header.CamelAwsS3Key}")
                .to(settings.s3Endpoint(settings.bucket()))
                .process(this::jobMessage)
                .to(settings.jobsUri())
                .log("Submitted job ${exchangeProperty.jobId} (duplicate id ${exchangeProperty.duplicateId}: the broker"
                        + " drops it if it was submitted before)");
    }

    private void identify(Exchange exchange) throws Exception {
        Path file = exchange.getIn().getBody(File.class).toPath();
        SourceIdentity id = SourceIdentity.of(file, settings.sourcesPrefix(), settings.jobOptions());
        exchange.setProperty("jobId", id.jobId());
        exchange.setProperty("duplicateId", id.duplicateId());
        exchange.getIn().setHeader(AWS2S3Constants.KEY, id.sourceKey());
        exchange.getIn().setHeader(AWS2S3Constants.CONTENT_TYPE, "application/octet-stream");
    }

    private void jobMessage(Exchange exchange) {
        String sourceKey = exchange.getIn().getHeader(AWS2S3Constants.KEY, String.class);
        JobMessage job = new JobMessage(JobMessage.VERSION, exchange.getProperty("jobId", String.class),
                new JobMessage.Source(null, sourceKey, null), settings.jobOptions(),
                new JobMessage.Destination(settings.bucket(), settings.streamsPrefix())).validate();
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setBody(job.toJson());
        exchange.getIn().setHeader(settings.duplicateIdHeader(), exchange.getProperty("duplicateId"));
    }
}
