package io.github.streamgear.reliability;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.streamgear.testing.StreamInspector;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * The sink of the reliability suite, at the end of {@code from("streamgear:rel")}: a CDN origin in miniature. Every
 * {@code write} is copied into a mirror folder (what a viewer could fetch), every {@code delete} removes the copy. At
 * the moment each manifest or playlist is delivered it is parsed from the mirror, and every file it lists must already
 * be there and not be empty: a manifest that runs ahead of its segments, cannot be parsed, or an empty or vanished file,
 * is recorded as a problem ("something broken was published"). It can also play a sink that is down: the first N
 * deliveries throw.
 */
final class PublishedSink implements Processor {

    /** One delivery the sink accepted. */
    record Event(int seq, String job, String name, String operation, String kind, long size) {
        boolean isWrite() {
            return "write".equals(operation);
        }

        boolean isManifestOrPlaylist() {
            return "manifest".equals(kind) || "playlist".equals(kind);
        }
    }

    private static final Pattern URI_ATTRIBUTE = Pattern.compile("URI=\"([^\"]+)\"");

    private Path mirror;
    private final List<Event> events = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final Set<String> published = new LinkedHashSet<>();
    private int failuresLeft;
    private int refused;
    private volatile long lastActivity = System.nanoTime();

    PublishedSink(Path mirror) {
        this.mirror = mirror;
    }

    /**
     * A new case starts (when several share one CamelContext): later deliveries go to a fresh mirror, and what earlier
     * cases published no longer counts as published. Problems and events are kept (use {@link #mark()}).
     */
    synchronized void startCase(Path freshMirror) {
        mirror = freshMirror;
        published.clear();
        failuresLeft = 0;
    }

    /** The next {@code n} deliveries fail, as if the sink were down. */
    synchronized void failNext(int n) {
        failuresLeft = n;
    }

    synchronized int refused() {
        return refused;
    }

    synchronized Path mirror() {
        return mirror;
    }

    @Override
    public synchronized void process(Exchange exchange) throws Exception {
        lastActivity = System.nanoTime();
        if (failuresLeft > 0) {
            failuresLeft--;
            refused++;
            throw new IllegalStateException("the sink is down (simulated, " + failuresLeft + " more failures to come)");
        }
        Message m = exchange.getIn();
        String name = m.getHeader(Exchange.FILE_NAME, String.class);
        String operation = m.getHeader("CamelStreamGearOperation", String.class);
        String kind = m.getHeader("CamelStreamGearFileKind", String.class);
        String job = m.getHeader("CamelStreamGearJobId", String.class);
        Path copy = mirror.resolve(name);
        long size = -1;
        if ("delete".equals(operation)) {
            if (!published.remove(name)) {
                problems.add("delete of " + name + ", which was never published");
            }
            Files.deleteIfExists(copy);
        } else {
            File file = m.getBody(File.class);
            if (file == null || !file.isFile()) {
                problems.add(name + " was published but is not on disk (" + file + ")");
            } else {
                Files.createDirectories(copy.getParent());
                try {
                    Files.copy(file.toPath(), copy, StandardCopyOption.REPLACE_EXISTING);
                    size = Files.size(copy);
                } catch (IOException e) {
                    problems.add(name + " vanished while it was being published: " + e);
                }
                if (size == 0 && !"preview".equals(kind)) {
                    problems.add(name + " (" + kind + ") was published empty");
                }
                Long length = m.getHeader(Exchange.FILE_LENGTH, Long.class);
                if (length != null && size >= 0 && length != size) {
                    problems.add(name + " was published with CamelFileLength " + length + " but holds " + size + " bytes");
                }
                published.add(name);
                if ("manifest".equals(kind) || "playlist".equals(kind)) {
                    checkReferences(name, copy);
                }
            }
        }
        events.add(new Event(events.size(), job, name, operation, kind, size));
        lastActivity = System.nanoTime();
    }

    /** Every file a just-published manifest or playlist lists is already published and not empty. */
    private void checkReferences(String name, Path copy) {
        List<Path> listed = new ArrayList<>();
        try {
            if (name.endsWith(".mpd")) {
                for (StreamInspector.Track t : StreamInspector.readDash(copy)) {
                    listed.add(t.init());
                    listed.addAll(t.segments());
                }
            } else {
                listed.addAll(playlistReferences(copy));
            }
        } catch (Exception e) {
            problems.add(name + " was published but cannot be parsed: " + e);
            return;
        }
        if (listed.isEmpty()) {
            problems.add(name + " was published listing no file at all");
        }
        for (Path p : listed) {
            try {
                if (p == null || !Files.isRegularFile(p) || Files.size(p) == 0) {
                    problems.add(name + " was published listing " + (p == null ? "null" : mirror.relativize(p))
                            + ", which was not published (or is empty)");
                }
            } catch (IOException e) {
                problems.add(name + ": cannot read " + p + ": " + e);
            }
        }
    }

    /** The URIs a playlist lists: its media lines and its URI="..." attributes (init segments, audio renditions). */
    static List<Path> playlistReferences(Path playlist) throws IOException {
        List<String> lines = Files.readAllLines(playlist);
        if (lines.isEmpty() || !lines.get(0).startsWith("#EXTM3U")) {
            throw new IOException(playlist + " does not start with #EXTM3U");
        }
        List<Path> refs = new ArrayList<>();
        for (String line : lines) {
            String l = line.trim();
            if (l.isEmpty()) {
                continue;
            }
            if (!l.startsWith("#")) {
                refs.add(playlist.resolveSibling(l));
            } else {
                Matcher m = URI_ATTRIBUTE.matcher(l);
                while (m.find()) {
                    refs.add(playlist.resolveSibling(m.group(1)));
                }
            }
        }
        return refs;
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** The deliveries since {@code mark} (a value of {@link #mark()}). */
    synchronized List<Event> eventsSince(int mark) {
        return List.copyOf(events.subList(mark, events.size()));
    }

    synchronized int mark() {
        return events.size();
    }

    synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    /** What a viewer can fetch now: files of {@code job} written and not deleted since. */
    synchronized Set<String> publishedNow(String job) {
        Set<String> now = new TreeSet<>();
        for (String name : published) {
            if (name.startsWith(job + "/")) {
                now.add(name);
            }
        }
        return now;
    }

    synchronized Set<String> publishedNow() {
        return new TreeSet<>(published);
    }

    /** Waits until every name in {@code names} is published (or {@code max} passed); returns whether they all are. */
    boolean awaitPublished(Collection<String> names, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (this) {
                if (published.containsAll(names)) {
                    return true;
                }
            }
            Thread.sleep(20);
        }
        synchronized (this) {
            return published.containsAll(names);
        }
    }

    /** Waits until the sink saw nothing for {@code quiet}, at most {@code max}. */
    void awaitQuiet(Duration quiet, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() - lastActivity < quiet.toNanos() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
