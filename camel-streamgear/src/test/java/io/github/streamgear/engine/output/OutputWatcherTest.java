package io.github.streamgear.engine.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.streamgear.engine.ladder.LadderPlanner;
import io.github.streamgear.engine.ladder.Rendition;
import io.github.streamgear.engine.output.OutputEvent.Type;
import io.github.streamgear.engine.settings.HlsSegmentType;
import io.github.streamgear.engine.settings.Segmenting;
import io.github.streamgear.engine.settings.StreamFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class OutputWatcherTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    /** Every event the listener received, in order. */
    private final Recorder events = new Recorder();

    /** DASH, video 360p (index 0) and 180p (1), audio (2). */
    private static OutputLayout dashLayout() {
        return new OutputLayout(new Segmenting(StreamFormat.DASH, HlsSegmentType.FMP4, 4, "manifest"),
                new LadderPlanner(0.1).plan(640, 360, 30, List.of(Rendition.of(320, 180))), true);
    }

    @Test
    void reportsCompletedAndRemovedFilesAsFfmpegWritesThem() throws Exception {
        Files.write(dir.resolve("chunk-1-00050.m4s"), new byte[50]); // left by an earlier run: not this job's
        try (OutputWatcher watcher = new OutputWatcher(dir, dashLayout(), events)) {
            watcher.start();
            Files.writeString(dir.resolve("notes.txt"), "not part of the output");
            inPlace("init-0.m4s", 800);
            inPlace("init-1.m4s", 700);
            inPlace("init-2.m4s", 600); // audio: no segment of it before close, reported then
            renamed("chunk-0-00001.m4s", 1001);
            await(2);
            renamed("manifest.mpd", 100);
            await(3);
            renamed("chunk-1-00001.m4s", 501);
            await(5);
            renamed("chunk-0-00002.m4s", 1002);
            await(6);
            renamedViaHiddenTmp("manifest.mpd", 200);
            await(7);
            renamed("chunk-0-00003.m4s", 1003);
            await(8);
            Files.delete(dir.resolve("chunk-0-00001.m4s"));
            await(9);
            renamed("manifest.mpd", 300);
            await(10);
            Files.write(dir.resolve("chunk-0-00004.m4s.tmp"), new byte[10]); // an unfinished segment
            Files.delete(dir.resolve("notes.txt"));
        }

        assertEquals(List.of(
                "COMPLETED init-0.m4s 800",
                "COMPLETED chunk-0-00001.m4s 1001",
                "COMPLETED manifest.mpd 100",
                "COMPLETED init-1.m4s 700",
                "COMPLETED chunk-1-00001.m4s 501",
                "COMPLETED chunk-0-00002.m4s 1002",
                "COMPLETED manifest.mpd 200",
                "COMPLETED chunk-0-00003.m4s 1003",
                "REMOVED chunk-0-00001.m4s -1",
                "COMPLETED manifest.mpd 300",
                "COMPLETED init-2.m4s 600"), describe(events.all()));
        List<OutputEvent> all = events.all();

        OutputFile segment = all.get(4).file();
        assertEquals(new OutputFile(dir.resolve("chunk-1-00001.m4s"), "chunk-1-00001.m4s", FileKind.SEGMENT,
                "video/iso.segment", "180p", 1, 501), segment);
        OutputFile init = all.get(0).file();
        assertEquals(new OutputFile(dir.resolve("init-0.m4s"), "init-0.m4s", FileKind.INIT, "video/mp4", "360p", -1, 800),
                init);
        OutputFile manifest = all.get(2).file();
        assertEquals(FileKind.MANIFEST, manifest.kind());
        assertEquals("application/dash+xml", manifest.contentType());
        assertEquals(null, manifest.rendition());
        assertEquals(dir.resolve("chunk-0-00001.m4s"), all.get(8).file().path());
        assertEquals(FileKind.SEGMENT, all.get(8).file().kind());
    }

    @Test
    void closeDeliversARenameThatRacedWithItExactlyOnce() throws Exception {
        for (int round = 0; round < 20; round++) {
            Path job = Files.createDirectory(dir.resolve("job" + round));
            Recorder seen = new Recorder();
            OutputWatcher watcher = new OutputWatcher(job, dashLayout(), seen);
            watcher.start();
            renamed(job, "manifest.mpd", 100);
            seen.await(1);
            inPlace(job, "init-0.m4s", 800);
            renamed(job, "manifest.mpd", 200 + round);
            watcher.close(); // FFmpeg "exited" right after its last rename
            watcher.close(); // idempotent

            List<String> got = describe(seen.all());
            assertEquals("COMPLETED manifest.mpd 100", got.get(0), "round " + round);
            assertEquals(3, got.size(), "round " + round + ": " + got);
            assertTrue(got.contains("COMPLETED manifest.mpd " + (200 + round)), "round " + round + ": " + got);
            assertTrue(got.contains("COMPLETED init-0.m4s 800"), "round " + round + ": " + got);
            try (Stream<Path> left = Files.list(job)) { // the close's marker file is gone again
                assertEquals(List.of("init-0.m4s", "manifest.mpd"),
                        left.map(p -> p.getFileName().toString()).sorted().toList(), "round " + round);
            }
        }
    }

    @Test
    void aFailingListenerDoesNotStopTheStream() throws Exception {
        Consumer<OutputEvent> listener = e -> {
            events.accept(e);
            throw new IllegalStateException("listener bug on " + e.file().name());
        };
        try (OutputWatcher watcher = new OutputWatcher(dir, dashLayout(), listener)) {
            watcher.start();
            renamed("chunk-0-00001.m4s", 10);
            await(1);
            renamed("chunk-0-00002.m4s", 20);
            renamed("manifest.mpd", 30);
            await(3);
        }
        assertEquals(List.of("COMPLETED chunk-0-00001.m4s 10", "COMPLETED chunk-0-00002.m4s 20",
                "COMPLETED manifest.mpd 30"), describe(events.all()));
    }

    @Test
    void eventsLostToOverflowAreFoundByListingTheFolder() throws Exception {
        // The JDK keeps at most 512 events per key; a listener blocked while FFmpeg writes hundreds of files overflows it.
        CountDownLatch release = new CountDownLatch(1);
        Consumer<OutputEvent> listener = e -> {
            events.accept(e);
            try {
                release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        };
        int segments = 400; // three events each: create of .tmp, its move away, create of the segment
        try (OutputWatcher watcher = new OutputWatcher(dir, dashLayout(), listener)) {
            watcher.start();
            renamed("chunk-0-00001.m4s", 11);
            await(1);
            for (int i = 2; i <= segments; i++) {
                renamed(String.format("chunk-0-%05d.m4s", i), 10 + i);
            }
            renamed("manifest.mpd", 30);
            release.countDown();
            await(segments + 1);
        }
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= segments; i++) {
            expected.add(String.format("COMPLETED chunk-0-%05d.m4s %d", i, 10 + i));
        }
        expected.add("COMPLETED manifest.mpd 30");
        assertEquals(expected, describe(events.all()));
    }

    @Test
    void followsARealLiveDashJob() throws Exception {
        OutputLayout layout = new OutputLayout(new Segmenting(StreamFormat.DASH, HlsSegmentType.FMP4, 4, "manifest"),
                new LadderPlanner(0.1).plan(320, 180, 25, List.of()), false);
        List<Long> latencyMicros = Collections.synchronizedList(new ArrayList<>());
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        Consumer<OutputEvent> listener = e -> {
            events.accept(e);
            if (e.type() == Type.COMPLETED) {
                try {
                    long size = Files.size(e.file().path());
                    if (size != e.file().size()) {
                        problems.add(e.file().name() + " had " + size + " bytes, event says " + e.file().size());
                    }
                    FileTime modified = Files.getLastModifiedTime(e.file().path());
                    if (e.file().kind() != FileKind.INIT) { // an init waits for its first segment
                        latencyMicros.add(Duration.between(modified.toInstant(), e.at()).toNanos() / 1000);
                    }
                } catch (IOException ex) {
                    problems.add(e.file().name() + " missing when its event arrived: " + ex);
                }
            }
        };

        List<String> argv = List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-re",
                "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25", "-t", "6",
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "25",
                "-f", "dash", "-seg_duration", "1", "-window_size", "2", "-extra_window_size", "1",
                "-init_seg_name", OutputLayout.DASH_INIT_TEMPLATE, "-media_seg_name", OutputLayout.DASH_MEDIA_TEMPLATE,
                dir.resolve(layout.dashManifest()).toString());
        try (OutputWatcher watcher = new OutputWatcher(dir, layout, listener)) {
            watcher.start();
            Process ffmpeg = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String log = new String(ffmpeg.getInputStream().readAllBytes());
            if (!ffmpeg.waitFor(60, TimeUnit.SECONDS)) {
                ffmpeg.destroyForcibly();
                fail("FFmpeg did not finish");
            }
            assertEquals(0, ffmpeg.exitValue(), log);
        }

        assertEquals(List.of(), problems);
        List<OutputEvent> all = events.all();
        List<String> names = describe(all);
        List<String> completedSegments = all.stream()
                .filter(e -> e.type() == Type.COMPLETED && e.file().kind() == FileKind.SEGMENT)
                .map(e -> e.file().name()).toList();
        List<Long> sequences = all.stream()
                .filter(e -> e.type() == Type.COMPLETED && e.file().kind() == FileKind.SEGMENT)
                .map(e -> e.file().sequence()).toList();
        assertEquals(sequences.stream().sorted().distinct().toList(), sequences, "segments in increasing order: " + names);

        Map<String, Long> sizeAtEvent = all.stream()
                .filter(e -> e.type() == Type.COMPLETED && e.file().kind() == FileKind.SEGMENT)
                .collect(Collectors.toMap(e -> e.file().name(), e -> e.file().size()));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith("chunk-")) {
                    assertEquals(Files.size(file), sizeAtEvent.get(name), name + " reported complete with its full size");
                }
            }
        }

        int init = indexOf(all, Type.COMPLETED, "init-0.m4s");
        int firstChunk = indexOf(all, Type.COMPLETED, "chunk-0-00001.m4s");
        assertTrue(init >= 0 && firstChunk == init + 1, "init-0.m4s right before chunk-0-00001.m4s: " + names);

        List<String> removed = all.stream().filter(e -> e.type() == Type.REMOVED).map(e -> e.file().name()).toList();
        assertFalse(removed.isEmpty(), "the sliding window removed early chunks: " + names);
        assertTrue(removed.contains("chunk-0-00001.m4s"), names.toString());
        for (String name : removed) {
            assertFalse(Files.exists(dir.resolve(name)), name);
            assertTrue(completedSegments.contains(name), name + " completed before it was removed");
        }

        long manifests = all.stream().filter(e -> e.type() == Type.COMPLETED && e.file().kind() == FileKind.MANIFEST).count();
        assertTrue(manifests > 3, "one manifest event per update: " + names);

        List<Long> sorted = latencyMicros.stream().sorted().toList();
        long median = sorted.get(sorted.size() / 2);
        long max = sorted.get(sorted.size() - 1);
        System.out.printf("OutputWatcher live DASH: %d events (%d segments, %d manifests, %d removed); "
                + "delivery latency after last write: median %.2f ms, max %.2f ms over %d events%n", all.size(),
                completedSegments.size(), manifests, removed.size(), median / 1000.0, max / 1000.0, sorted.size());
        assertTrue(max < 1_000_000, "an event came " + max / 1000 + " ms after its file was written");
    }

    // ---- FFmpeg's ways of writing files, in Java

    /** A segment or manifest: written to NAME.tmp, then renamed. */
    private void renamed(String name, int size) throws IOException {
        renamed(dir, name, size);
    }

    private static void renamed(Path job, String name, int size) throws IOException {
        Path tmp = job.resolve(name + ".tmp");
        Files.write(tmp, new byte[size]);
        Files.move(tmp, job.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The engine's own rewrite of a manifest: via the hidden {@code .NAME.tmp}. */
    private void renamedViaHiddenTmp(String name, int size) throws IOException {
        Path tmp = dir.resolve("." + name + ".tmp");
        Files.write(tmp, new byte[size]);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** An init segment: created empty, then written in place. */
    private void inPlace(String name, int size) throws IOException {
        inPlace(dir, name, size);
    }

    private static void inPlace(Path job, String name, int size) throws IOException {
        Path file = Files.createFile(job.resolve(name));
        Files.write(file, new byte[size]);
    }

    private void await(int count) throws InterruptedException {
        events.await(count);
    }

    private static List<String> describe(List<OutputEvent> seen) {
        return seen.stream().map(e -> e.type() + " " + e.file().name() + " " + e.file().size()).toList();
    }

    private static int indexOf(List<OutputEvent> seen, Type type, String name) {
        for (int i = 0; i < seen.size(); i++) {
            if (seen.get(i).type() == type && seen.get(i).file().name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** A listener that keeps the events and lets the test wait for them. */
    private static final class Recorder implements Consumer<OutputEvent> {

        private final List<OutputEvent> events = new ArrayList<>();

        @Override
        public synchronized void accept(OutputEvent event) {
            events.add(event);
            notifyAll();
        }

        synchronized List<OutputEvent> all() {
            return List.copyOf(events);
        }

        /** Waits until at least {@code count} events arrived. */
        synchronized void await(int count) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (events.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail("expected " + count + " events within " + WAIT + ", got " + describe(events));
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }
}
