package io.github.streamgear.engine.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The MPD of a live DASH or CMAF stream as the component publishes it, for what FFmpeg's DASH muxer cannot write into
 * each version (the CENC signalling) and for its last version, which FFmpeg writes with a duration cut to a tenth of a
 * second below the media's end (a player then stops short of the end): that static version is published only once it
 * is finished ({@link #finish}). FFmpeg writes every version to the hidden draft
 * ({@link OutputLayout#mpdDraft()}); each new draft is read, changed by the edits and written to the published name
 * ({@link OutputLayout#dashManifest()}), which the output watcher then reports like any version. Only this class writes
 * the published MPD, so an older version can never be put back over a newer one.
 * <p>
 * Two threads call it: the output watcher's, as FFmpeg writes drafts, and the job's, once FFmpeg has exited (the last
 * draft, then the finishing rewrite under the same lock, so a late watcher cannot undo it).
 */
public final class LiveMpd {

    private final Path draft;
    private final Path published;
    private final List<UnaryOperator<String>> edits = new CopyOnWriteArrayList<>();
    private String lastDraft; // stamp of the draft last published
    private boolean stopped;

    public LiveMpd(Path jobDir, OutputLayout layout) {
        if (!layout.draftsMpd()) {
            throw new IllegalArgumentException("The layout has FFmpeg write the published MPD itself");
        }
        this.draft = jobDir.resolve(layout.mpdDraft());
        this.published = jobDir.resolve(layout.dashManifest());
    }

    /** Adds a change made to every version from now on, after those added before it. */
    public void edit(UnaryOperator<String> edit) {
        edits.add(edit);
    }

    /**
     * Writes the published MPD from the draft if FFmpeg wrote a draft since the last call; does nothing if there is
     * none (yet, or any more: a stream removed at exit), or if it is FFmpeg's last (static) version, which only
     * {@link #finish} publishes.
     */
    public synchronized void update() {
        publish(false);
    }

    /**
     * Publishes no more versions (the stream's output can no longer be published whole): the published MPD stays the
     * last version written, and {@link #finish} only deletes the draft.
     */
    public synchronized void stop() {
        stopped = true;
    }

    private void publish(boolean last) {
        if (stopped) {
            return;
        }
        String stamp = FileStamp.of(draft);
        if (stamp == null || stamp.equals(lastDraft)) {
            return;
        }
        try {
            String text = Files.readString(draft, StandardCharsets.UTF_8);
            if (!last && text.contains("type=\"static\"")) {
                return;
            }
            for (UnaryOperator<String> edit : edits) {
                text = edit.apply(text);
            }
            ReplaceAtomically.write(published, text);
            lastDraft = stamp;
        } catch (NoSuchFileException gone) {
            // FFmpeg renamed a newer draft over it meanwhile: the watcher reports that one
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write MPD " + published + " from FFmpeg's " + draft, e);
        }
    }

    /**
     * FFmpeg has exited: publishes its last draft, then lets {@code finishing} rewrite the published MPD; the draft is
     * deleted (a folder synchronised as it is, to a bucket for instance, should not carry it).
     */
    public synchronized void finish(Consumer<Path> finishing) {
        publish(true);
        if (!stopped && Files.exists(published)) {
            finishing.accept(published);
        }
        discardDraft();
    }

    /** Deletes the draft once its last version was published. */
    private void discardDraft() {
        try {
            Files.deleteIfExists(draft);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete FFmpeg's MPD draft " + draft, e);
        }
    }
}
