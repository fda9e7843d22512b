package io.github.streamgear.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sink misbehaves: down for a while, or unable to carry out deletes. Publication must catch up, in order, and one
 * file the sink cannot take must not hold back another job's files forever.
 */
class SinkFaultsTest extends ReliabilitySupport {

    /** Endpoint whose consumer writes into a folder with camel-file, which cannot carry out a delete message. */
    static final String FILES = "files";

    Path fileSink;

    @Override
    protected void extraRoutes(RouteBuilder routes) {
        fileSink = root.resolve("file-sink");
        routes.from("streamgear:" + FILES + "?retryDelay=100").routeId("file-sink").to("file:" + fileSink).process(sink);
    }

    /** The first deliveries fail: everything is published in the end, manifests after the segments they list. */
    @Test
    void sinkFailingThenRecovering() throws Exception {
        sink.failNext(6);
        Outcome o = send("format=cmaf&streams=160x90", BadMedia.clip().toFile());
        assertComplete(o, BadMedia.duration(BadMedia.clip()));
        assertEquals(6, sink.refused(), "the sink really was down for the first deliveries");
        // VOD order: init and media segments, then the media playlists, then the entry points (MPD, then HLS master)
        List<PublishedSink.Event> events = sink.eventsSince(o.mark);
        List<String> kinds = events.stream().map(PublishedSink.Event::kind).toList();
        int lastMedia = Math.max(kinds.lastIndexOf("segment"), kinds.lastIndexOf("init"));
        int firstPlaylist = kinds.indexOf("playlist");
        int firstManifest = kinds.indexOf("manifest");
        assertTrue(lastMedia < firstPlaylist && kinds.lastIndexOf("playlist") < firstManifest,
                "segments, then playlists, then manifests: " + events);
        List<String> entryPoints = events.stream().filter(e -> "manifest".equals(e.kind())).map(PublishedSink.Event::name)
                .toList();
        assertEquals(List.of(o.jobId() + "/manifest.mpd", o.jobId() + "/manifest.m3u8"), entryPoints);
    }

    /**
     * A failed job's deletes reach a sink that cannot delete (camel-file with an empty body): the next job's files must
     * still all be delivered, within a bounded time.
     */
    @Test
    void sinkThatCannotDeleteDoesNotHoldBackTheNextJob() throws Exception {
        Pending doomed = start(FILES, out, "format=hls&input.readrate=1&timeout=3s", BadMedia.sixSeconds().toFile(),
                JOB_ID, "doomed");
        awaitTrue(() -> doomed.future.isDone(), Duration.ofSeconds(30));
        Outcome failed = doomed.await(Duration.ofSeconds(1));
        assertTrue(failed.exception() != null && ownMessage(failed.exception()).contains("timeout"),
                "the first job fails on its timeout: " + failed);
        assertTrue(failed.mark < sink.mark(), "it had published segments before it failed, so deletes follow");
        assertTrue(sink.eventsSince(failed.mark).stream().noneMatch(e -> e.isWrite() && e.isManifestOrPlaylist()),
                "the failed job published no manifest");

        Outcome good = start(FILES, out, "format=hls", BadMedia.clip().toFile(), JOB_ID, "good").await(Duration.ofSeconds(60));
        assertComplete(good, BadMedia.duration(BadMedia.clip()));
        for (String name : good.replyNames()) {
            assertEquals(-1L, Files.mismatch(out.resolve(name), fileSink.resolve(name)), name + " is in the file sink");
        }
    }
}
