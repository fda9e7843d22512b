package io.github.streamgear.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.streamgear.engine.frames.PixelFormat;
import io.github.streamgear.testing.TestFrames;
import io.github.streamgear.testing.TestMedia;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The consumer publishes every file as it completes, in a safe order: no manifest or playlist version before the
 * files it lists, no delete while a manifest or playlist version delivered last still lists the file, the final VOD
 * manifest last, the live HLS master while the stream runs.
 */
class PublishingOrderTest extends CamelTestSupport {

    private static final Pattern URI_IN_PLAYLIST = Pattern.compile("^(?!#)(\\S+)$|URI=\"([^\"]+)\"", Pattern.MULTILINE);
    private static final Pattern MPD_NUMBER = Pattern.compile("<S t=\"(\\d+)\" d=\"(\\d+)\"(?: r=\"(\\d+)\")?");

    @TempDir
    static Path work;

    @TempDir
    static Path published;

    private final Recorder vod = new Recorder();
    private final Recorder live = new Recorder();
    private final Recorder lagging = new Recorder();
    private final List<java.io.File> laggingBodies = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // recorded after the file step, so a recorded name is a file the sink has written
                from("streamgear:vod").to("file:" + published).process(vod);
                from("streamgear:live").process(live);
                from("streamgear:lagging").process(e -> { // a sink that stalls now and then: FFmpeg writes on
                    String kind = e.getIn().getHeader("CamelStreamGearFileKind", String.class);
                    if ("manifest".equals(kind) || "playlist".equals(kind)) {
                        laggingBodies.add(e.getIn().getBody(java.io.File.class));
                        if (laggingBodies.size() % 6 == 2) {
                            Thread.sleep(2500);
                        }
                    }
                }).process(lagging);
            }
        };
    }

    @Test
    void vodFilesArePublishedAsTheyCompleteAndTheFinalManifestsLast() throws Exception {
        Exchange x = template.request("streamgear:vod?format=cmaf&streams=320x180&segmentDuration=2&outputDir=" + work,
                e -> e.getIn().setBody(TestMedia.standard().toFile()));
        assertNull(x.getException());
        vod.awaitName("standard/manifest.m3u8", 10);

        assertEquals(tree(work), tree(published), "published tree equals the output tree");
        List<String> names = vod.names();
        assertEquals(List.of("standard/manifest.mpd", "standard/manifest.m3u8"), names.subList(names.size() - 2, names.size()),
                "the entry points come last: " + names);
        int firstPlaylist = names.indexOf(names.stream().filter(n -> n.endsWith(".m3u8")).findFirst().orElseThrow());
        assertTrue(names.subList(firstPlaylist, names.size()).stream().allMatch(n -> n.endsWith(".m3u8") || n.endsWith(".mpd")),
                "VOD manifests and playlists are held until every segment is out: " + names);
        assertEquals(names.size(), new HashSet<>(names).size(), "each VOD file is published once: " + names);
        Message first = vod.messages.get(0);
        assertEquals("public, max-age=31536000, immutable", first.getHeader("Cache-Control"));
        assertEquals("standard/" + Path.of(first.getBody(java.io.File.class).getPath()).getFileName(),
                first.getHeader("CamelAwsS3Key"));
        assertEquals(List.of(), vod.problems);
    }

    @Test
    void liveManifestsNeverRunAheadOfTheirSegmentsAndDeletesFollowTheWindow() throws Exception {
        String uri = "streamgear:live?format=cmaf&livestream=true&windowSize=3&extraWindowSize=1&segmentDuration=1"
                + "&frameWidth=320&frameHeight=180&inputFramerate=25&preset=ultrafast&streams=160x90"
                + "&audio=" + TestMedia.standard() + "&outputDir=" + work;
        TestFrames.paceRealTime(25, 20 * 25, n -> { // 20 s: many turns of a 3-segment window
            Exchange x = template.request(uri, e -> e.getIn().setBody(TestFrames.frame(PixelFormat.BGR24, 320, 180, n)));
            assertNull(x.getException());
        });
        List<String> beforeTheEnd = live.names();
        template.request(uri, e -> e.getIn().setHeader(StreamGearConstants.END_OF_STREAM, true));
        live.awaitQuiet(2);

        // FFmpeg's DASH muxer writes the HLS master once, before the audio's media playlist exists: that version waits
        // for it rather than being dropped, so HLS players can start while the stream runs
        assertTrue(beforeTheEnd.contains("live/manifest.m3u8"), "the HLS master was published while live: " + beforeTheEnd);

        long deletes = live.messages.stream().filter(m -> "delete".equals(m.getHeader("CamelStreamGearOperation"))).count();
        long manifests = live.messages.stream().filter(m -> "manifest".equals(m.getHeader("CamelStreamGearFileKind"))).count();
        assertTrue(deletes >= 20, "old segments were deleted as the window moved: " + deletes);
        assertTrue(manifests >= 15, "every manifest version was published: " + manifests);
        assertEquals(List.of(), live.problems);
        List<Long> delays = new ArrayList<>(live.segmentDelays);
        java.util.Collections.sort(delays);
        System.out.printf("publish delay, FFmpeg closing a segment -> its message entering the route: median %d ms, p95 %d ms,"
                + " max %d ms over %d segments%n", delays.get(delays.size() / 2), delays.get(delays.size() * 95 / 100),
                delays.get(delays.size() - 1), delays.size());
        assertEquals("public, max-age=1", live.messages.stream()
                .filter(m -> "manifest".equals(m.getHeader("CamelStreamGearFileKind"))).findFirst().orElseThrow()
                .getHeader("Cache-Control"), "live manifests cache for about half a segment");
    }

    @Test
    void aLaggingConsumerPublishesTheManifestVersionsItsMessagesAreFor() throws Exception {
        String uri = "streamgear:lagging?format=cmaf&livestream=true&windowSize=4&extraWindowSize=2&segmentDuration=1"
                + "&frameWidth=320&frameHeight=180&inputFramerate=25&preset=ultrafast&streams=160x90&outputDir=" + work;
        TestFrames.paceRealTime(25, 8 * 25, n -> {
            Exchange x = template.request(uri, e -> e.getIn().setBody(TestFrames.frame(PixelFormat.BGR24, 320, 180, n)));
            assertNull(x.getException());
        });
        template.request(uri, e -> e.getIn().setHeader(StreamGearConstants.END_OF_STREAM, true));
        lagging.awaitQuiet(3);

        long versions = lagging.messages.stream().filter(m -> m.getHeader("CamelStreamGearFileKind", String.class)
                .matches("manifest|playlist")).count();
        assertTrue(versions >= 5, "manifest and playlist versions were published: " + versions);
        assertEquals(List.of(), lagging.problems, "each message's body is the version it was made for, whatever FFmpeg"
                + " wrote while the sink lagged");
        for (java.io.File body : laggingBodies) {
            assertTrue(body.getName().equals("manifest.mpd") || body.getName().endsWith(".m3u8"),
                    "a version keeps its file name: " + body);
            assertTrue(!body.toPath().startsWith(work), "a version is not the file FFmpeg rewrites: " + body);
            assertTrue(!body.exists(), "a version's file is deleted once its exchange completed: " + body);
        }
        context.stop();
        assertTrue(!laggingBodies.get(0).getParentFile().getParentFile().exists(),
                "the consumer's versions folder is gone once it stopped");
    }

    /** Records what the consumer delivers and checks the order rules at delivery time. */
    static final class Recorder implements Processor {
        final List<Message> messages = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        /** Milliseconds from FFmpeg's last write to a segment (its mtime) to its message entering the route. */
        final List<Long> segmentDelays = new ArrayList<>();
        private final Set<String> delivered = new HashSet<>();
        /** Per manifest or playlist: what its last version delivered lists. */
        private final java.util.Map<String, Set<String>> listedNow = new java.util.HashMap<>();
        private volatile long lastDelivery = System.nanoTime();

        @Override
        public synchronized void process(Exchange exchange) throws Exception {
            Message m = exchange.getIn().copy();
            messages.add(m);
            lastDelivery = System.nanoTime();
            String name = m.getHeader(Exchange.FILE_NAME, String.class);
            String job = name.substring(0, name.indexOf('/'));
            if ("delete".equals(m.getHeader("CamelStreamGearOperation"))) {
                if (!delivered.remove(name)) {
                    problems.add("delete of " + name + " that was never delivered");
                }
                listedNow.forEach((manifest, refs) -> {
                    if (refs.contains(name)) {
                        problems.add("delete of " + name + " while the last version of " + manifest + " still lists it");
                    }
                });
                return;
            }
            String kind = m.getHeader("CamelStreamGearFileKind", String.class);
            Path file = m.getBody(java.io.File.class).toPath();
            if ("segment".equals(kind)) {
                segmentDelays.add(System.currentTimeMillis() - Files.getLastModifiedTime(file).toMillis());
            }
            if ("manifest".equals(kind) || "playlist".equals(kind)) {
                String text = Files.readString(file);
                Set<String> refs = name.endsWith(".mpd") ? mpdReferences(text, job) : playlistReferences(text, job);
                for (String ref : refs) {
                    if (!delivered.contains(ref)) {
                        problems.add(name + " lists " + ref + " before it was delivered");
                    }
                }
                listedNow.put(name, refs);
            }
            delivered.add(name);
        }

        /** Segments of representation 0..n listed by a SegmentTimeline MPD with $Number$ templates (startNumber aware). */
        private static Set<String> mpdReferences(String mpd, String job) {
            Set<String> refs = new TreeSet<>();
            Matcher rep = Pattern.compile("<Representation id=\"(\\d+)\"[\\s\\S]*?startNumber=\"(\\d+)\"([\\s\\S]*?)</SegmentTemplate>")
                    .matcher(mpd);
            while (rep.find()) {
                long number = Long.parseLong(rep.group(2));
                Matcher s = MPD_NUMBER.matcher(rep.group(3));
                while (s.find()) {
                    int r = s.group(3) == null ? 0 : Integer.parseInt(s.group(3));
                    for (int k = 0; k <= r; k++) {
                        refs.add(job + "/chunk-" + rep.group(1) + "-" + String.format("%05d", number++) + ".m4s");
                    }
                }
                refs.add(job + "/init-" + rep.group(1) + ".m4s");
            }
            return refs;
        }

        private static Set<String> playlistReferences(String playlist, String job) {
            Set<String> refs = new TreeSet<>();
            Matcher m = URI_IN_PLAYLIST.matcher(playlist);
            while (m.find()) {
                refs.add(job + "/" + (m.group(1) != null ? m.group(1) : m.group(2)));
            }
            return refs;
        }

        List<String> names() {
            synchronized (this) {
                return messages.stream().map(x -> x.getHeader(Exchange.FILE_NAME, String.class)).collect(Collectors.toList());
            }
        }

        void awaitName(String name, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (!names().contains(name) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(names().contains(name), name + " was published: " + names());
        }

        void awaitQuiet(int seconds) throws InterruptedException {
            while (System.nanoTime() - lastDelivery < TimeUnit.SECONDS.toNanos(seconds)) {
                Thread.sleep(50);
            }
        }
    }

    static Set<String> tree(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
