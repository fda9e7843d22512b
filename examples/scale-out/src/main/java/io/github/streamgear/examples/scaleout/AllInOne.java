package io.github.streamgear.examples.scaleout;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.streamgear.camel.StreamGearComponent;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.gaul.s3proxy.S3Proxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Role {@code all}: every role of the example in one JVM, for a try on one machine — the broker, the S3 server,
 * {@code -Dworkers} (2) workers {@code w1, w2, ...}, the monitor and the submitter, on the same addresses and folders as
 * the separate roles. The workers are separate Camel contexts with their own temp folders, consumers and FFmpeg
 * processes; they compete for the jobs exactly as worker JVMs do (only "kill one worker" needs the separate roles).
 *
 * <p>With {@code -Ddemo=true}: generates {@code -Dcount} (3) test videos of {@code -Dseconds} (10) s into the inbox,
 * waits until every one of their jobs is reported {@code done} on the status queue ({@code -Ddemo.timeout}, 600 s),
 * lists what was published in the bucket, stops everything and exits 0; it exits 1 if a job failed, or did not finish
 * in time. Without it, everything runs until Ctrl+C.
 */
final class AllInOne {

    private static final Logger LOG = LoggerFactory.getLogger(AllInOne.class);

    private final Settings settings;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();

    private AllInOne(Settings settings) {
        this.settings = settings;
    }

