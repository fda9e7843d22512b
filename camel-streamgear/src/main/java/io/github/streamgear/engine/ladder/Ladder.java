package io.github.streamgear.engine.ladder;

import java.util.List;

/**
 * The renditions a job encodes, primary first, with what planning them changed.
 *
 * @param warnings what the user asked for and does not get: rungs dropped because they would upscale or repeat
 *                 another rung, explicit bitrates that do not rise with the picture size
 * @param notes    documented adjustments: a size fitted to the source's aspect ratio, an estimated bitrate fitted
 *                 between the explicit ones
 * @param copied   how rendition 0 is the source's video stream-copied; null when every rendition is encoded
 */
public record Ladder(List<PlannedRendition> renditions, List<String> warnings, List<String> notes, CopiedVideo copied) {

    public Ladder {
        renditions = List.copyOf(renditions);
        warnings = List.copyOf(warnings);
        notes = List.copyOf(notes);
    }

    /** Every rendition encoded. */
    public Ladder(List<PlannedRendition> renditions, List<String> warnings, List<String> notes) {
        this(renditions, warnings, notes, null);
    }

    public PlannedRendition primary() {
        return renditions.get(0);
    }

    public int size() {
        return renditions.size();
    }
}
