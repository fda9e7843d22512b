package io.github.streamgear.examples.scaleout;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Everything a role needs to know about the shared infrastructure, read from system properties ({@code -Dname=value})
 * with defaults that fit one machine. Several machines only need {@code broker.url}, {@code s3.url} and the
 * credentials to point at the same broker and bucket.
 *
 * <p>The broker appears here only as a connection URL and three endpoint URIs: swapping Artemis for another broker is
 * a matter of these values and of {@link Brokers} (see docs/scaling.md).
 */
public record Settings(
        String brokerUrl,
        String jobsUri,
        String statusUri,
        String deadLetterUri,
        String duplicateIdHeader,
        int maxAttempts,
        String s3Url,
        String s3AccessKey,
        String s3SecretKey,
        String s3Region,
        String bucket,
        String streamsPrefix,
        String sourcesPrefix,
        Path work,
        Path inbox,
        String sharedRoot,
        String workerId,
        int concurrency,
        boolean ffmpegDiesWithWorker,
        JobMessage.Options jobOptions) {

    /** Queue (anycast address) names, the same for every broker. */
    public static final String JOBS = "streamgear.jobs";
    public static final String JOBS_DLQ = "streamgear.jobs.DLQ";
    public static final String STATUS = "streamgear.status";
    /** Where the broker puts what fails on any other address (e.g. a status message no monitor can take). */
    public static final String OTHER_DLQ = "streamgear.DLQ";
    /** The expiry address of every queue (the example sets no time-to-live, so nothing expires unless you add one). */
    public static final String EXPIRED = "streamgear.expired";

    public static Settings fromSystemProperties() {
        return from(System.getProperties());
    }

    public static Settings from(Properties p) {
        Path work = Path.of(p.getProperty("work", "work")).toAbsolutePath().normalize();
        return new Settings(
                p.getProperty("broker.url", "tcp://127.0.0.1:61616"),
                p.getProperty("jobs.uri", "jms:queue:" + JOBS),
                p.getProperty("status.uri", "jms:queue:" + STATUS),
                p.getProperty("deadLetter.uri", "jms:queue:" + JOBS_DLQ),
                p.getProperty("duplicateIdHeader", "_AMQ_DUPL_ID"),
                Integer.parseInt(p.getProperty("jobs.maxAttempts", "3")),
                p.getProperty("s3.url", "http://127.0.0.1:9000"),
                p.getProperty("s3.accessKey", "local-key"),
                p.getProperty("s3.secretKey", "local-secret"),
                p.getProperty("s3.region", "us-east-1"),
                p.getProperty("bucket", "media"),
                p.getProperty("streams.prefix", "streams/"),
                p.getProperty("sources.prefix", "sources/"),
                work,
                Path.of(p.getProperty("inbox", work.resolve("inbox").toString())).toAbsolutePath().normalize(),
                p.getProperty("sharedRoot", ""),
                p.getProperty("worker.id", defaultWorkerId()),
                Integer.parseInt(p.getProperty("worker.concurrency", "1")),
                Boolean.parseBoolean(p.getProperty("worker.ffmpegDiesWithWorker", "true")),
                new JobMessage.Options(
                        p.getProperty("jobs.format", "cmaf"),
                        p.getProperty("jobs.streams", "640x360,426x240"),
                        Double.valueOf(p.getProperty("jobs.segmentDuration", "4")),
                        p.getProperty("jobs.preset", "veryfast"),
                        null));
    }

    /** The worker's own folder for sources it fetched and the streams it is producing. */
    public Path workerDir() {
        return work.resolve("worker-" + workerId.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /** Options of camel-aws2-s3 endpoints: the shared S3 client is looked up from the registry ({@code #s3}). */
    public String s3Endpoint(String bucketName) {
        return "aws2-s3://" + bucketName + "?amazonS3Client=#s3&autoCreateBucket=false";
    }

    private static String defaultWorkerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "worker";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