    static void run(Settings settings) throws Exception {
        AllInOne all = new AllInOne(settings);
        boolean demo = Boolean.getBoolean("demo");
        int code = 1;
        try {
            long started = System.nanoTime();
            BlockingQueue<JobStatus> statuses = new LinkedBlockingQueue<>();
            all.start(status -> statuses.add(JobStatus.parse(status)), !demo);
            if (!demo) {
                LOG.info("Every role is running ({} s): drop videos into {} (or run -Drole=samples), Ctrl+C stops all",
                        String.format("%.1f", (System.nanoTime() - started) / 1e9), settings.inbox());
                CountDownLatch stopped = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    all.stop();
                    stopped.countDown();
                }));
                stopped.await();
                return;
            }
            code = all.demo(statuses, started) ? 0 : 1;
        } catch (Exception e) {
            LOG.error("The demo failed", e);
        } finally {
            all.stop();
        }
        System.exit(code);
    }

    /** Starts every role; the submitter only if {@code submitter} (the demo starts it once its videos are there). */
    private void start(java.util.function.Consumer<String> onStatus, boolean submitter) throws Exception {
        URI brokerUrl = URI.create(settings.brokerUrl().replaceFirst("\\?.*", ""));
        EmbeddedActiveMQ broker = Brokers.startBroker(System.getProperty("broker.host", brokerUrl.getHost()),
                brokerUrl.getPort(), settings.work().resolve("broker"), settings.maxAttempts(),
                Long.parseLong(System.getProperty("broker.redeliveryDelay", "2000")), true);
        running.push(broker::stop);
        LOG.info("Broker on {}", brokerUrl);

        URI s3Url = URI.create(settings.s3Url());
        S3Proxy proxy = S3.startServer(System.getProperty("s3.host", s3Url.getHost()), s3Url.getPort(),
                settings.work().resolve("s3"), settings.s3AccessKey(), settings.s3SecretKey());
        running.push(proxy::stop);
        S3Client s3 = S3.client(settings);
        running.push(s3::close);
        S3.createBucket(s3, settings.bucket());
        LOG.info("S3 server on {}, bucket {} (objects in {})", s3Url, settings.bucket(), settings.work().resolve("s3"));

        for (int i = 1; i <= Integer.getInteger("workers", 2); i++) {
            startWorker("w" + i);
        }
        startCamel("monitor", new MonitorRoutes(settings, onStatus));
        if (submitter) {
            startSubmitter();
        }
    }

    private void startWorker(String id) throws Exception {
        Properties p = new Properties();
        p.putAll(System.getProperties());
        p.setProperty("worker.id", id);
        Settings worker = Settings.from(p);
        Path dir = worker.workerDir();
        WorkerRoutes.deleteTree(dir.resolve("out"));
        WorkerRoutes.deleteTree(dir.resolve("sources"));
        Optional<Path> leash = worker.ffmpegDiesWithWorker() ? FfmpegLeash.install(dir.resolve("bin")) : Optional.empty();
        StreamGearComponent streamgear = new StreamGearComponent();
        streamgear.setMaxConcurrentJobs(worker.concurrency());
        leash.ifPresent(bin -> streamgear.setFfmpegPath(bin.toString()));
        startCamel("worker-" + id, context -> context.addComponent("streamgear", streamgear),
                new WorkerRoutes(worker), new PublishRoutes(worker));
    }

    private void startSubmitter() throws Exception {
        Files.createDirectories(settings.inbox());
        startCamel("submitter", new SubmitterRoutes(settings));
    }

    private void startCamel(String name, RoutesBuilder... routes) throws Exception {
        startCamel(name, context -> { }, routes);
    }

    private void startCamel(String name, java.util.function.Consumer<CamelContext> tune, RoutesBuilder... routes)
            throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getCamelContextExtension().setName(name);
        context.getShutdownStrategy().setTimeout(30);
        context.getRegistry().bind("s3", S3.client(settings));
        context.addComponent("jms", Brokers.jmsComponent(settings.brokerUrl()));
        tune.accept(context);
        for (RoutesBuilder r : routes) {
            context.addRoutes(r);
        }
        running.push(context::close);
        context.start();
    }

    private boolean demo(BlockingQueue<JobStatus> statuses, long started) throws Exception {
        List<Path> videos = Samples.generate(settings.inbox(), Integer.getInteger("count", 3), Integer.getInteger("seconds", 10));
        Map<String, JobStatus> jobs = new LinkedHashMap<>();
        for (Path video : videos) {
            jobs.put(SourceIdentity.of(video, settings.sourcesPrefix(), settings.jobOptions()).jobId(), null);
        }
        startSubmitter();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.getLong("demo.timeout", 600));
        while (jobs.containsValue(null)) {
            JobStatus status = statuses.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (status == null) {
                LOG.error("Demo: timed out; still waiting for {}", jobs.entrySet().stream()
                        .filter(e -> e.getValue() == null).map(Map.Entry::getKey).toList());
                return false;
            }
            if (jobs.containsKey(status.jobId())) {
                jobs.put(status.jobId(), status);
                if (!JobStatus.DONE.equals(status.state())) {
                    LOG.error("Demo: job {} failed: {}", status.jobId(), status.reason());
                    return false;
                }
            }
        }
        boolean complete = true;
        try (S3Client s3 = S3.client(settings)) {
            for (JobStatus done : jobs.values()) {
                List<String> keys = s3.listObjectsV2Paginator(b -> b.bucket(settings.bucket())
                        .prefix(settings.streamsPrefix() + done.jobId() + "/")).contents().stream().map(S3Object::key).toList();
                boolean manifests = keys.containsAll(done.manifests());
                complete &= manifests && keys.size() == done.files();
                System.out.printf("s3://%s/%s%s/: %d objects, manifests %s%s (worker %s, %.1f s)%n", settings.bucket(),
                        settings.streamsPrefix(), done.jobId(), keys.size(), done.manifests(),
                        manifests ? "" : " MISSING", done.worker(), done.seconds());
            }
        }
        System.out.printf("Demo %s: %d jobs in %.1f s; the streams are files under %s%n", complete ? "done" : "FAILED",
                jobs.size(), (System.nanoTime() - started) / 1e9, settings.work().resolve("s3").resolve(settings.bucket()));
        return complete;
    }

    private synchronized void stop() {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                LOG.warn("Stopping: {}", e.toString());
            }
        }
    }
}
