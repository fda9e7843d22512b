package io.github.streamgear.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.streamgear.testing.Processes;
import io.github.streamgear.testing.TestMedia;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The component inside real routes: a watch folder in, the reply split out to a published folder. */
class RouteIntegrationTest extends CamelTestSupport {

    @TempDir
    static Path inbox;

    @TempDir
    static Path work;

    @TempDir
    static Path published;

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("file:" + inbox + "?move=.done&moveFailed=.failed").routeId("watch")
                        .to("streamgear:vod?format=hls&streams=320x180&outputDir=" + work)
                        .split(body())
                            .to("file:" + published)
                        .end()
                        .to("mock:done");
            }
        };
    }

    @Test
    void watchFolderToPublishedTreeWithNoGlue() throws Exception {
        MockEndpoint done = getMockEndpoint("mock:done");
        done.expectedMessageCount(1);
        Files.copy(TestMedia.noAudio(), inbox.resolve("trailer.mp4"));
        done.assertIsSatisfied(60_000);

        assertEquals(tree(work), tree(published), "published tree equals the output tree");
        assertTrue(tree(published).contains("trailer/manifest.m3u8"), tree(published).toString());
        // the file consumer moves the source when the exchange completes, just after mock:done saw it
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(inbox.resolve(".done/trailer.mp4")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(inbox.resolve(".done/trailer.mp4")), "source moved to .done, not lost");
        for (String file : tree(work)) {
            assertEquals(Files.size(work.resolve(file)), Files.size(published.resolve(file)), file);
        }
    }

    @Test
    void contextStopMidJobEndsFfmpegAndFailsTheExchange() throws Exception {
        CompletableFuture<Exchange> job = template.asyncSend(
                "streamgear:slow?format=dash&preset=veryslow&streams=640x360,426x240&outputDir=" + work,
                x -> x.getIn().setBody(TestMedia.hd().toFile()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Processes.leftoverFfmpeg().stream().noneMatch(c -> c.contains("-filter_complex"))) {
            assertTrue(System.nanoTime() < deadline, "FFmpeg did not start");
            Thread.sleep(20);
        }
        context.getShutdownStrategy().setTimeout(2);
        context.stop();

        Exchange result = job.get(30, TimeUnit.SECONDS);
        assertNotNull(result.getException(), "the interrupted job fails its exchange");
        assertEquals(List.of(), Processes.leftoverFfmpeg(), "no FFmpeg left after context stop");
        assertTrue(!Files.exists(work.resolve("hd")), "no half-written job folder");
    }

    private static Set<String> tree(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
