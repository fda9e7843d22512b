package io.github.streamgear.engine.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.github.streamgear.engine.output.OutputLayout.Classified;
import io.github.streamgear.engine.protection.CencFragments;

/**
 * The fMP4 files of a {@code encryption=cenc} job, VOD or live, completed in place ({@link CencFragments}) before anything
 * publishes them: FFmpeg 5.1's version cannot be decrypted, so it must never leave the job folder.
 * <p>
 * Two threads complete files: the output watcher's, as FFmpeg finishes them ({@link #completed(OutputEvent)}), and the
 * job's, for whatever is left once FFmpeg has exited ({@link #completeAll(List)}); whichever comes first does the work,
 * the other finds it done. A track's IV runs on across its segments, so a segment is completed only after every
 * earlier segment of its rendition; asked for a later one, the earlier ones are completed first.
 * <p>
 * After the first failure nothing more is completed nor passed on: the job fails with {@link #failure()}.
 */
public final class CencSegments {

    private final Path jobDir;
    private final OutputLayout layout;
    private final Map<String, Track> tracks = new HashMap<>();
    /** File name to the stamp of the completed version this class wrote. */
    private final Map<String, String> done = new HashMap<>();
    private final Set<String> passedOn = new HashSet<>();
    private String failure;
    private long nanos;
    private int segments;

    private static final class Track {
        CencFragments fragments;
        long last = -1; // sequence of the last completed segment
    }

    public CencSegments(Path jobDir, OutputLayout layout) {
        this.jobDir = jobDir;
        this.layout = layout;
    }

    /**
     * The event to pass on for a completed init or media segment reported by the watcher: the completed version's, or
     * null when there is nothing to pass on (already passed on: the watcher reports the file again after it was
     * replaced; or completing failed, now or earlier).
     */
    public synchronized OutputEvent completed(OutputEvent event) {
        OutputFile f = event.file();
        if (failure != null) {
            return null;
        }
        try {
            complete(f.name(), new Classified(f.kind(), f.rendition(), f.sequence()));
        } catch (CompletionFailed e) {
            return null;
        }
        if (!passedOn.add(f.name())) {
            return null;
        }
        long size;
        try {
            size = Files.size(f.path());
        } catch (IOException e) {
            passedOn.remove(f.name());
            return null; // gone meanwhile
        }
        return new OutputEvent(event.type(), new OutputFile(f.path(), f.name(), f.kind(), f.contentType(), f.rendition(),
                f.sequence(), size), Instant.now());
    }

    /** Whether the file was passed on (so its removal may be reported). */
    public synchronized boolean wasPassedOn(String name) {
        return passedOn.contains(name);
    }

    /** The file was removed and its removal passed on: nothing about it is kept. */
    public synchronized void forget(String name) {
        passedOn.remove(name);
        done.remove(name);
    }

    /**
     * FFmpeg has exited: completes the init and media segments of this run not completed yet ({@code files}, in
     * publication order). Returns false if completing failed (now or earlier): see {@link #failure()}.
     */
    public synchronized boolean completeAll(List<OutputFile> files) {
        for (OutputFile f : files) {
            if (failure != null) {
                return false;
            }
            if (f.kind() == FileKind.INIT || f.kind() == FileKind.SEGMENT) {
                try {
                    complete(f.name(), new Classified(f.kind(), f.rendition(), f.sequence()));
                } catch (CompletionFailed e) {
                    return false;
                }
            }
        }
        return failure == null;
    }

    /** Why completing failed, naming the file; null if it has not. */
    public synchronized String failure() {
        return failure;
    }

    /** Media segments completed, and the time it took in all (ms). */
    public synchronized String summary() {
        return segments + " segment(s) in " + nanos / 1_000_000 + " ms";
    }

    private void complete(String name, Classified c) {
        Track track = tracks.computeIfAbsent(c.rendition(), r -> new Track());
        if (track.fragments == null) {
            String init = c.kind() == FileKind.INIT ? name : find(c.rendition(), FileKind.INIT, -1);
            track.fragments = fail(init, () -> {
                CencFragments fragments = CencFragments.of(Files.readAllBytes(jobDir.resolve(init)));
                write(init, fragments.initSegment());
                return fragments;
            });
        } else if (c.kind() == FileKind.INIT) {
            check(name);
        }
        if (c.kind() != FileKind.SEGMENT) {
            return;
        }
        if (c.sequence() <= track.last) {
            check(name);
            return;
        }
        // earlier segments of the rendition first: the IV of a sample depends on how many came before it
        long next = track.last < 0 ? first(c.rendition()) : track.last + 1;
        for (long s = next; s <= c.sequence(); s++) {
            String segment = s == c.sequence() ? name : find(c.rendition(), FileKind.SEGMENT, s);
            fail(segment, () -> {
                write(segment, track.fragments.segment(Files.readAllBytes(jobDir.resolve(segment))));
                return null;
            });
            track.last = s;
            segments++;
        }
    }

    /** A file completed earlier must still be the version written then. */
    private void check(String name) {
        String stamp = FileStamp.of(jobDir.resolve(name));
        if (stamp == null || !stamp.equals(done.get(name))) {
            fail(name, () -> {
                throw new IOException("it changed after it was completed");
            });
        }
    }

    private void write(String name, byte[] content) throws IOException {
        Path file = jobDir.resolve(name);
        ReplaceAtomically.write(file, content);
        done.put(name, FileStamp.of(file));
    }

    private <T> T fail(String name, Work<T> work) {
        long start = System.nanoTime();
        try {
            return work.run();
        } catch (IOException | RuntimeException e) {
            failure = "cannot write the sample encryption data (CENC) into " + name + ": "
                    + (e.getMessage() != null ? e.getMessage() : e.toString());
            throw new CompletionFailed();
        } finally {
            nanos += System.nanoTime() - start;
        }
    }

    /** The name of the file of that rendition, kind and sequence in the job folder. */
    private String find(String rendition, FileKind kind, long sequence) {
        return fail(rendition + (kind == FileKind.INIT ? " (init segment)" : " segment " + sequence), () -> files()
                .filter(e -> e.getValue().kind() == kind && rendition.equals(e.getValue().rendition())
                        && (kind == FileKind.INIT || e.getValue().sequence() == sequence))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new IOException("no such file")));
    }

    private long first(String rendition) {
        return fail(rendition + " segments", () -> files()
                .filter(e -> e.getValue().kind() == FileKind.SEGMENT && rendition.equals(e.getValue().rendition()))
                .mapToLong(e -> e.getValue().sequence()).min().orElseThrow(() -> new IOException("none found")));
    }

    private Stream<Map.Entry<String, Classified>> files() throws IOException {
        List<String> names;
        try (Stream<Path> list = Files.list(jobDir)) {
            names = list.map(p -> p.getFileName().toString()).sorted(Comparator.naturalOrder()).toList();
        }
        return names.stream().map(n -> Map.entry(n, layout.classify(n))).filter(e -> e.getValue().isPresent())
                .map(e -> Map.entry(e.getKey(), e.getValue().get()));
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws IOException;
    }

    /** Completing failed; {@link #failure} says why. */
    private static final class CompletionFailed extends RuntimeException {
        CompletionFailed() {
            super(null, null, false, false);
        }
    }
}
