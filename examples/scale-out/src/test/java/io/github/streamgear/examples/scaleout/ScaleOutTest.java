package io.github.streamgear.examples.scaleout;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.gaul.s3proxy.S3Proxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The whole scale-out setup on one machine, everything on 127.0.0.1: an embedded Artemis broker and an S3-compatible
 * server (s3proxy) in this JVM, two workers in their own JVMs, and the submitter route. Jobs are submitted through the
 * watch folder (plus one written by hand and one invalid message); one worker is killed (SIGKILL) while FFmpeg is
 * encoding. Every job must be published completely, exactly once; the corrupt source and the invalid message must be
 * in the dead-letter queue with their reasons; the duplicate submission must be dropped; the killed worker's FFmpeg
 * must not outlive it.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ScaleOutTest {

    private static final String KEY = "test-key";
    private static final String SECRET = "test-secret";
    private static final String BUCKET = "media";
    private static final double SOURCE_SECONDS = 8;
    private static final JobMessage.Options OPTIONS = new JobMessage.Options("cmaf", "320x180", 2.0, "veryfast", null);

    private static final Path LOGS = Path.of("target", "scale-out-test").toAbsolutePath();
    private static Path work;
    private static EmbeddedActiveMQ broker;
    private static S3Proxy s3proxy;
    private static S3Client s3;
    private static CamelContext submitter;
    private static Connection jms;
    private static final List<Process> workers = Collections.synchronizedList(new ArrayList<>());
    private static final Set<Long> ffmpegPids = Collections.synchronizedSet(new TreeSet<>());
    private static Settings settings;
    private static long started;

    @BeforeAll
    static void startInfrastructure() throws Exception {
        started = System.nanoTime();
        work = Files.createTempDirectory("scale-out-test");
        deleteTree(LOGS);
        Files.createDirectories(LOGS);
        int brokerPort = freePort();
        int s3Port = freePort();

        broker = Brokers.startBroker("127.0.0.1", brokerPort, work.resolve("broker"), 3, 300, false);
        s3proxy = S3.startServer("127.0.0.1", s3Port, work.resolve("s3"), KEY, SECRET);

        Properties p = new Properties();
        p.setProperty("work", work.toString());
        p.setProperty("broker.url", "tcp://127.0.0.1:" + brokerPort);
        p.setProperty("s3.url", "http://127.0.0.1:" + s3Port);
        p.setProperty("s3.accessKey", KEY);
        p.setProperty("s3.secretKey", SECRET);
        p.setProperty("bucket", BUCKET);
        p.setProperty("jobs.maxAttempts", "3");
        p.setProperty("jobs.format", OPTIONS.format());
        p.setProperty("jobs.streams", OPTIONS.streams());
        p.setProperty("jobs.segmentDuration", String.valueOf(OPTIONS.segmentDuration()));
        p.setProperty("jobs.preset", OPTIONS.preset());
        settings = Settings.from(p);
        s3 = S3.client(settings);
        S3.createBucket(s3, BUCKET);

        for (String id : List.of("w1", "w2")) {
            workers.add(startWorker(id, p));
        }

        ConnectionFactory cf = Brokers.connectionFactory("vm://0");
        jms = cf.createConnection();
        jms.start();
        log("infrastructure and workers started");
    }

    @AfterAll
    static void stopEverything() throws Exception {
        try {
            if (submitter != null) {
                submitter.close();
            }
        } finally {
            try {
                stopWorkers();
            } finally {
                ffmpegPids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
                try {
                    if (jms != null) {
                        jms.close();
                    }
                    if (s3 != null) {
                        s3.close();
                    }
                } finally {
                    try {
                        if (s3proxy != null) {
                            s3proxy.stop();
                        }
                    } finally {
                        if (broker != null) {
                            broker.stop();
                        }
                        deleteTree(work);
                    }
                }
            }
        }
    }

    @Test
    void jobsAreSharedByWorkersSurviveAKilledWorkerAndArePublishedOnce() throws Exception {
        // sources: four videos, the first one again under another name, and a corrupt file
        Path sources = Files.createDirectories(work.resolve("sources"));
        List<Path> videos = generateVideos(sources, "talk", "lecture", "match", "concert", "trailer");
        Path corrupt = sources.resolve("corrupt.mp4");
        byte[] noise = new byte[64 * 1024];
        new Random(8).nextBytes(noise);
        Files.write(corrupt, noise);
        Path again = Files.copy(videos.get(0), sources.resolve("talk-again.mp4"));

        Map<String, Path> expected = new TreeMap<>(); // job id -> source
        for (Path video : videos.subList(0, 4)) {
            expected.put(SourceIdentity.of(video, settings.sourcesPrefix(), OPTIONS).jobId(), video);
        }
        String corruptJob = SourceIdentity.of(corrupt, settings.sourcesPrefix(), OPTIONS).jobId();

        // what an interrupted publication of the first job could have left: it must be gone when the job is done
        String firstJob = expected.keySet().iterator().next();
        String staleKey = settings.streamsPrefix() + firstJob + "/chunk-7-00099.m4s";
        s3.putObject(b -> b.bucket(BUCKET).key(staleKey), RequestBody.fromString("left by an interrupted attempt"));

        // a job written by hand (HLS with MPEG-TS segments), and a message no worker can read
        Path handJobSource = videos.get(4);
        s3.putObject(b -> b.bucket(BUCKET).key("sources/by-hand.mp4"), RequestBody.fromFile(handJobSource));
        String handJob = "trailer-by-hand";
        expected.put(handJob, handJobSource);
        send(Settings.JOBS, new JobMessage(1, handJob, new JobMessage.Source(null, "sources/by-hand.mp4", null),
                new JobMessage.Options("hls", "320x180", 2.0, "veryfast", null),
                new JobMessage.Destination(BUCKET, "streams/")).toJson());
        send(Settings.JOBS, "{\"version\":2,\"jobId\":\"from-the-future\"}");

        // the submitter: the watch folder gets every file at once (renamed in, so never seen half-written)
        submitter = new DefaultCamelContext();
        submitter.getRegistry().bind("s3", s3);
        submitter.addComponent("jms", Brokers.jmsComponent(settings.brokerUrl()));
        submitter.addRoutes(new SubmitterRoutes(settings));
        submitter.start();
        Path inbox = Files.createDirectories(settings.inbox());
        for (Path file : Stream.concat(videos.subList(0, 4).stream(), Stream.of(corrupt)).toList()) {
            drop(file, inbox);
        }
        // the first video again, under another name, once the first submission went through
        Path firstDone = inbox.resolve(".done").resolve(videos.get(0).getFileName());
        long submitDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(firstDone) && System.nanoTime() < submitDeadline) {
            Thread.sleep(25);
        }
        drop(again, inbox);
        log("submitted");

        // kill a worker while its FFmpeg is encoding (it has written a segment and is still running)
        Kill kill = killWorkerMidJob();
        log("killed worker " + kill.worker + " while it encoded job " + kill.job + " (FFmpeg pid " + kill.ffmpeg + ")");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (kill.ffmpeg.stream().anyMatch(ScaleOutTest::alive) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(kill.ffmpeg.stream().anyMatch(ScaleOutTest::alive),
                "the killed worker's FFmpeg died with it (setpriv --pdeathsig); still running: " + kill.ffmpeg);

        // wait for a status of every job (done, or failed for the two bad ones)
        Map<String, List<JobStatus>> statuses = awaitStatuses(expected.size() + 2, 120);
        log("all jobs reported");

        Set<String> reported = statuses.keySet();
        assertEquals(new TreeSet<>(concat(expected.keySet(), Set.of(corruptJob, "from-the-future"))), new TreeSet<>(reported),
                "one status per job, and none for the duplicate submission: " + statuses);
        for (String job : expected.keySet()) {
            List<JobStatus> list = statuses.get(job);
            assertEquals(1, list.size(), "job " + job + " done exactly once: " + list);
            assertEquals(JobStatus.DONE, list.get(0).state(), "job " + job + ": " + list);
        }
        JobStatus redone = statuses.get(kill.job).get(0);
        assertTrue(redone.attempt() >= 2, "the killed job was redelivered: " + redone);
        assertNotEquals(kill.worker, redone.worker(), "and finished by the other worker: " + redone);

        JobStatus poison = statuses.get(corruptJob).get(0);
        assertEquals(JobStatus.FAILED, poison.state());
        assertEquals(3, poison.attempt(), "the corrupt job was tried 3 times: " + poison);
        assertTrue(poison.reason().contains("ffprobe could not read the source"), poison.reason());
        JobStatus invalid = statuses.get("from-the-future").get(0);
        assertEquals(1, invalid.attempt(), "an invalid job is not retried: " + invalid);
        assertTrue(invalid.reason().contains("Unsupported job message version 2"), invalid.reason());

        // the dead-letter queue holds both bad jobs, as they were sent, with the reason; the jobs queue is empty
        Map<String, TextMessage> dead = browse(Settings.JOBS_DLQ).stream()
                .collect(Collectors.toMap(m -> property(m, "StreamGearJobId"), m -> m));
        assertEquals(Set.of(corruptJob, "from-the-future"), dead.keySet());
        assertTrue(property(dead.get(corruptJob), "StreamGearFailure").contains("ffprobe could not read the source"));
        assertEquals(corruptJob, JobMessage.parse(dead.get(corruptJob).getText()).jobId());
        assertEquals(List.of(), browse(Settings.JOBS), "no job left behind");

        // every job's output is complete and plays; nothing else is under its prefix (the stale key was removed)
        List<Callable<Void>> checks = new ArrayList<>();
        for (String job : expected.keySet()) {
            JobStatus done = statuses.get(job).get(0);
            checks.add(() -> {
                Published.check(download(settings.streamsPrefix() + job + "/", work.resolve("check").resolve(job)), done,
                        SOURCE_SECONDS);
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (Future<Void> check : pool.invokeAll(checks)) {
                try {
                    check.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertFalse(keys(settings.streamsPrefix() + firstJob + "/").contains(staleKey), "stale key removed");
        assertTrue(keys(settings.streamsPrefix()).stream().noneMatch(k -> k.contains("talk-again")));
        assertTrue(Files.exists(inbox.resolve(".done").resolve(again.getFileName())), "the duplicate was submitted too");

        // a worker stopped normally (SIGTERM) leaves no FFmpeg behind either
        stopWorkers();
        assertEquals(Set.of(), ffmpegPids.stream().filter(ScaleOutTest::alive).collect(Collectors.toSet()));
        log("done");
    }

    private static void drop(Path file, Path inbox) throws IOException {
        Path temp = inbox.resolve("." + file.getFileName());
        Files.copy(file, temp);
        Files.move(temp, inbox.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    }

    // ---- workers

    private static Process startWorker(String id, Properties p) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            // the worker JVM gets SIGTERM if this JVM dies first (e.g. a surefire timeout): nothing is left running
            command.addAll(List.of("/usr/bin/setpriv", "--pdeathsig", "TERM", "--"));
        }
        command.addAll(List.of(java, "-cp", classpath, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        for (String name : p.stringPropertyNames()) {
            command.add("-D" + name + "=" + p.getProperty(name));
        }
        command.addAll(List.of("-Dworker.id=" + id, "-Dworker.concurrency=1", ScaleOut.class.getName(), "worker"));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(LOGS.resolve(id + ".log").toFile()).start();
    }

    private record Kill(String worker, String job, List<Long> ffmpeg) {
    }

    /** A process's working directory (Linux); null when it cannot be read (it ended meanwhile). */
    private static Path workingDirectory(ProcessHandle process) {
        try {
            return Path.of("/proc", Long.toString(process.pid()), "cwd").toRealPath();
        } catch (IOException e) {
            return null;
        }
    }

    private static Kill killWorkerMidJob() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < workers.size(); i++) {
                Process worker = workers.get(i);
                List<ProcessHandle> ffmpeg = worker.descendants()
                        .filter(h -> h.info().command().map(c -> c.endsWith("/ffmpeg")).orElse(false)).toList();
                ffmpeg.forEach(h -> ffmpegPids.add(h.pid()));
                for (ProcessHandle encoder : ffmpeg) {
                    // FFmpeg runs in the job's folder (WORK/worker-ID/out/JOB), with relative output names
                    Path jobDir = workingDirectory(encoder);
                    if (jobDir != null && hasSegment(jobDir) && encoder.isAlive()) {
                        worker.destroyForcibly(); // SIGKILL: no shutdown hook runs, as when a machine dies
                        worker.waitFor(10, TimeUnit.SECONDS);
                        return new Kill("w" + (i + 1), jobDir.getFileName().toString(),
                                ffmpeg.stream().map(ProcessHandle::pid).toList());
                    }
                }
            }
            Thread.sleep(25);
        }
        throw new AssertionError("no worker was seen encoding a job; logs in " + LOGS);
    }

    private static boolean hasSegment(Path jobDir) throws IOException {
        if (!Files.isDirectory(jobDir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(jobDir)) {
            return files.map(f -> f.getFileName().toString())
                    .anyMatch(name -> (name.endsWith(".m4s") || name.endsWith(".ts")) && !name.startsWith("init"));
        }
    }

    private static void stopWorkers() throws InterruptedException {
        for (Process worker : workers) {
            worker.descendants().forEach(h -> ffmpegPids.add(h.pid()));
            worker.destroy(); // SIGTERM: Camel stops, the component stops its FFmpeg processes
        }
        for (Process worker : workers) {
            if (!worker.waitFor(30, TimeUnit.SECONDS)) {
                worker.destroyForcibly();
            }
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    // ---- broker and bucket

    private static void send(String queue, String text) throws Exception {
        try (Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(session.createQueue(queue))) {
            producer.send(session.createTextMessage(text));
        }
    }

    private static Map<String, List<JobStatus>> awaitStatuses(int jobs, int seconds) throws Exception {
        Map<String, List<JobStatus>> statuses = new TreeMap<>();
        try (Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = session.createConsumer(session.createQueue(Settings.STATUS))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (statuses.size() < jobs && System.nanoTime() < deadline) {
                TextMessage m = (TextMessage) consumer.receive(500);
                if (m != null) {
                    JobStatus status = JobStatus.parse(m.getText());
                    statuses.computeIfAbsent(status.jobId(), k -> new ArrayList<>()).add(status);
                    log("status " + m.getText());
                }
            }
            // anything more (a job done twice) would come now
            for (TextMessage m; (m = (TextMessage) consumer.receive(1500)) != null; ) {
                JobStatus status = JobStatus.parse(m.getText());
                statuses.computeIfAbsent(status.jobId(), k -> new ArrayList<>()).add(status);
            }
        }
        if (statuses.size() < jobs) {
            fail("only " + statuses.size() + " of " + jobs + " jobs reported within " + seconds + " s: " + statuses
                    + "; worker logs in " + LOGS);
        }
        return statuses;
    }

    private static List<TextMessage> browse(String queue) throws Exception {
        try (Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
                QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
            List<TextMessage> messages = new ArrayList<>();
            for (var e = browser.getEnumeration(); e.hasMoreElements(); ) {
                messages.add((TextMessage) e.nextElement());
            }
            return messages;
        }
    }

    private static String property(TextMessage m, String name) {
        try {
            return m.getStringProperty(name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> keys(String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream().map(S3Object::key)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Path download(String prefix, Path dir) throws IOException {
        Set<String> keys = keys(prefix);
        assertFalse(keys.isEmpty(), "nothing under " + prefix);
        for (String key : keys) {
            Path target = dir.resolve(key.substring(prefix.length()));
            Files.createDirectories(target.getParent());
            s3.getObject(b -> b.bucket(BUCKET).key(key), target);
        }
        return dir;
    }

    // ---- media

    /**
     * One 8 s 640x360 video with a tone, encoded once, and copies of it whose bytes differ only in a metadata tag
     * (stream copy, no encoding): different sources to the submitter, at the cost of one encode.
     */
    private static List<Path> generateVideos(Path dir, String... names) throws Exception {
        Path base = dir.resolve("base.mp4");
        ffmpeg(names[0], "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25", "-f", "lavfi", "-i", "sine=frequency=440",
                "-t", String.valueOf(SOURCE_SECONDS), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                "-c:a", "aac", base.toString());
        List<Path> videos = new ArrayList<>();
        for (String name : names) {
            Path video = dir.resolve(name + ".mp4");
            ffmpeg(name, "-i", base.toString(), "-map", "0", "-c", "copy", "-metadata", "title=" + name, video.toString());
            videos.add(video);
        }
        return videos;
    }

    private static void ffmpeg(String name, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-nostdin", "-y"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(LOGS.resolve(name + ".ffmpeg.log").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "ffmpeg made " + name + ": " + command);
    }

    // ---- helpers

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static <T> Set<T> concat(Set<T> a, Set<T> b) {
        Set<T> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static void log(String what) {
        System.out.printf("[scale-out test +%.1f s] %s%n", (System.nanoTime() - started) / 1e9, what);
    }

    static void deleteTree(Path path) throws IOException {
        if (path == null || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
