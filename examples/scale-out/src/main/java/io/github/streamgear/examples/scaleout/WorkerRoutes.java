package io.github.streamgear.examples.scaleout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Message;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.support.SynchronizationAdapter;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A worker: takes one job at a time per consumer from the jobs queue, fetches its source, transcodes it with the
 * {@code streamgear:} producer, publishes every file to S3 (manifests last), removes what an earlier, interrupted
 * attempt left under the job's prefix, and reports the job done on the status queue.
 *
 * <p>The whole route runs in one JMS transaction (a transacted session): the job message is acknowledged, and the
 * status message sent, only when the route completes. If the JVM dies, the broker gives the job to another worker; if
 * the route fails, the transaction rolls back and the broker redelivers the job (after its redelivery delay) until its
 * last allowed attempt, when the job goes to the dead-letter queue with the reason. A job message that can never
 * succeed (invalid) goes there at once.
 */
public final class WorkerRoutes extends RouteBuilder {

    static final String PUBLISH = "direct:publish-file";
    private static final String ATTEMPT = "attempt";
    private static final String JOB = "job";
    private static final String JOB_JSON = "jobJson";
    private static final String STARTED = "jobStarted";

    /**
     * Set as soon as the JVM starts to exit. The component's shutdown hook stops FFmpeg (SIGTERM) at the same moment
     * Camel's hook starts stopping the context, so the failure of an interrupted job may arrive before the context
     * says it is stopping: this flag covers that race.
     */
    private static final AtomicBoolean JVM_EXITING = new AtomicBoolean();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> JVM_EXITING.set(true), "worker-exiting"));
    }

    private final Settings settings;

    public WorkerRoutes(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void configure() {
        // Dead-lettering happens in the consuming transaction: the job as it arrived, with the reason, then a failed
        // status; the transaction commits, so the job leaves the jobs queue. Other failures roll back.
        deadLetter(onException(InvalidJobException.class).handled(true));
        deadLetter(onException(Exception.class).onWhen(this::lastAttempt).handled(true));
        onException(Exception.class)
                .onWhen(e -> !lastAttempt(e))
                .log(LoggingLevel.WARN, "Job ${exchangeProperty.jobId}: attempt ${exchangeProperty.attempt} failed, rolled"
                        + " back for the broker to redeliver: ${exception.message}");
        errorHandler(defaultErrorHandler().logExhausted(false)); // the clauses above say what happened

        int consumers = settings.concurrency();
        from(settings.jobsUri() + "?transacted=true&lazyCreateTransactionManager=false&cacheLevelName=CACHE_CONSUMER"
                + "&errorHandlerLoggingLevel=DEBUG&errorHandlerLogStackTrace=false"
                + "&concurrentConsumers=" + consumers + "&maxConcurrentConsumers=" + consumers)
                .routeId("worker")
                .process(this::accept)
                .log("Job ${exchangeProperty.jobId}: attempt ${exchangeProperty.attempt} on " + settings.workerId())
                .choice()
                    .when(exchangeProperty("sourceKey").isNotNull())
                        .setHeader(AWS2S3Constants.OVERRIDE_BUCKET_NAME, exchangeProperty("sourceBucket"))
                        .setHeader(AWS2S3Constants.KEY, exchangeProperty("sourceKey"))
                        .to(settings.s3Endpoint(settings.bucket()) + "&operation=getObject")
                        .process(this::saveSource)
                    .otherwise()
                        .process(this::sharedSource)
                .end()
                .removeHeaders("*")
                .setHeader("CamelStreamGearJobId", exchangeProperty("jobId"))
                // clearPrevAssets: a job redelivered to the same worker starts from an empty folder
                .toD("streamgear:job?outputDir=" + settings.workerDir().resolve("out") + "&clearPrevAssets=true"
                        + "&${exchangeProperty.endpointOptions}")
                .process(this::publicationPlan)
                .split(body()).stopOnException()
                    .to(PUBLISH)
                .end()
                .process(this::removeStaleKeys)
                .process(this::doneStatus)
                .to(settings.statusUri())
                .log("Job ${exchangeProperty.jobId}: done, ${exchangeProperty.fileCount} files under"
                        + " s3://${exchangeProperty.bucket}/${exchangeProperty.outputPrefix}");
    }

    private void deadLetter(OnExceptionDefinition onException) {
        onException
                .process(this::deadLetter)
                .log(LoggingLevel.WARN, "Job ${header.StreamGearJobId}: dead-lettered after ${header.StreamGearAttempts}"
                        + " attempt(s): ${header.StreamGearFailure}")
                .to(settings.deadLetterUri())
                .process(this::failedStatus)
                .to(settings.statusUri());
    }

    /** Reads and checks the job; keeps the delivery count (the attempt number) and drops every incoming header. */
    private void accept(Exchange exchange) {
        Message in = exchange.getIn();
        // The JMS session is transacted (transacted=true): it commits when the route completes, on the listener thread.
        // Marking the exchange transacted makes Camel route it synchronously on that thread, also after the
        // asynchronous streamgear: producer, so that the status and dead-letter messages are sent on the same
        // session: the job's consumption, its status and its dead letter commit or roll back together.
        exchange.getExchangeExtension().setTransacted(true);
        Integer count = in.getHeader("JMSXDeliveryCount", Integer.class);
        exchange.setProperty(ATTEMPT, count == null ? 1 : count);
        exchange.setProperty(STARTED, System.nanoTime());
        String json = in.getBody(String.class);
        exchange.setProperty(JOB_JSON, json);
        in.removeHeaders("*"); // nothing from the wire may reach the streamgear: or aws2-s3 endpoints as a header
        JobMessage job = JobMessage.parse(json);
        exchange.setProperty(JOB, job);
        exchange.setProperty("jobId", job.jobId());
        exchange.setProperty("sourceKey", job.source().s3Key());
        exchange.setProperty("sourceBucket", job.sourceBucket());
        exchange.setProperty("endpointOptions", job.endpointOptions());
        exchange.setProperty("bucket", job.destination().bucket());
        exchange.setProperty("outputPrefix", job.outputPrefix());

        Path out = settings.workerDir().resolve("out").resolve(job.jobId());
        Path source = settings.workerDir().resolve("sources").resolve(job.jobId() + ".source");
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                deleteTree(out);
                deleteTree(source);
            }
        });
    }

    private void saveSource(Exchange exchange) throws IOException {
        JobMessage job = exchange.getProperty(JOB, JobMessage.class);
        Path target = settings.workerDir().resolve("sources").resolve(job.jobId() + ".source");
        Files.createDirectories(target.getParent());
        try (InputStream in = exchange.getIn().getMandatoryBody(InputStream.class)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (org.apache.camel.InvalidPayloadException e) {
            throw new IOException("No source object in the response for " + job.source().s3Key(), e);
        }
        exchange.getIn().setBody(target.toFile());
    }

    /** A shared-folder source must be inside the folder this worker is configured to read ({@code sharedRoot}). */
    private void sharedSource(Exchange exchange) {
        JobMessage job = exchange.getProperty(JOB, JobMessage.class);
        if (settings.sharedRoot().isBlank()) {
            throw new InvalidJobException("Job " + job.jobId() + " names a shared path, but this worker reads no shared folder"
                    + " (set -DsharedRoot)");
        }
        Path root = real(Path.of(settings.sharedRoot()).toAbsolutePath().normalize());
        Path path = real(Path.of(job.source().path()).normalize()); // a symbolic link must not lead out of the root
        if (!path.startsWith(root)) {
            throw new InvalidJobException("Job " + job.jobId() + ": source.path " + path + " is outside " + root);
        }
        exchange.getIn().setBody(path.toFile());
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path; // missing: the component fails the job with "does not exist"
        }
    }

    /**
     * The keys the reply's files are published under, in publication order (manifests last): the destination prefix
     * followed by CamelFileName (JOB/file). Each file's message gets its key and the bucket as headers.
     */
    @SuppressWarnings("unchecked")
    private void publicationPlan(Exchange exchange) {
        JobMessage job = exchange.getProperty(JOB, JobMessage.class);
        String prefix = job.destination().prefix() == null ? "" : job.destination().prefix();
        List<String> keys = new ArrayList<>();
        for (Message file : (List<Message>) exchange.getIn().getBody(List.class)) {
            String key = prefix + file.getHeader(Exchange.FILE_NAME, String.class);
            file.setHeader(AWS2S3Constants.KEY, key);
            file.setHeader(AWS2S3Constants.OVERRIDE_BUCKET_NAME, job.destination().bucket());
            keys.add(key);
        }
        exchange.setProperty("published", keys);
        exchange.setProperty("fileCount", keys.size());
    }

    /**
     * Deletes what is under the job's prefix but was not published now: the leftovers of an attempt that was
     * interrupted while it was publishing (its segments were overwritten by this attempt; anything else goes here).
     */
    private void removeStaleKeys(Exchange exchange) {
        JobMessage job = exchange.getProperty(JOB, JobMessage.class);
        @SuppressWarnings("unchecked")
        Set<String> published = new HashSet<>(exchange.getProperty("published", List.class));
        S3Client s3 = exchange.getContext().getRegistry().lookupByNameAndType("s3", S3Client.class);
        List<String> stale = s3.listObjectsV2Paginator(b -> b.bucket(job.destination().bucket()).prefix(job.outputPrefix()))
                .contents().stream().map(S3Object::key).filter(k -> !published.contains(k)).toList();
        for (String key : stale) {
            s3.deleteObject(b -> b.bucket(job.destination().bucket()).key(key));
        }
        if (!stale.isEmpty()) {
            log.info("Job {}: removed {} stale object(s) an earlier attempt left: {}", job.jobId(), stale.size(), stale);
        }
    }

    private void doneStatus(Exchange exchange) {
        JobMessage job = exchange.getProperty(JOB, JobMessage.class);
        @SuppressWarnings("unchecked")
        List<Message> files = exchange.getIn().getBody(List.class);
        @SuppressWarnings("unchecked")
        List<String> keys = exchange.getProperty("published", List.class);
        List<String> manifests = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            if ("manifest".equals(files.get(i).getHeader("CamelStreamGearFileKind"))) {
                manifests.add(keys.get(i));
            }
        }
        double seconds = (System.nanoTime() - exchange.getProperty(STARTED, Long.class)) / 1e9;
        JobStatus status = JobStatus.done(job.jobId(), settings.workerId(), exchange.getProperty(ATTEMPT, Integer.class),
                job.destination().bucket(), manifests, files.size(), Math.round(seconds * 10) / 10.0);
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setBody(status.toJson());
    }

    /** Whether this failure is the job's last allowed attempt (a worker that is shutting down never gives up a job). */
    private boolean lastAttempt(Exchange exchange) {
        Integer attempt = exchange.getProperty(ATTEMPT, Integer.class);
        return attempt != null && attempt >= settings.maxAttempts() && !exchange.getContext().isStopping()
                && !JVM_EXITING.get();
    }

    private void deadLetter(Exchange exchange) {
        Throwable failure = rootCause(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        String reason = failure == null ? "unknown" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        if (reason.length() > 2000) {
            reason = reason.substring(0, 2000) + "...";
        }
        JobMessage job = exchange.getProperty(JOB, JobMessage.class);
        String json = exchange.getProperty(JOB_JSON, String.class);
        Message out = exchange.getIn();
        out.removeHeaders("*");
        out.setBody(json);
        out.setHeader("StreamGearJobId", job != null ? job.jobId() : JobMessage.jobIdOf(json));
        out.setHeader("StreamGearFailure", reason);
        out.setHeader("StreamGearWorker", settings.workerId());
        out.setHeader("StreamGearAttempts", exchange.getProperty(ATTEMPT, Integer.class));
    }

    private void failedStatus(Exchange exchange) {
        Message in = exchange.getIn();
        JobStatus status = JobStatus.failed(in.getHeader("StreamGearJobId", String.class), settings.workerId(),
                in.getHeader("StreamGearAttempts", Integer.class), in.getHeader("StreamGearFailure", String.class));
        in.removeHeaders("*");
        in.setBody(status.toJson());
    }

    private static Throwable rootCause(Throwable t) {
        while (t != null && (t instanceof CamelExchangeException || t instanceof RuntimeCamelException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    static void deleteTree(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: the worker empties its folder when it starts
        }
    }
}
