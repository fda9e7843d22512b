package io.github.streamgear.engine.ffmpeg;

import io.github.streamgear.engine.StreamGearException;

/** The FFmpeg or ffprobe executable could not be started at all (missing, not executable). */
public class FfmpegStartException extends StreamGearException {

    public FfmpegStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
