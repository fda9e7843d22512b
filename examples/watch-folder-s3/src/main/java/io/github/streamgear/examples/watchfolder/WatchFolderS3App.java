package io.github.streamgear.examples.watchfolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.aws2.s3.AWS2S3Operations;
import org.apache.camel.main.Main;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Watches a folder, transcodes every video dropped into it to CMAF (DASH + HLS) and publishes the streams to an S3
 * bucket (see {@link WatchFolderRoutes}). Settings come from {@code application.properties}, overridable with
 * {@code -Dname=value} (see {@link Settings}).
 * <p>
 * With no {@code s3.endpoint} it starts an S3-compatible server in-process ({@link EmbeddedS3}). In demo mode (the
 * default, {@code demo=true}) it transcodes what is in the inbox when it starts (a generated sample video if the inbox is
 * empty), waits until every file of those jobs is in the bucket, lists the bucket and exits: exit code 0 if everything
 * was published, non-zero otherwise. With {@code demo=false} it keeps watching until Ctrl-C.
 */
public final class WatchFolderS3App {

    private static final Logger LOG = LoggerFactory.getLogger(WatchFolderS3App.class);

    private WatchFolderS3App() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = new Settings();
        Path work = settings.path("work", Path.of("work"));
        Path inbox = settings.path("inbox", work.resolve("inbox"));
        Path streams = work.resolve("streams");
        boolean demo = settings.flag("demo", true);
        Files.createDirectories(inbox);

        S3Target s3 = S3Target.from(settings);
        EmbeddedS3 embedded = null;
        if (s3.endpoint() == null) {
            String key = settings.get("s3.accessKey", "demo-access-key");
            String secret = settings.get("s3.secretKey", "demo-secret-key");
            embedded = EmbeddedS3.start((int) settings.number("s3.embeddedPort", 0), key, secret);
            s3 = s3.on(embedded.url(), key, secret);
            LOG.info("No s3.endpoint configured: started an embedded S3 server (s3proxy, in memory) at {}"
                    + " (access key {}, secret key {}, bucket {})", embedded.url(), key, secret, s3.bucket());
        }
        try {
            run(settings, demo, inbox, work, streams, s3);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static void run(Settings settings, boolean demo, Path inbox, Path work, Path streams, S3Target s3)
            throws Exception {
        // survives restarts: a video transcoded before is not transcoded again (see WatchFolderRoutes.IDEMPOTENT_KEY)
        IdempotentRepository processed = FileIdempotentRepository.fileIdempotentRepository(
                work.resolve("processed-videos.txt").toFile(), 10_000);
        processed.start();
        List<String> toPublish = demo ? demoInputs(inbox, processed) : List.of();

        Jobs jobs = new Jobs();
        Main main = new Main();
        main.bind(WatchFolderRoutes.PROCESSED, processed);
        main.configure().withName("watch-folder-s3").addRoutesBuilder(new WatchFolderRoutes(inbox, streams,
                settings.get("streams", "640x360@800k,426x240@400k"),
                Double.parseDouble(settings.get("segmentDuration", "2")), s3, jobs));
        LOG.info("Watching {} for videos ({}); streams are written to {} and published to {}", inbox,
                WatchFolderRoutes.VIDEO_EXTENSIONS, streams, s3.describe());
        if (!demo) {
            LOG.info("Drop videos into {} (done: {}, failed: {}); Ctrl-C to stop", inbox, inbox.resolve(".done"),
                    inbox.resolve(".failed"));
            main.run(); // until Ctrl-C
            return;
        }
        main.start();
        try {
            demo(main.getCamelTemplate(), jobs, toPublish, streams, s3, settings.number("demo.timeout", 600));
        } finally {
            main.stop();
        }
    }

    /** The inbox files the demo waits for: those present and new; a generated sample if the inbox has no video. */
    private static List<String> demoInputs(Path inbox, IdempotentRepository processed) throws Exception {
        List<Path> videos = videosIn(inbox);
        if (videos.isEmpty()) {
            // generated under a hidden name (the watcher skips dot files), then renamed: never seen half-written
            Path sample = SampleVideo.create(inbox.resolve(".sample.mp4"));
            videos = List.of(Files.move(sample, inbox.resolve("sample.mp4"), StandardCopyOption.ATOMIC_MOVE));
        }
        List<String> names = new ArrayList<>();
        for (Path video : videos) {
            String key = video.getFileName() + "-" + Files.size(video) + "-" + Files.getLastModifiedTime(video).toMillis();
            if (processed.contains(key)) {
                LOG.warn("{} was transcoded before (same name, size and date in processed-videos.txt): it stays in the"
                        + " inbox and is not transcoded again", video);
            } else {
                names.add(video.getFileName().toString());
            }
        }
        return names;
    }

    private static List<Path> videosIn(Path inbox) throws Exception {
        Set<String> extensions = Set.of(WatchFolderRoutes.VIDEO_EXTENSIONS.split(","));
        try (Stream<Path> files = Files.list(inbox)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(f -> {
                        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                        return extensions.contains(name.substring(name.lastIndexOf('.') + 1));
                    })
                    .sorted().toList();
        }
    }

    /** Waits for each inbox file's job and for all its files in the bucket, lists the bucket, fails if anything did. */
    private static void demo(ProducerTemplate template, Jobs jobs, List<String> files, Path streams, S3Target s3,
            long timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        List<String> problems = new ArrayList<>();
        if (files.isEmpty()) {
            LOG.info("Nothing new to transcode in the inbox");
        }
        for (String file : files) {
            String job;
            try {
                job = jobs.of(file).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                problems.add(file + " failed (moved to .failed): " + e.getCause().getMessage());
                continue;
            } catch (TimeoutException e) {
                problems.add(file + " was not transcoded within " + timeoutSeconds + " s (demo.timeout)");
                continue;
            }
            Set<String> expected = filesOf(streams.resolve(job), s3.keyPrefix() + job + "/");
            Set<String> inBucket = keys(template, s3, s3.keyPrefix() + job + "/");
            while (!inBucket.equals(expected) && System.nanoTime() < deadline) {
                Thread.sleep(250);
                inBucket = keys(template, s3, s3.keyPrefix() + job + "/");
            }
            if (inBucket.equals(expected)) {
                LOG.info("Job {} ({}) is published: all {} files are in the bucket, manifests included", job, file,
                        expected.size());
            } else {
                problems.add(file + ": the bucket does not hold the job's files: missing "
                        + difference(expected, inBucket) + ", unexpected " + difference(inBucket, expected));
            }
        }
        printBucket(template, s3);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Not everything was published:\n  " + String.join("\n  ", problems));
        }
    }

