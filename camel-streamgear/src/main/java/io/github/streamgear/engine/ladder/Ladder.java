package io.github.streamgear.engine.ladder;

import java.util.List;

/**
 * The renditions a job encodes, primary first, and the warnings raised while planning them (rungs dropped because
 * they would upscale or repeat another rung, sizes adjusted to keep the aspect ratio).
 */
public record Ladder(List<PlannedRendition> renditions, List<String> warnings) {

    public Ladder {
        renditions = List.copyOf(renditions);
        warnings = List.copyOf(warnings);
    }

    public PlannedRendition primary() {
        return renditions.get(0);
    }

    public int size() {
        return renditions.size();
    }
}
