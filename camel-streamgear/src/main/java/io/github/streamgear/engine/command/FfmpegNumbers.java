package io.github.streamgear.engine.command;

/** Numbers as FFmpeg reads them in its options. */
public final class FfmpegNumbers {

    private FfmpegNumbers() {
    }

    /** {@code 4}, {@code 2.5}, {@code 29.97}: no {@code .0} on whole numbers. */
    public static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
