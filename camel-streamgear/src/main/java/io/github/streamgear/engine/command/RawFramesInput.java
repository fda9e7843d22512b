package io.github.streamgear.engine.command;

import java.util.ArrayList;
import java.util.List;

/**
 * Raw frames on FFmpeg's stdin: they carry no header, so their size, pixel layout and rate are given.
 *
 * @param pixelFormat FFmpeg's name of the layout, e.g. {@code bgr24}
 * @param rawOptions  the raw input options, placed before the frames
 */
public record RawFramesInput(int width, int height, String pixelFormat, double framerate, List<String> rawOptions)
        implements Input {

    public RawFramesInput {
        rawOptions = List.copyOf(rawOptions);
    }

    @Override
    public List<String> arguments() {
        List<String> args = new ArrayList<>(rawOptions);
        args.addAll(List.of("-f", "rawvideo", "-pix_fmt", pixelFormat, "-video_size", width + "x" + height, "-framerate",
                FfmpegNumbers.format(framerate), "-thread_queue_size", "64", "-i", "pipe:0"));
        return args;
    }

    @Override
    public boolean fromStdin() {
        return true;
    }
}
