package io.github.streamgear.examples.scaleout;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.main.Main;
import org.gaul.s3proxy.S3Proxy;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One launcher for every role of the example; the role is the first argument and the rest of the configuration comes
 * from system properties (see {@link Settings} and README.md):
 * <ul>
 * <li>{@code all} (the default): every role below in one JVM, with two workers, for one machine; {@code -Ddemo=true}
 * generates test videos, waits until their jobs are done, lists the bucket and exits (see {@link AllInOne});</li>
 * <li>{@code broker}: an ActiveMQ Artemis broker (stand-in for the shared broker) on the port of {@code broker.url},
 * listening on its host or on {@code -Dbroker.host} (e.g. 0.0.0.0 for other machines);</li>
 * <li>{@code s3}: an S3-compatible server keeping its objects under WORK/s3 (stand-in for the shared bucket) on the
 * port of {@code s3.url}, listening on its host or on {@code -Ds3.host};</li>
 * <li>{@code submitter}: watches the inbox and submits a job per video;</li>
 * <li>{@code worker}: runs jobs, {@code -Dworker.concurrency} at a time;</li>
 * <li>{@code monitor}: logs the job statuses;</li>
 * <li>{@code samples}: writes {@code -Dcount} (3) different {@code -Dseconds} (10) s test videos into the inbox, and
 * exits.</li>
 * </ul>
 * The other roles run until the JVM is stopped (Ctrl+C, SIGTERM).
 */
public final class ScaleOut {

    private ScaleOut() {
    }

    public static void main(String[] args) throws Exception {
        String role = args.length > 0 && !args[0].isBlank() ? args[0] : System.getProperty("role", "all");
        Settings settings = Settings.fromSystemProperties();
        switch (role) {
            case "all" -> AllInOne.run(settings);
            case "broker" -> broker(settings);
            case "s3" -> s3(settings);
            case "submitter" -> {
                Files.createDirectories(settings.inbox());
                camel(settings, "submitter", new SubmitterRoutes(settings));
            }
            case "worker" -> worker(settings);
            case "monitor" -> camel(settings, "monitor", new MonitorRoutes(settings));
            case "samples" -> Samples.generate(settings.inbox(), Integer.getInteger("count", 3), Integer.getInteger("seconds", 10));
            default -> {
                System.err.println("Usage: ScaleOut all|broker|s3|submitter|worker|monitor|samples (got '" + role + "')");
                System.exit(2);
            }
        }
    }

    private static void broker(Settings settings) throws Exception {
        URI url = URI.create(settings.brokerUrl().replaceFirst("\\?.*", ""));
        String host = System.getProperty("broker.host", url.getHost());
        int port = url.getPort();
        EmbeddedActiveMQ broker = Brokers.startBroker(host, port, settings.work().resolve("broker"), settings.maxAttempts(),
                Long.parseLong(System.getProperty("broker.redeliveryDelay", "2000")), true);
        System.out.printf("Artemis broker listening on tcp://%s:%d (data in %s)%n", host, port, settings.work().resolve("broker"));
        runUntilStopped(() -> broker.stop());
    }

    private static void s3(Settings settings) throws Exception {
        URI url = URI.create(settings.s3Url());
        String host = System.getProperty("s3.host", url.getHost());
        int port = url.getPort();
        S3Proxy proxy = S3.startServer(host, port, settings.work().resolve("s3"), settings.s3AccessKey(), settings.s3SecretKey());
        try (S3Client client = S3.client(settings)) {
            S3.createBucket(client, settings.bucket());
        } catch (RuntimeException e) {
            proxy.stop();
            throw e;
        }
        System.out.printf("S3-compatible server on http://%s:%d, bucket %s (objects in %s)%n", host, port, settings.bucket(),
                settings.work().resolve("s3"));
        runUntilStopped(proxy::stop);
    }

    private static void worker(Settings settings) throws Exception {
        Path dir = settings.workerDir();
        WorkerRoutes.deleteTree(dir.resolve("out")); // what a killed earlier run of this worker left
        WorkerRoutes.deleteTree(dir.resolve("sources"));
        Optional<Path> leash = settings.ffmpegDiesWithWorker() ? FfmpegLeash.install(dir.resolve("bin")) : Optional.empty();
        camel(settings, "worker-" + settings.workerId(), main -> {
            main.addInitialProperty("camel.component.streamgear.maxConcurrentJobs", String.valueOf(settings.concurrency()));
            leash.ifPresent(bin -> main.addInitialProperty("camel.component.streamgear.ffmpegPath", bin.toString()));
        }, new WorkerRoutes(settings), new PublishRoutes(settings));
    }

    private static void camel(Settings settings, String name, org.apache.camel.RoutesBuilder... routes) throws Exception {
        camel(settings, name, main -> { }, routes);
    }

    private static void camel(Settings settings, String name, java.util.function.Consumer<Main> tune,
            org.apache.camel.RoutesBuilder... routes) throws Exception {
        Main main = new Main();
        main.bind("s3", S3.client(settings));
        main.bind("jms", Brokers.jmsComponent(settings.brokerUrl()));
        main.configure().withName(name).withShutdownTimeout(30);
        for (org.apache.camel.RoutesBuilder r : routes) {
            main.configure().addRoutesBuilder(r);
        }
        tune.accept(main);
        main.run();
    }

    private static void runUntilStopped(AutoCloseableAction stop) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stop.run();
            } catch (Exception e) {
                e.printStackTrace();
            }
            stopped.countDown();
        }));
        stopped.await();
    }

    @FunctionalInterface
    private interface AutoCloseableAction {
        void run() throws Exception;
    }
}
