package io.github.streamgear.engine.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;


/** A side-car subtitle file, opened by the subtitle demuxers only. */
public record SubtitleInput(Path file) implements Input {

    @Override
    public List<String> arguments() {
        List<String> args = new ArrayList<>(InputGuard.SUBTITLE_FILE);
        args.addAll(List.of("-i", file.toAbsolutePath().toString()));
        return args;
    }
}
