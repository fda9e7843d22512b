package io.github.streamgear.engine.ffmpeg;

import io.github.streamgear.engine.StreamGearException;

/** No usable FFmpeg or ffprobe: the message lists every place that was looked at. */
public class FfmpegNotFoundException extends StreamGearException {

    public FfmpegNotFoundException(String message) {
        super(message);
    }
}
