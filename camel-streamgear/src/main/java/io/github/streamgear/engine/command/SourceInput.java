package io.github.streamgear.engine.command;

import java.util.ArrayList;
import java.util.List;

import io.github.streamgear.engine.settings.InputPolicy;

/** A video file or URL: opened with the allow-lists of its scheme, then the raw input options, then {@code -i}. */
public record SourceInput(SourceSpec source, InputPolicy policy) implements Input {

    @Override
    public List<String> arguments() {
        List<String> args = new ArrayList<>(InputGuard.options(source, policy));
        args.addAll(policy.inputOptions());
        args.addAll(List.of("-i", source.location()));
        return args;
    }
}
