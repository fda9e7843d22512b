package io.github.streamgear.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.streamgear.testing.LogCapture;
import io.github.streamgear.testing.Processes;
import io.github.streamgear.testing.TestMedia;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sink that cannot delete ({@code file:} fails on a delete's empty body) must not hold up the files of the next job:
 * a failed delete is retried a few times, then given up with one WARN line, while writes go on.
 */
class UndeliverableDeleteTest extends CamelTestSupport {

    @TempDir
    Path work;

    @TempDir
    Path published;

    private final AtomicInteger deleteExchanges = new AtomicInteger();
    private final Set<String> deletesTaken = ConcurrentHashMap.newKeySet();
    private final Set<String> deletesFailed = ConcurrentHashMap.newKeySet();
    private volatile long outageEnds;
    private final LogCapture logs = new LogCapture();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("streamgear:pub?retryDelay=200")
                        .process(e -> {
                            if ("delete".equals(e.getIn().getHeader(StreamGearConstants.OPERATION))) {
                                deleteExchanges.incrementAndGet();
                            }
                        })
                        .to("file:" + published);
                from("streamgear:flaky?retryDelay=100").process(e -> {
                    boolean delete = "delete".equals(e.getIn().getHeader(StreamGearConstants.OPERATION));
                    if (delete && outageEnds == 0) {
                        outageEnds = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500); // starts on a delete
                    }
                    String name = e.getIn().getHeader(Exchange.FILE_NAME, String.class);
                    if (System.nanoTime() < outageEnds) {
                        if (delete) {
                            deletesFailed.add(name);
                        }
                        throw new IllegalStateException("the sink is down");
                    }
                    if (delete) {
                        deletesTaken.add(name);
                    }
                });
            }
        };
    }

    @BeforeEach
    void captureLogs() {
        logs.attach();
    }

    @AfterEach
    void stopCapturing() {
        logs.detach();
        assertEquals(List.of(), Processes.leftoverFfmpeg(), "FFmpeg processes left running");
    }

    @Test
    void aFailedJobsDeletesDoNotHoldUpTheNextJob() throws Exception {
        // read at its own pace and stopped by the timeout after a few segments were published: the job fails and
        // sends a delete for each of them
        Exchange failed = template.request("streamgear:pub?format=hls&segmentDuration=1&input.readrate=1&timeout=3000"
                + "&outputDir=" + work, e -> e.getIn().setBody(TestMedia.noAudio().toFile()));
        assertNotNull(failed.getException(), "the first job fails");
        Exchange good = template.request("streamgear:pub?format=hls&segmentDuration=1&outputDir=" + work,
                e -> e.getIn().setBody(TestMedia.standard().toFile()));
        assertNull(good.getException());

        Path job = work.resolve("standard");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!PublishingOrderTest.tree(job).equals(publishedTree("standard")) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(PublishingOrderTest.tree(job), publishedTree("standard"),
                "every file of the good job was published despite the deletes the sink cannot do");

        int deletes = deleteExchanges.get();
        assertTrue(deletes > 0, "the failed job's deletes reached the route");
        List<String> givenUp = logs.lines(Level.WARN, "gave up deleting");
        assertTrue(deletes <= 3 * givenUp.size(), deletes + " delete exchanges for " + givenUp.size() + " deletes: " + givenUp);
        assertTrue(givenUp.stream().allMatch(l -> l.contains("no-audio") && l.contains("CamelStreamGearOperation")),
                "each names the job, the file and how to filter deletes out: " + givenUp);
        assertEquals(List.of(), logs.lines(Level.ERROR, "").stream()
                .filter(l -> l.startsWith(StreamGearConsumer.class.getName())).toList(), "no ERROR of the consumer's own");
    }

    @Test
    void aDeleteThatFailsInAnOutageIsDeliveredWhenTheSinkIsBack() throws Exception {
        Exchange failed = template.request("streamgear:flaky?format=hls&segmentDuration=1&input.readrate=1&timeout=3000"
                + "&outputDir=" + work, e -> e.getIn().setBody(TestMedia.noAudio().toFile()));
        assertNotNull(failed.getException());
        assertNull(template.request("streamgear:flaky?format=hls&segmentDuration=1&outputDir=" + work,
                e -> e.getIn().setBody(TestMedia.standard().toFile())).getException());

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!deletesTaken.containsAll(deletesFailed) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(deletesFailed.isEmpty(), "the outage began on the failed job's deletes");
        assertEquals(deletesFailed, deletesTaken, "each was delivered once the sink was back");
        assertEquals(List.of(), logs.lines(Level.WARN, "gave up deleting"), "an outage costs no delete");
    }

    private Set<String> publishedTree(String job) throws Exception {
        Path dir = published.resolve(job);
        return Files.isDirectory(dir) ? PublishingOrderTest.tree(dir) : Set.of();
    }
}
