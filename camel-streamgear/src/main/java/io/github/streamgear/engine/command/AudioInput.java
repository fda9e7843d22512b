package io.github.streamgear.engine.command;

import java.util.ArrayList;
import java.util.List;

import io.github.streamgear.engine.settings.InputPolicy;

/** An audio file or URL muxed with raw frames; a file is looped so that, shorter than the stream, it cannot end it. */
public record AudioInput(SourceSpec source, InputPolicy policy) implements Input {

    @Override
    public List<String> arguments() {
        List<String> args = new ArrayList<>(InputGuard.options(source, policy));
        if (source.local()) {
            args.addAll(List.of("-stream_loop", "-1"));
        }
        args.addAll(List.of("-thread_queue_size", "1024", "-i", source.location()));
        return args;
    }
}
