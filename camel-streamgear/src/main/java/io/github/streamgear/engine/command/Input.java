package io.github.streamgear.engine.command;

import java.util.List;

/** An input of the FFmpeg command: the options that open it and its {@code -i}, in order. */
public sealed interface Input permits SourceInput, PipedSourceInput, RawFramesInput, AudioInput, SubtitleInput {

    List<String> arguments();

    /** Whether FFmpeg reads this input from its stdin. */
    default boolean fromStdin() {
        return false;
    }
}
