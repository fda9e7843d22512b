package io.github.streamgear.testing;

import java.util.List;

/** Looks for FFmpeg/ffprobe processes this JVM started and did not reap. */
public final class Processes {

    private Processes() {
    }

    /** Command lines of the FFmpeg/ffprobe processes still descending from this JVM. */
    public static List<String> leftoverFfmpeg() {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse(p.info().command().orElse("?")))
                .filter(c -> c.contains("ffmpeg") || c.contains("ffprobe"))
                .toList();
    }
}
