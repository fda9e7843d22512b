package io.github.streamgear.engine.ffmpeg;

import java.nio.file.Path;

/**
 * The FFmpeg and ffprobe executables a job runs, where they were found, and FFmpeg's version line.
 *
 * @param origin  where they were found: {@code option ffmpegPath}, {@code PATH}, or {@code bundled jar}
 * @param version the version token of {@code ffmpeg -version}, e.g. {@code 5.1.7-0+deb12u1}
 */
public record FfmpegBinaries(Path ffmpeg, Path ffprobe, String origin, String version) {

    /** Major version, e.g. 5 for {@code 5.1.7}; 0 when the version is not numeric (a git build). */
    public int majorVersion() {
        int end = 0;
        while (end < version.length() && Character.isDigit(version.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(version.substring(0, end));
    }

    @Override
    public String toString() {
        return "FFmpeg " + version + " (" + ffmpeg + ", ffprobe " + ffprobe + ", from " + origin + ")";
    }
}
