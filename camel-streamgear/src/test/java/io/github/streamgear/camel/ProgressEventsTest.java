package io.github.streamgear.camel;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.streamgear.engine.frames.PixelFormat;
import io.github.streamgear.testing.TestFrames;
import io.github.streamgear.testing.TestMedia;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code from("streamgear:NAME?events=progress")} receives the progress of every job and session of the endpoints
 * named NAME as messages, while the file consumer of the same name still receives only files.
 */
class ProgressEventsTest extends CamelTestSupport {

    @TempDir
    static Path out;

    private final List<Message> progress = new CopyOnWriteArrayList<>();
    private final List<Message> files = new CopyOnWriteArrayList<>();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("streamgear:movie?events=progress").process(x -> progress.add(x.getIn().copy()));
                from("streamgear:movie").process(x -> files.add(x.getIn().copy()));
                from("streamgear:camera?events=progress").process(x -> progress.add(x.getIn().copy()));
            }
        };
    }

    @Test
    void aJobReportsHowFarItIsUntilEncodingEnds() throws Exception {
        // HD ladder with a slow preset: several seconds of encoding, so several reports at 200 ms
        Exchange x = template.request("streamgear:movie?streams=640x360,426x240&preset=medium&progressInterval=200"
                + "&outputDir=" + out, e -> e.getIn().setBody(TestMedia.hd().toFile()));
        assertNull(x.getException(), () -> "job failed: " + x.getException());
        awaitEncodingEnded("hd");

        assertTrue(progress.size() >= 3, "several progress reports: " + bodies());
        Message last = progress.get(progress.size() - 1);
        assertEquals(Boolean.TRUE, last.getHeader(StreamGearConstants.ENCODING_ENDED), "the last report says encoding ended");
        assertEquals(1.0, last.getHeader(StreamGearConstants.PROGRESS, Double.class), 0.05, "the last report is at 100%");
        double previous = -1;
        for (Message m : progress) {
            assertEquals("hd", m.getHeader(StreamGearConstants.JOB_ID));
            assertEquals("progress", m.getHeader(StreamGearConstants.OPERATION));
            double done = m.getHeader(StreamGearConstants.PROGRESS, Double.class);
            assertTrue(done >= previous && done <= 1.0, "progress only goes forward, 0 to 1: " + bodies());
            previous = done;
            assertTrue(m.getBody(String.class).startsWith("Job hd: "), m.getBody(String.class));
        }
        List<Message> running = progress.subList(0, progress.size() - 1);
        assertTrue(running.stream().allMatch(m -> Boolean.FALSE.equals(m.getHeader(StreamGearConstants.ENCODING_ENDED))));
        assertTrue(running.stream().anyMatch(m -> m.getHeader(StreamGearConstants.PROGRESS, Double.class) < 0.9),
                "a report while the job was under way: " + bodies());
        assertTrue(running.stream().anyMatch(m -> m.getHeader(StreamGearConstants.SPEED, Double.class) > 0),
                "FFmpeg's speed is reported: " + bodies());
        assertTrue(last.getHeader(StreamGearConstants.ENCODED_SECONDS, Double.class) > 5.5, bodies());
        assertTrue(last.getHeader(StreamGearConstants.FRAME, Long.class) >= 170, bodies());

        assertFalse(files.isEmpty(), "the file consumer of the same name still gets the files");
        assertTrue(files.stream().noneMatch(m -> "progress".equals(m.getHeader(StreamGearConstants.OPERATION))),
                "no progress message reaches the file consumer");
    }

    @Test
    void aFrameSessionReportsFramesAndMediaTimeWithoutAShare() throws Exception {
        String uri = "streamgear:camera?frameWidth=320&frameHeight=180&inputFramerate=25&preset=ultrafast"
                + "&progressInterval=100&outputDir=" + out;
        TestFrames.paceRealTime(25, 50, i -> {
            Exchange x = template.request(uri, e -> {
                e.getIn().setBody(TestFrames.frame(PixelFormat.BGR24, 320, 180, i));
                e.getIn().setHeader(StreamGearConstants.JOB_ID, "cam");
            });
            assertNull(x.getException());
        });
        Exchange end = template.request(uri, e -> {
            e.getIn().setHeader(StreamGearConstants.JOB_ID, "cam");
            e.getIn().setHeader(StreamGearConstants.END_OF_STREAM, true);
        });
        assertNull(end.getException());
        awaitEncodingEnded("cam");

        List<Message> cam = progress.stream().filter(m -> "cam".equals(m.getHeader(StreamGearConstants.JOB_ID))).toList();
        assertTrue(cam.size() >= 3, "reports while frames came in: " + bodies());
        assertTrue(cam.stream().noneMatch(m -> m.getHeaders().containsKey(StreamGearConstants.PROGRESS)),
                "no share without a known duration");
        Message last = cam.get(cam.size() - 1);
        assertEquals(Boolean.TRUE, last.getHeader(StreamGearConstants.ENCODING_ENDED));
        assertEquals(50, last.getHeader(StreamGearConstants.FRAME, Long.class));
        assertEquals(2.0, last.getHeader(StreamGearConstants.ENCODED_SECONDS, Double.class), 0.1);
    }

    @Test
    void anUnknownEventsValueIsRefusedWhenTheEndpointIsCreated() {
        ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class,
                () -> context.getEndpoint("streamgear:x?events=everything"));
        assertTrue(e.getMessage().contains("events=everything"), e.getMessage());
    }

    /** The consumer delivers on its own thread: the last report of a job may arrive after its exchange ended. */
    private void awaitEncodingEnded(String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (progress.stream().noneMatch(m -> jobId.equals(m.getHeader(StreamGearConstants.JOB_ID))
                && Boolean.TRUE.equals(m.getHeader(StreamGearConstants.ENCODING_ENDED))) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private String bodies() {
        return progress.stream().map(m -> m.getBody(String.class)).toList().toString();
    }
}
