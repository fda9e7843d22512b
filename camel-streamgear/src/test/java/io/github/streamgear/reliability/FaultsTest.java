package io.github.streamgear.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.streamgear.engine.StreamGearException;
import io.github.streamgear.engine.frames.PixelFormat;
import io.github.streamgear.testing.Processes;
import io.github.streamgear.testing.TestFrames;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Things that go wrong while a job runs: FFmpeg killed, the source or a finished segment deleted under it, the
 * CamelContext stopped in the middle of a job or of a live stream, the same job started twice. The source (4 s) is read
 * at its real rate ({@code input.readrate=1}) so that each fault lands while FFmpeg is encoding.
 */
class FaultsTest extends ReliabilitySupport {

    /** Options of the jobs the faults hit: FFmpeg reads the source at real speed, so a job lasts about 4 s. */
    static final String REAL_TIME = "input.readrate=1";

    @Override
    protected void extraRoutes(RouteBuilder routes) {
        routes.from("direct:job").routeId("job").to(uri("format=hls&" + REAL_TIME));
    }

    @Test
    void ffmpegKilled() throws Exception {
        Pending job = start(out, "format=dash&" + REAL_TIME, BadMedia.clip().toFile());
        awaitFirstSegment(job);
        ProcessHandle ffmpeg = transcodingFfmpeg().orElseThrow(() -> new AssertionError("no FFmpeg child is encoding"));
        assertTrue(ffmpeg.destroyForcibly(), "FFmpeg killed");
        Outcome o = job.await(Duration.ofSeconds(60));
        assertFailed(o, "exit code", "killed");
    }

    /** FFmpeg usually has the file open: the job may go on, but then its output is whole. */
    @Test
    void sourceDeletedMidJob() throws Exception {
        Path source = Files.copy(BadMedia.clip(), in.resolve("vanishing.mp4"));
        double seconds = BadMedia.duration(source);
        Pending job = start(out, "format=dash&" + REAL_TIME, source.toFile());
        awaitFirstSegment(job);
        Files.delete(source);
        assertFailedOrComplete(job.await(Duration.ofSeconds(60)), seconds, "vanishing.mp4");
    }

    /** A finished segment deleted while FFmpeg goes on: the job must not succeed with a manifest listing a missing file. */
    @Test
    void outputSegmentDeletedMidJob() throws Exception {
        Pending job = start(out, "format=dash&" + REAL_TIME, BadMedia.clip().toFile());
        String segment = awaitFirstSegment(job);
        Files.delete(out.resolve(segment));
        assertFailed(job.await(Duration.ofSeconds(60)), "missing");
    }

    /**
     * The context stops 1.5 s into a job. A graceful shutdown may let the job finish or stop it; if it finishes, every
     * one of its files must have been published, and if it fails, it must roll back like any failure.
     */
    @Test
    void contextStoppedMidJob() throws Exception {
        int mark = sink.mark();
        java.util.Map<String, Long> before = tree(out);
        CompletableFuture<Exchange> job = template.asyncSend("direct:job", x -> x.getIn().setBody(BadMedia.clip().toFile()));
        Thread.sleep(1500);
        context.stop();
        Outcome o = new Outcome(job.get(60, TimeUnit.SECONDS), mark, before, out);
        if (o.exception() != null) {
            assertFailed(o, "shutting down", "stopped");
        } else {
            assertComplete(o, BadMedia.duration(BadMedia.clip()));
        }
    }

    /**
     * The context stops in the middle of a live stream: the session is finalised, and the sink ends up with the final
     * playlists (with #EXT-X-ENDLIST), exactly the files left on disk.
     */
    @Test
    void contextStoppedMidLive() throws Exception {
        String live = uri("format=hls&livestream=true&frameWidth=160&frameHeight=90&inputFramerate=25&windowSize=3"
                + "&extraWindowSize=2");
        TestFrames.paceRealTime(50, 4 * 25, n -> { // 4 s of frames in 2 s
            Exchange x = template.request(live, e -> {
                e.getIn().setBody(TestFrames.frame(PixelFormat.BGR24, 160, 90, n));
                e.getIn().setHeader(JOB_ID, "live");
            });
            assertNull(x.getException(), () -> "frame " + n + " refused: " + x.getException());
        });
        awaitTrue(() -> sink.events().stream().anyMatch(e -> "playlist".equals(e.kind())), DELIVERY);
        assertTrue(sink.events().stream().anyMatch(e -> "playlist".equals(e.kind())), "the live stream was being published");
        context.stop();
        assertEquals(List.of(), Processes.leftoverFfmpeg(), "no FFmpeg after the context stopped");

        Path dir = out.resolve("live");
        Set<String> onDisk;
        try (Stream<Path> files = Files.list(dir)) {
            onDisk = files.map(f -> "live/" + f.getFileName()).filter(n -> !n.endsWith(".tmp"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        for (String name : onDisk) {
            if (name.endsWith(".m3u8") && !name.endsWith("/manifest.m3u8")) {
                assertTrue(Files.readString(out.resolve(name)).contains("#EXT-X-ENDLIST"), name + " is finalised on disk");
                Path published = sink.mirror().resolve(name);
                assertTrue(Files.exists(published), name + " was published");
                assertTrue(Files.readString(published).contains("#EXT-X-ENDLIST"),
                        "the published " + name + " is the final one (#EXT-X-ENDLIST):\n" + Files.readString(published));
            }
        }
        assertEquals(onDisk, sink.publishedNow("live"), "the sink holds exactly the finalised stream on disk");
    }

    /** The same job id while that job runs: refused at once, and the running job's stream stays whole. */
    @Test
    void sameJobIdTwiceAtOnce() throws Exception {
        Pending first = start(out, "format=hls&" + REAL_TIME, BadMedia.clip().toFile(), JOB_ID, "same");
        awaitFirstSegment(first);
        long started = System.nanoTime();
        Outcome second = send("format=hls", BadMedia.sixSeconds().toFile(), JOB_ID, "same");
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        Outcome firstDone = first.await(Duration.ofSeconds(60)); // whatever happened to the second, let the first end
        Exception e = second.exception();
        assertInstanceOf(StreamGearException.class, e, () -> "the second job fails: " + second);
        assertTrue(ownMessage(e).contains("already running"), e.getMessage());
        assertTrue(tookMs < 3000, "the second job is refused at once, not after " + tookMs + " ms");
        report("second job refused as expected: " + ownMessage(e).trim());
        assertComplete(firstDone, BadMedia.duration(BadMedia.clip()));
    }

    /** Waits until the job has published a segment (so FFmpeg is encoding), and returns its name. */
    private String awaitFirstSegment(Pending job) throws Exception {
        awaitTrue(() -> job.future.isDone() || firstSegment(job.mark).isPresent(), Duration.ofSeconds(30));
        assertTrue(!job.future.isDone(), () -> "the job ended before the fault could hit it: " + job.future.join().getException());
        return firstSegment(job.mark).orElseThrow(() -> new AssertionError("no segment published within 30 s"));
    }

    private Optional<String> firstSegment(int mark) {
        return sink.eventsSince(mark).stream().filter(e -> e.isWrite() && "segment".equals(e.kind()))
                .map(PublishedSink.Event::name).findFirst();
    }

    /** The FFmpeg process of this JVM that is transcoding (not an ffprobe). */
    static Optional<ProcessHandle> transcodingFfmpeg() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("-filter_complex")).findFirst();
    }
}
