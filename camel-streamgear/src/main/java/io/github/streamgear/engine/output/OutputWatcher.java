package io.github.streamgear.engine.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.github.streamgear.engine.output.OutputEvent.Type;
import io.github.streamgear.engine.output.OutputLayout.Classified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports, while FFmpeg runs, each output file of a job as soon as it is complete ({@link Type#COMPLETED}) and each
 * one it deletes ({@link Type#REMOVED}), from a {@link WatchService} on the job folder (inotify on Linux, no folder
 * polling). Events go to the listener on one daemon thread, {@code streamgear-watch-<folder>}, in order.
 * <p>
 * The rules follow how FFmpeg's DASH and HLS ({@code -hls_flags temp_file}) muxers write files:
 * <ul>
 * <li>Media segments, manifests and playlists are written to {@code NAME.tmp} and renamed to {@code NAME}, so the
 * appearance of a name the {@link OutputLayout} recognises (and not ending in {@code .tmp}) means that file is
 * complete. A manifest or playlist completes again with every rewrite (a new version); a version already delivered
 * (same size, modification time and inode) is not delivered twice. {@code .tmp} files and unknown files are
 * ignored.</li>
 * <li>Init segments are written in place, so their appearance means nothing yet. An init is delivered immediately
 * before the first completed segment of its rendition, by which time FFmpeg has finished it.</li>
 * <li>An empty file is never delivered (nor, later, its removal): FFmpeg renames an empty temporary file into place
 * when it cannot write, on a full disk.</li>
 * <li>A deleted output file that was delivered is reported as removed (size {@code -1}).</li>
 * <li>If the watch service loses events (overflow) the folder is listed, and what was never delivered or changed
 * since is delivered: inits, segments, playlists, then manifests; delivered files that are gone are reported
 * removed.</li>
 * <li>{@link #close()}, called once FFmpeg has exited, handles the events still queued (up to those of a marker file
 * it creates and removes, {@code .streamgear-watch-end-*}, never reported), then lists the folder the same way, so a
 * last manifest rewrite racing with the close is neither lost nor duplicated; an init still waiting is delivered then
 * if it is not empty.</li>
 * <li>A layout that {@linkplain OutputLayout#draftsMpd() drafts the MPD}: FFmpeg's draft is not reported; each new
 * draft is handed to a callback ({@link LiveMpd#update()}), which writes the published MPD that is then reported.</li>
 * <li>A live job's manifests and playlists ({@code versions}): each event carries the bytes of its version
 * ({@link OutputEvent#version()}), read as soon as the watcher takes the batch of events it is in, before it reports
 * any file of that batch: the listener may block (a slow sink), and by the time it returns FFmpeg may have written
 * newer versions naming segments whose events are still queued. When a batch holds several versions of one file, the
 * one read is reported at the place of the last.</li>
 * <li>Files already in the folder when {@link #start()} is called (a previous run's) are not reported unless they
 * change: start the watcher before FFmpeg.</li>
 * </ul>
 * A listener that throws is logged and the stream goes on.
 */
public final class OutputWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutputWatcher.class);
    private static final long DRAIN_MILLIS = 50;
    /** How long the close waits for its marker's event at most (the rescan that follows catches anything later). */
    private static final long MARKER_WAIT_MILLIS = 2000;
    private static final String MARKER_PREFIX = ".streamgear-watch-end-";

    private final Path jobDir;
    private final OutputLayout layout;
    private final Consumer<OutputEvent> listener;
    private final String mpdDraft;
    private final Runnable onMpdDraft;
    private final boolean versions;

    private final Object lock = new Object();
    private WatchService watchService; // guarded by lock until the thread starts
    private Thread thread;
    private boolean waiting; // the thread is blocked in take(): close() may interrupt it
    private boolean closing;

    // touched by the watch thread only (start() fills "before" before starting it)
    private final Map<String, String> before = new HashMap<>();
    private final Map<String, String> delivered = new HashMap<>();
    private final Map<String, Classified> pendingInits = new LinkedHashMap<>();

    public OutputWatcher(Path jobDir, OutputLayout layout, Consumer<OutputEvent> listener) {
        this(jobDir, layout, listener, null, false);
    }

    /**
     * @param onMpdDraft with a layout that {@link OutputLayout#draftsMpd()}: run on the watch thread each time FFmpeg
     *                   has written a new draft of the MPD (it is not an output file, so it is not reported)
     * @param versions   whether manifest and playlist events carry the bytes of their version (a live job)
     */
    public OutputWatcher(Path jobDir, OutputLayout layout, Consumer<OutputEvent> listener, Runnable onMpdDraft,
            boolean versions) {
        this.jobDir = Objects.requireNonNull(jobDir, "jobDir");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.mpdDraft = layout.draftsMpd() ? layout.mpdDraft() : null;
        this.onMpdDraft = mpdDraft == null ? null : Objects.requireNonNull(onMpdDraft, "onMpdDraft");
        this.versions = versions;
    }

    /** Starts watching the job folder, which must exist. */
    public void start() {
        synchronized (lock) {
            if (thread != null || closing) {
                throw new IllegalStateException("OutputWatcher for " + jobDir + " was already started or closed");
            }
            try {
                watchService = jobDir.getFileSystem().newWatchService();
                jobDir.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE);
            } catch (IOException e) {
                closeWatchService();
                throw new UncheckedIOException("Cannot watch output folder " + jobDir, e);
            }
            for (Path file : list()) { // taken after registering: a file created meanwhile still has its event
                String stamp = FileStamp.of(file);
                if (stamp != null) {
                    before.put(file.getFileName().toString(), stamp);
                }
            }
            thread = new Thread(this::run, "streamgear-watch-" + jobDir.getFileName());
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * Delivers what is still pending (call it after FFmpeg has exited), then stops the thread and the watch service.
     * Returns once the last event was delivered, unless called from the listener itself. Idempotent.
     */
    @Override
    public void close() {
        Thread t;
        synchronized (lock) {
            t = thread;
            if (!closing) {
                closing = true;
                if (t == null) {
                    closeWatchService();
                } else if (waiting) {
                    t.interrupt();
                }
            }
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try {
            while (true) {
                synchronized (lock) {
                    if (closing) {
                        break;
                    }
                    waiting = true;
                }
                WatchKey key = null;
                try {
                    key = watchService.take();
                } catch (InterruptedException e) {
                    // close() woke us up, or someone else did: the loop decides
                } finally {
                    synchronized (lock) {
                        waiting = false;
                        Thread.interrupted(); // an interrupt from close() arriving after take() returned
                    }
                }
                if (key != null) {
                    handle(key);
                }
            }
            drain();
            rescan(true);
        } catch (InterruptedException e) {
            LOG.warn("Watching {} interrupted before the last events were delivered", jobDir);
        } catch (ClosedWatchServiceException e) {
            LOG.debug("Watch service of {} closed", jobDir);
        } catch (RuntimeException e) {
            LOG.error("Watching output folder {} failed", jobDir, e);
        } finally {
            synchronized (lock) {
                closeWatchService();
            }
        }
    }

    /**
     * Handles the events still queued once FFmpeg has exited. Its last events are already in the kernel's queue, but
     * the JDK hands them over from another thread: rather than waiting until no event came for {@value #DRAIN_MILLIS}
     * ms (which every job's end would pay), a marker file is created and removed, and its events are the last of the
     * queue: once the marker's creation is seen, every event before it has been handled. Without a marker (the folder
     * is gone or not writable), the queue is drained until it has been quiet for {@value #DRAIN_MILLIS} ms, as before.
     */
    private void drain() throws InterruptedException {
        Path marker = jobDir.resolve(MARKER_PREFIX + System.nanoTime());
        try {
            Files.createFile(marker);
        } catch (IOException | UnsupportedOperationException e) {
            marker = null;
        }
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MARKER_WAIT_MILLIS);
            WatchKey key;
            while (true) {
                long wait = marker == null ? DRAIN_MILLIS
                        : Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                if ((key = watchService.poll(wait, TimeUnit.MILLISECONDS)) == null) {
                    return;
                }
                if (handle(key, marker) && marker != null) {
                    return;
                }
            }
        } finally {
            if (marker != null) {
                try {
                    Files.deleteIfExists(marker);
                } catch (IOException e) {
                    LOG.debug("Cannot remove {}", marker, e);
                }
            }
        }
    }

    private void handle(WatchKey key) {
        handle(key, null);
    }

    /** Handles the key's events; whether one of them was the creation of {@code marker} (null: none). */
    private boolean handle(WatchKey key, Path marker) {
        boolean markerSeen = false;
        List<WatchEvent<?>> events = key.pollEvents();
        Map<String, Integer> lastVersion = new HashMap<>();
        Map<String, Version> read = new HashMap<>();
        if (versions) {
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).kind() == StandardWatchEventKinds.ENTRY_CREATE
                    && events.get(i).context() instanceof Path name && isVersioned(name.toString())) {
                    lastVersion.put(name.toString(), i);
                }
            }
            lastVersion.keySet().forEach(name -> read.put(name, Version.read(jobDir.resolve(name))));
        }
        for (int i = 0; i < events.size(); i++) {
            WatchEvent<?> event = events.get(i);
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                LOG.debug("Watch events of {} overflowed: listing the folder", jobDir);
                rescan(false);
                continue;
            }
            String name = event.context().toString();
            if (name.startsWith(MARKER_PREFIX)) {
                markerSeen |= marker != null && name.equals(marker.getFileName().toString())
                        && event.kind() == StandardWatchEventKinds.ENTRY_CREATE;
                continue;
            }
            if (name.equals(mpdDraft)) {
                if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE) {
                    draftWritten();
                }
                continue;
            }
            Optional<Classified> classified = name.endsWith(".tmp") ? Optional.empty() : layout.classify(name);
            if (classified.isEmpty()) {
                continue;
            }
            Classified c = classified.get();
            if (event.kind() == StandardWatchEventKinds.ENTRY_DELETE) {
                pendingInits.remove(name);
                removed(name, c);
            } else if (c.kind() == FileKind.INIT) {
                pendingInits.put(name, c); // written in place: complete once a segment of its rendition is
            } else if (lastVersion.containsKey(name)) {
                if (lastVersion.get(name) == i) { // an earlier one's version is gone or is the one read
                    deliver(name, c, read.get(name));
                }
            } else {
                completed(name, c);
            }
        }
        key.reset();
        return markerSeen;
    }

    /** Lists the folder and delivers what was never delivered or changed since; {@code last}: FFmpeg has exited. */
    private void rescan(boolean last) {
        if (mpdDraft != null && Files.exists(jobDir.resolve(mpdDraft))) {
            draftWritten(); // first, so that the listing below finds the MPD published from it
        }
        Set<String> present = new HashSet<>();
        List<Map.Entry<String, Classified>> changed = new ArrayList<>();
        for (Path file : list()) {
            String name = file.getFileName().toString();
            present.add(name);
            Optional<Classified> c = name.endsWith(".tmp") ? Optional.empty() : layout.classify(name);
            String stamp = c.isEmpty() ? null : FileStamp.of(file);
            if (stamp != null && !stamp.equals(delivered.containsKey(name) ? delivered.get(name) : before.get(name))) {
                changed.add(Map.entry(name, c.get()));
            }
        }
        changed.sort(Comparator.comparing((Map.Entry<String, Classified> e) -> e.getValue().kind())
                .thenComparingLong(e -> e.getValue().sequence())
                .thenComparingInt(e -> layout.renditionNames().indexOf(e.getValue().rendition()))
                .thenComparingInt(e -> layout.manifests().indexOf(e.getKey()))
                .thenComparing(Map.Entry::getKey));
        pendingInits.keySet().retainAll(present);
        for (Map.Entry<String, Classified> e : changed) {
            if (e.getValue().kind() == FileKind.INIT) {
                pendingInits.put(e.getKey(), e.getValue());
            }
        }
        if (last) {
            flushInits(null, true);
        }
        for (Map.Entry<String, Classified> e : changed) {
            if (e.getValue().kind() != FileKind.INIT) {
                completed(e.getKey(), e.getValue());
            }
        }
        for (String name : delivered.keySet().stream().sorted().toList()) {
            if (!present.contains(name)) {
                layout.classify(name).ifPresent(c -> removed(name, c));
            }
        }
    }

    private void draftWritten() {
        try {
            onMpdDraft.run();
        } catch (RuntimeException e) {
            LOG.warn("Publishing the MPD FFmpeg wrote in {} failed: {}", jobDir, e.toString(), e);
        }
    }

    private void completed(String name, Classified c) {
        if (c.kind() == FileKind.SEGMENT) {
            flushInits(c.rendition(), false);
        }
        deliver(name, c);
    }

    /** Delivers the pending inits of {@code rendition}, or all of them if {@code all}. */
    private void flushInits(String rendition, boolean all) {
        for (Iterator<Map.Entry<String, Classified>> it = pendingInits.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Classified> e = it.next();
            if (all || Objects.equals(rendition, e.getValue().rendition())) {
                it.remove();
                deliver(e.getKey(), e.getValue());
            }
        }
    }

    private void deliver(String name, Classified c) {
        if (versions && isVersioned(c.kind())) {
            deliver(name, c, Version.read(jobDir.resolve(name)));
            return;
        }
        Path file = jobDir.resolve(name);
        BasicFileAttributes a = FileStamp.attributes(file);
        if (a == null) {
            return; // gone already (a later event reports it)
        }
        String stamp = FileStamp.of(a);
        // an empty file is never complete: an init is still being written, anything else was renamed into place empty
        // because FFmpeg could not write it (a full disk), and the job fails on it when it ends
        if (a.size() == 0 || stamp.equals(delivered.get(name))) {
            return;
        }
        delivered.put(name, stamp);
        emit(Type.COMPLETED, new OutputFile(file, name, c.kind(), OutputLayout.contentType(name, c.kind()),
                c.rendition(), c.sequence(), a.size()), null);
    }

    /** Delivers a version of a manifest or playlist read before; null: it was gone or kept changing while read. */
    private void deliver(String name, Classified c, Version version) {
        if (version == null || version.bytes().length == 0 || version.stamp().equals(delivered.get(name))) {
            return;
        }
        delivered.put(name, version.stamp());
        emit(Type.COMPLETED, new OutputFile(jobDir.resolve(name), name, c.kind(), OutputLayout.contentType(name, c.kind()),
                c.rendition(), c.sequence(), version.bytes().length), version.bytes());
    }

    private boolean isVersioned(String name) {
        return !name.endsWith(".tmp") && layout.classify(name).map(c -> isVersioned(c.kind())).orElse(false);
    }

    private static boolean isVersioned(FileKind kind) {
        return kind == FileKind.MANIFEST || kind == FileKind.PLAYLIST;
    }

    /** One version of a file: its stamp and its bytes, read together. */
    private record Version(String stamp, byte[] bytes) {

        /** The file's current version; null if it is gone, or was replaced during each of three reads. */
        static Version read(Path file) {
            for (int attempt = 0; attempt < 3; attempt++) {
                String before = FileStamp.of(file);
                if (before == null) {
                    return null;
                }
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(file);
                } catch (IOException e) {
                    return null; // gone meanwhile: its removal, or a newer version, has an event of its own
                }
                if (before.equals(FileStamp.of(file))) {
                    return new Version(before, bytes);
                }
            }
            return null;
        }
    }

    private void removed(String name, Classified c) {
        if (delivered.remove(name) != null) {
            emit(Type.REMOVED, new OutputFile(jobDir.resolve(name), name, c.kind(), OutputLayout.contentType(name, c.kind()),
                    c.rendition(), c.sequence(), -1), null);
        }
    }

    private void emit(Type type, OutputFile file, byte[] version) {
        OutputEvent event = new OutputEvent(type, file, Instant.now(), version);
        LOG.trace("{} {}", type, file.name());
        try {
            listener.accept(event);
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            LOG.warn("Output listener failed on {} {}; watching goes on", type, file.name(), e);
        }
    }

    private List<Path> list() {
        if (!Files.isDirectory(jobDir)) {
            return List.of(); // a failed job removed its folder: everything delivered is gone
        }
        try (Stream<Path> files = Files.list(jobDir)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            LOG.warn("Cannot list output folder {}: {}", jobDir, e.toString());
            return List.of();
        }
    }

    private void closeWatchService() {
        if (watchService != null) {
            try {
                watchService.close();
            } catch (IOException e) {
                LOG.debug("Closing the watch service of {} failed", jobDir, e);
            }
        }
    }
}
