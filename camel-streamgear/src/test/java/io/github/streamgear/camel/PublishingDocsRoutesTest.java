package io.github.streamgear.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two folder routes of docs/publishing.md ("Sinks"), as printed but for the folder: one deletes what the output
 * deletes, one takes writes only. Fed a failed job (which deletes what it had published) and a good one.
 */
class PublishingDocsRoutesTest extends CamelTestSupport {

    @TempDir
    Path work;

    @TempDir
    Path mirror;

    @TempDir
    Path archive;

    private final LogCapture logs = new LogCapture();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("streamgear:live")
                    .choice()
                        .when(header("CamelStreamGearOperation").isEqualTo("delete"))
                            .process(e -> Files.deleteIfExists(Path.of(mirror.toString(), e.getMessage().getHeader(Exchange.FILE_NAME, String.class))))
                        .otherwise()
                            .to("file:" + mirror);

                from("streamgear:live?retryDelay=1000") // a second consumer of the same name: another endpoint URI
                    .filter(header("CamelStreamGearOperation").isEqualTo("write"))
                    .to("file:" + archive);
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
    void folderRoutesFromTheDocsDeleteOrKeepWhatTheOutputDeletes() throws Exception {
        Exchange failed = template.request("streamgear:live?format=hls&segmentDuration=1&input.readrate=1&timeout=3000"
                + "&outputDir=" + work, e -> e.getIn().setBody(TestMedia.noAudio().toFile()));
        assertNotNull(failed.getException(), "the first job fails, after publishing segments");
        assertNull(template.request("streamgear:live?format=hls&segmentDuration=1&outputDir=" + work,
                e -> e.getIn().setBody(TestMedia.standard().toFile())).getException());

        Set<String> output = PublishingOrderTest.tree(work);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(PublishingOrderTest.tree(mirror).equals(output) && PublishingOrderTest.tree(archive).containsAll(output))
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(output, PublishingOrderTest.tree(mirror), "the mirror holds exactly the output");
        Set<String> kept = PublishingOrderTest.tree(archive);
        assertTrue(kept.containsAll(output), "the archive holds the whole output: " + kept);
        assertTrue(kept.stream().anyMatch(f -> f.startsWith("no-audio/")), "and what the failed job published: " + kept);
        assertEquals(List.of(), logs.lines(Level.ERROR, ""), "no exchange failed");
        assertEquals(List.of(), logs.lines(Level.WARN, "StreamGearConsumer"), "nothing the consumer had to warn about");
    }
}
