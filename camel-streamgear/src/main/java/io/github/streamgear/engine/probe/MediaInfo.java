package io.github.streamgear.engine.probe;

import java.util.List;
import java.util.Locale;

/**
 * What a job needs to know about its source, read by {@link MediaProbe}.
 *
 * @param width           display width of the first video stream, rotation applied
 * @param height          display height, rotation applied
 * @param fps             average frame rate
 * @param durationSeconds container duration, 0 if unknown (a live URL)
 * @param videoCodec      codec of the first video stream
 * @param hasAudio        whether the source has an audio stream
 * @param audioCodec      codec of the first audio stream, null without audio
 * @param formatName      demuxer that recognised the container
 * @param audioStreams    every audio stream, in source order
 * @param subtitleStreams every subtitle stream, in source order
 * @param videoProfile    profile of the first video stream as ffprobe names it (e.g. {@code High}), "" if unknown
 * @param pixelFormat     pixel format of the first video stream (e.g. {@code yuv420p}), "" if unknown
 * @param videoKbps       bitrate of the first video stream as its container declares it, 0 if unknown (most live
 *                        sources)
 */
public record MediaInfo(int width, int height, double fps, double durationSeconds, String videoCodec, boolean hasAudio,
        String audioCodec, String formatName, List<AudioStream> audioStreams, List<SubtitleStream> subtitleStreams,
        String videoProfile, String pixelFormat, long videoKbps) {

    public MediaInfo {
        audioStreams = List.copyOf(audioStreams);
        subtitleStreams = List.copyOf(subtitleStreams);
        videoProfile = videoProfile == null ? "" : videoProfile;
        pixelFormat = pixelFormat == null ? "" : pixelFormat;
    }

    /** A source whose video stream's profile, pixel format and bitrate are unknown. */
    public MediaInfo(int width, int height, double fps, double durationSeconds, String videoCodec, boolean hasAudio,
            String audioCodec, String formatName, List<AudioStream> audioStreams, List<SubtitleStream> subtitleStreams) {
        this(width, height, fps, durationSeconds, videoCodec, hasAudio, audioCodec, formatName, audioStreams,
                subtitleStreams, "", "", 0);
    }

    /** A source described without its stream list: one untagged stereo audio stream if it has audio, no subtitles. */
    public MediaInfo(int width, int height, double fps, double durationSeconds, String videoCodec, boolean hasAudio,
            String audioCodec, String formatName) {
        this(width, height, fps, durationSeconds, videoCodec, hasAudio, audioCodec, formatName,
                hasAudio ? List.of(new AudioStream(1, null, null, 2, true, false, false)) : List.of(), List.of());
    }

    /** The display aspect ratio as FFmpeg's {@code setdar} filter expects it, e.g. {@code 1280/720}. */
    public String displayAspectRatio() {
        return width + "/" + height;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%dx%d %.3f fps %s, %s, %.2f s (%s)", width, height, fps, videoCodec,
                hasAudio ? "audio " + audioCodec : "no audio", durationSeconds, formatName);
    }
}
