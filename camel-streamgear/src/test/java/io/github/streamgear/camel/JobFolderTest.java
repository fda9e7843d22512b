package io.github.streamgear.camel;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import io.github.streamgear.engine.StreamGearException;
import io.github.streamgear.testing.Processes;
import io.github.streamgear.testing.TestMedia;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One job per job folder, and job ids that never let one source's stream silently replace another's. */
class JobFolderTest extends CamelTestSupport {

    @TempDir
    Path work;

    private final List<Message> published = new CopyOnWriteArrayList<>();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("streamgear:jobs").process(e -> published.add(e.getMessage().copy()));
            }
        };
    }

    @AfterEach
    void noProcessLeft() {
        assertEquals(List.of(), Processes.leftoverFfmpeg(), "FFmpeg processes left running");
    }

    /** Defect: B's rollback deleted A's first segments, and A still reported success. */
    @Test
    void aSecondJobForAFolderInUseFailsAtOnceAndLeavesTheFirstIntact() throws Exception {
        String uri = "streamgear:jobs?format=hls&streams=320x180&outputDir=" + work.resolve("out");
        // A reads its source at real speed (6 s), so that it is still running whatever B's start costs on a busy machine
        CompletableFuture<Exchange> first = template.asyncSend(uri + "&input.readrate=1", x -> {
            x.getIn().setBody(TestMedia.hd().toFile());
            x.getIn().setHeader(StreamGearConstants.JOB_ID, "clash");
        });
        Path folder = work.resolve("out/clash");
        for (int i = 0; i < 200 && !(Files.isDirectory(folder) && Files.list(folder).findAny().isPresent()); i++) {
            Thread.sleep(25); // until A writes
        }
        Exchange second = template.request(uri + "&timeout=2000", x -> {
            x.getIn().setBody(TestMedia.standard().toFile());
            x.getIn().setHeader(StreamGearConstants.JOB_ID, "clash");
        });
        StreamGearException e = assertInstanceOf(StreamGearException.class, second.getException());
        assertTrue(e.getMessage().contains("job clash is already running in " + folder), e.getMessage());

        Exchange a = first.get();
        assertNull(a.getException());
        @SuppressWarnings("unchecked")
        List<Message> reply = a.getMessage().getBody(List.class);
        for (Message m : reply) {
            File file = m.getBody(File.class);
            assertEquals(m.getHeader(Exchange.FILE_LENGTH), file.length(), "A's file " + file + " is as A replied it");
        }
        assertTrue(published.stream().noneMatch(m -> "delete".equals(m.getHeader(StreamGearConstants.OPERATION))),
                "nothing of A was deleted");
    }

    /** Defect: 日本.mp4 and 中国.mp4 were both job "__", a b.mp4 and a_b.mp4 both "a_b": the second replaced the first. */
    @Test
    void sourcesWhoseNamesDifferGetTheirOwnFolders() throws Exception {
        Path in = Files.createDirectories(work.resolve("in"));
        Map<String, String> ids = new java.util.LinkedHashMap<>();
        for (String name : List.of("日本.mp4", "中国.mp4", "a b.mp4", "a_b.mp4")) {
            Path source = Files.copy(TestMedia.noAudio(), in.resolve(name));
            Exchange result = template.request("streamgear:jobs?format=hls&outputDir=" + work.resolve("out"),
                    x -> x.getIn().setBody(source.toFile()));
            assertNull(result.getException(), name);
            ids.put(name, result.getMessage().getHeader(StreamGearConstants.JOB_ID, String.class));
        }
        assertEquals(4, ids.values().stream().distinct().count(), ids.toString());
        assertEquals("日本", ids.get("日本.mp4"));
        assertEquals("a_b", ids.get("a_b.mp4"));
        for (String id : ids.values()) {
            assertTrue(Files.isRegularFile(work.resolve("out").resolve(id).resolve("manifest.m3u8")), id + " kept its stream");
        }
    }

    /** Defect: movie.mov silently replaced the stream of movie.mp4. */
    @Test
    void aSourceOfTheSameBaseNameDoesNotReplaceAnothersStream() throws Exception {
        Path in = Files.createDirectories(work.resolve("in"));
        Path mp4 = Files.copy(TestMedia.noAudio(), in.resolve("movie.mp4"));
        Path mov = Files.copy(TestMedia.noAudio(), in.resolve("movie.mov"));
        String uri = "streamgear:jobs?format=hls&outputDir=" + work.resolve("out");
        assertNull(template.request(uri, x -> x.getIn().setBody(mp4.toFile())).getException());

        // with clearPrevAssets too: the check comes before anything in the folder is touched
        Exchange clash = template.request(uri + "&clearPrevAssets=true", x -> x.getIn().setBody(mov.toFile()));
        StreamGearException e = assertInstanceOf(StreamGearException.class, clash.getException());
        assertTrue(e.getMessage().contains("holds the stream of movie.mp4, and movie.mov would replace it"), e.getMessage());
        assertTrue(Files.isRegularFile(work.resolve("out/movie/manifest.m3u8")), "movie.mp4's stream is intact");

        assertNull(template.request(uri, x -> x.getIn().setBody(mp4.toFile())).getException(), "a re-upload replaces");
        Exchange chosen = template.request(uri, x -> {
            x.getIn().setBody(mov.toFile());
            x.getIn().setHeader(StreamGearConstants.JOB_ID, "movie-mov");
        });
        assertNull(chosen.getException(), "with its own id");
    }

    /** Defect: "..mp4" threw IllegalArgumentException although the docs promise the exchange id. */
    @Test
    void aNameWithNothingUsableFallsBackToTheExchangeId() throws Exception {
        Path in = Files.createDirectories(work.resolve("in"));
        for (String name : List.of("..mp4", "...mp4")) {
            Path source = Files.copy(TestMedia.noAudio(), in.resolve(name));
            Exchange result = template.request("streamgear:jobs?format=hls&outputDir=" + work.resolve("out"),
                    x -> x.getIn().setBody(source.toFile()));
            assertNull(result.getException(), name);
            String id = result.getMessage().getHeader(StreamGearConstants.JOB_ID, String.class);
            assertEquals(JobIds.sanitize(result.getExchangeId()), id, name);
            assertNotEquals(".", id);
        }
        assertEquals(2, Files.list(work.resolve("out")).collect(Collectors.toList()).size());
    }
}
