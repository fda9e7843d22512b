package io.github.streamgear.engine.output;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Publication order of a VOD job. FFmpeg rewrites a VOD manifest while it encodes; publishing those versions would show
 * a CDN a shorter, "complete" presentation for a while. So init and media segments are passed on as they complete,
 * while manifests and playlists are held: only their final versions are released, after the job succeeded, playlists
 * first, then the manifests a player opens, then the preview page's player script and the preview page that opens them. A failed job releases none.
 */
public final class VodPublication implements Consumer<OutputEvent> {

    private final Consumer<OutputEvent> downstream;
    private final List<String> manifestOrder;
    private final Map<String, OutputEvent> held = new LinkedHashMap<>();

    /**
     * @param manifestOrder the entry points in the order they are to be released (e.g. the MPD, then the HLS master)
     */
    public VodPublication(Consumer<OutputEvent> downstream, List<String> manifestOrder) {
        this.downstream = downstream;
        this.manifestOrder = List.copyOf(manifestOrder);
    }

    @Override
    public void accept(OutputEvent event) {
        FileKind kind = event.file().kind();
        if (kind == FileKind.MANIFEST || kind == FileKind.PLAYLIST || kind == FileKind.PREVIEW
                || kind == FileKind.PLAYER) {
            synchronized (held) {
                if (event.type() == OutputEvent.Type.COMPLETED) {
                    held.put(event.file().name(), event);
                } else {
                    held.remove(event.file().name());
                }
            }
            return;
        }
        downstream.accept(event);
    }

    /** The job succeeded: passes on the final version of every playlist, then of every manifest, then the preview page's player
     * script and the page. */
    public void release() {
        List<OutputEvent> last;
        synchronized (held) {
            last = new ArrayList<>(held.values());
            held.clear();
        }
        last.sort(Comparator.comparing((OutputEvent e) -> e.file().kind())
                .thenComparingInt(e -> manifestOrder.indexOf(e.file().name()))
                .thenComparing(e -> e.file().name()));
        for (OutputEvent e : last) {
            OutputFile f = e.file();
            try {
                long size = Files.size(f.path());
                downstream.accept(new OutputEvent(OutputEvent.Type.COMPLETED,
                        new OutputFile(f.path(), f.name(), f.kind(), f.contentType(), f.rendition(), f.sequence(), size),
                        Instant.now()));
            } catch (IOException gone) {
                // removed meanwhile (removeAtExit): nothing to publish
            }
        }
    }

    /** The job failed: nothing held is published. */
    public void discard() {
        synchronized (held) {
            held.clear();
        }
    }
}
