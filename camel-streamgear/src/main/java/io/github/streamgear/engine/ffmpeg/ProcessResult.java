package io.github.streamgear.engine.ffmpeg;

import java.time.Duration;
import java.util.List;

/**
 * How a finished FFmpeg or ffprobe process ended.
 *
 * @param exitCode  the process exit code
 * @param stdout    what it wrote to stdout when stdout was captured, otherwise empty
 * @param logTail   the last lines of its stderr, oldest first
 * @param timedOut  whether the watchdog ended it because the timeout passed
 * @param cancelled whether it was ended on request (route or context stopping)
 * @param wallTime  how long it ran
 */
public record ProcessResult(int exitCode, String stdout, List<String> logTail, boolean timedOut, boolean cancelled,
        Duration wallTime) {

    public boolean succeeded() {
        return exitCode == 0 && !timedOut && !cancelled;
    }
}