    private static void printBucket(ProducerTemplate template, S3Target s3) {
        List<S3Object> objects = list(template, s3, s3.keyPrefix());
        StringBuilder out = new StringBuilder(String.format("%nBucket %s now holds %d objects:%n", s3.describe(),
                objects.size()));
        for (S3Object object : objects) {
            out.append(String.format("  %-48s %9d bytes%n", object.key(), object.size()));
        }
        for (S3Object object : objects) {
            if (object.key().endsWith("/manifest.mpd") || object.key().endsWith("/manifest.m3u8")) {
                HeadObjectResponse head = request(template, s3, AWS2S3Operations.headObject, AWS2S3Constants.KEY,
                        object.key()).getMessage().getBody(HeadObjectResponse.class);
                out.append(String.format("  %s: Content-Type %s, Cache-Control %s%n", object.key(), head.contentType(),
                        head.cacheControl()));
            }
        }
        System.out.println(out);
    }

    private static Set<String> keys(ProducerTemplate template, S3Target s3, String prefix) {
        return list(template, s3, prefix).stream().map(S3Object::key).collect(Collectors.toCollection(TreeSet::new));
    }

    @SuppressWarnings("unchecked")
    private static List<S3Object> list(ProducerTemplate template, S3Target s3, String prefix) {
        return request(template, s3, AWS2S3Operations.listObjects, AWS2S3Constants.PREFIX, prefix).getMessage()
                .getBody(List.class);
    }

    /** An operation on the publishing route's aws2-s3 endpoint, chosen by header. */
    private static Exchange request(ProducerTemplate template, S3Target s3, AWS2S3Operations operation, String header,
            String value) {
        Exchange exchange = template.request(s3.camelUri(), e -> {
            e.getIn().setHeader(AWS2S3Constants.S3_OPERATION, operation);
            e.getIn().setHeader(header, value);
        });
        if (exchange.getException() != null) {
            throw new IllegalStateException("S3 " + operation + " failed: " + exchange.getException().getMessage(),
                    exchange.getException());
        }
        return exchange;
    }

    private static Set<String> filesOf(Path jobDir, String keyPrefix) throws Exception {
        try (Stream<Path> files = Files.list(jobDir)) {
            return files.map(f -> keyPrefix + f.getFileName()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> left = new TreeSet<>(a);
        left.removeAll(b);
        return left;
    }
}
