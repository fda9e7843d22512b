package io.github.streamgear.engine.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A live stream's removals, held back while a manifest or playlist version that was passed on still lists the file,
 * so that a sink following the events never deletes a file its current manifest names.
 * <p>
 * FFmpeg removes a segment when its rendition's window moves on, usually after the manifests stopped listing it, but
 * not always: with several video renditions, FFmpeg's DASH muxer writes the MPD and the playlists once per round of
 * renditions, and when one rendition's segment completes after that write, its MPD and playlist list it one segment
 * behind the others when its oldest segment is removed.
 * <p>
 * Used by one thread at a time, as the job's output events: its watcher's, then the one that ends the job.
 */
public final class HeldRemovals {

    /** Per manifest or playlist passed on: the files its last version passed on lists. */
    private final Map<String, Set<String>> listed = new HashMap<>();
    private final List<OutputEvent> held = new ArrayList<>();

    /** Whether the event is to be held back: a removal of a file a version passed on lists. */
    public boolean hold(OutputEvent event) {
        if (event.type() == OutputEvent.Type.REMOVED && isListed(event.file().name())) {
            held.add(event);
            return true;
        }
        return false;
    }

    /**
     * The event was passed on: a manifest or playlist version replaces what its file listed, the removal of one
     * forgets it. Returns the held removals no version passed on lists any more, in the order they came.
     */
    public List<OutputEvent> passedOn(OutputEvent event) {
        OutputFile file = event.file();
        if (event.type() == OutputEvent.Type.REMOVED) {
            if (listed.remove(file.name()) == null) {
                return List.of();
            }
        } else if (event.version() != null) {
            Set<String> names = listedBy(file.name(), new String(event.version(), StandardCharsets.UTF_8));
            if (names == null) {
                return List.of(); // verified before it was passed on: it parses; if not, what it replaced stays
            }
            listed.put(file.name(), names);
        } else {
            return List.of();
        }
        return release(false);
    }

    /** Whether a version of this manifest or playlist was passed on, and the file not removed since. */
    public boolean wasPassedOn(String name) {
        return listed.containsKey(name);
    }

    /** The held removals, all of them (the stream ended and its watcher is closed). */
    public List<OutputEvent> releaseAll() {
        return release(true);
    }

    private List<OutputEvent> release(boolean all) {
        List<OutputEvent> released = new ArrayList<>();
        for (Iterator<OutputEvent> it = held.iterator(); it.hasNext();) {
            OutputEvent e = it.next();
            if (all || !isListed(e.file().name())) {
                it.remove();
                released.add(e);
            }
        }
        return released;
    }

    private boolean isListed(String name) {
        return listed.values().stream().anyMatch(names -> names.contains(name));
    }

    /** What a version lists, as names relative to the job folder (a reference is relative to the version's folder). */
    private static Set<String> listedBy(String name, String text) {
        List<String> references;
        try {
            references = OutputVerifier.references(name, text);
        } catch (IOException e) {
            return null;
        }
        int slash = name.lastIndexOf('/');
        String folder = slash < 0 ? "" : name.substring(0, slash + 1);
        Set<String> names = new HashSet<>();
        for (String reference : references) {
            names.add(folder + reference);
        }
        return names;
    }
}
