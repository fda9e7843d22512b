package io.github.streamgear.engine.probe;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.streamgear.engine.Credentials;
import io.github.streamgear.engine.StreamGearException;
import io.github.streamgear.engine.ffmpeg.FfmpegBinaries;
import io.github.streamgear.engine.ffmpeg.FfmpegRunner;
import io.github.streamgear.engine.ffmpeg.ProcessResult;

/** Reads a source's streams with {@code ffprobe -print_format json}, never by scraping FFmpeg's log. */
public final class MediaProbe {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);
    /** Reading every packet of a long film takes longer than the probe. */
    private static final Duration PACKETS_TIMEOUT = Duration.ofMinutes(10);

    private final FfmpegBinaries binaries;
    private final FfmpegRunner runner;

    public MediaProbe(FfmpegBinaries binaries, FfmpegRunner runner) {
        this.binaries = binaries;
        this.runner = runner;
    }

    /**
     * @param inputOptions options placed before the input (protocol and demuxer allow-lists)
     * @param source       local path or URL
     */
    public MediaInfo probe(List<String> inputOptions, String source) {
        ProcessResult result = ffprobe(List.of("-show_format", "-show_streams"), inputOptions, source);
        if (result.exitCode() != 0 || result.stdout().isBlank()) {
            throw new StreamGearException("ffprobe could not read the source '" + Credentials.mask(source) + "': it is missing, not a "
                    + "video, or its container is not allowed", null, result.logTail());
        }
        try {
            return parse(JsonTree.read(result.stdout()), source);
        } catch (IOException e) {
            throw new StreamGearException("ffprobe wrote output that is not JSON for '" + Credentials.mask(source) + "'", e);
        }
    }

    /**
     * The first audio stream of {@code source} (an external audio track); fails naming the source if it has none.
     */
    public AudioStream requireAudio(List<String> inputOptions, String source) {
        ProcessResult result = ffprobe(List.of("-show_streams", "-select_streams", "a"), inputOptions, source);
        try {
            JsonNode streams = JsonTree.read(result.stdout()).path("streams");
            if (result.exitCode() == 0 && streams.size() > 0) {
                JsonNode a = streams.get(0);
                return new AudioStream(a.path("index").asInt(), tag(a, "language"), tag(a, "title"), a.path("channels").asInt(0),
                        true, false, false);
            }
        } catch (IOException e) {
            // reported below
        }
        throw new StreamGearException("The audio source '" + Credentials.mask(source) + "' is missing or has no audio stream (option audio)",
                null, result.logTail());
    }

    /**
     * The codec of the first subtitle stream of a side-car subtitle file, or null when ffprobe finds none (not a
     * subtitle file, or an unreadable one).
     */
    public String subtitleCodec(List<String> inputOptions, String file) {
        ProcessResult result = ffprobe(List.of("-show_streams", "-select_streams", "s"), inputOptions, file);
        try {
            JsonNode streams = JsonTree.read(result.stdout()).path("streams");
            return result.exitCode() == 0 && streams.size() > 0 ? streams.get(0).path("codec_name").asText(null) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Starts reading the first video stream's profile, pixel format, bitrate and keyframe times, and returns at once, so
     * that the read runs beside the stream probe whose answer decides whether it is needed; the caller awaits it or
     * closes it unread, which ends the ffprobe run. Packets only, nothing decoded (the demuxer reads the whole file once:
     * about a second per hour of video). One ffprobe run prints the packets, then the stream's and the container's
     * entries, one {@code section|key=value|...} line each: a process start is a visible share of a copy job.
     */
    public KeyframeRead startKeyframes(List<String> inputOptions, String source) {
        return new KeyframeRead(runner.start(keyframesArgv(inputOptions, source), null, PACKETS_TIMEOUT, null, false),
                source);
    }

    static VideoKeyframes keyframes(ProcessResult result, String source) {
        if (result.exitCode() != 0) {
            throw new StreamGearException("ffprobe could not read the video packets of '" + Credentials.mask(source) + "'",
                    null, result.logTail());
        }
        try {
            Map<String, String> stream = Map.of();
            Map<String, String> format = Map.of();
            List<double[]> packets = new ArrayList<>(); // pts, duration, keyframe (1 or 0)
            for (String line : result.stdout().split("\n")) {
                Map<String, String> entries = entries(line);
                switch (line.substring(0, Math.max(0, line.indexOf('|')))) {
                    case "packet" -> {
                        String pts = entries.getOrDefault("pts_time", "N/A");
                        if (!pts.isEmpty() && !pts.equals("N/A")) {
                            String d = entries.getOrDefault("duration_time", "N/A");
                            packets.add(new double[] {Double.parseDouble(pts), d.isEmpty() || d.equals("N/A") ? 0
                                    : Double.parseDouble(d), entries.getOrDefault("flags", "").startsWith("K") ? 1 : 0});
                        }
                    }
                    case "stream" -> stream = entries;
                    case "format" -> format = entries;
                    default -> { }
                }
            }
            double start = number(format.get("start_time"));
            long bps = (long) number(stream.get("bit_rate"));
            if (bps <= 0) {
                bps = (long) number(format.get("bit_rate"));
            }
            List<Double> keyframes = new ArrayList<>();
            double end = 0;
            double last = Double.NaN;
            for (double[] p : packets) {
                double pts = p[0] - start;
                end = Math.max(end, pts + p[1]);
                if (p[2] == 1 && (Double.isNaN(last) || pts > last)) {
                    keyframes.add(pts);
                    last = pts;
                }
            }
            return new VideoKeyframes(stream.getOrDefault("profile", ""), stream.getOrDefault("pix_fmt", ""), bps / 1000,
                    keyframes, end);
        } catch (NumberFormatException e) {
            throw new StreamGearException("ffprobe wrote video packets that cannot be read for '"
                    + Credentials.mask(source) + "'", e);
        }
    }

    /** {@code packet|pts_time=0.033|flags=__} as its entries; a value is what follows the first {@code =}. */
    private static Map<String, String> entries(String line) {
        Map<String, String> entries = new HashMap<>();
        String[] f = line.trim().split("\\|");
        for (int i = 1; i < f.length; i++) {
            int eq = f[i].indexOf('=');
            if (eq > 0) {
                entries.put(f[i].substring(0, eq), f[i].substring(eq + 1));
            }
        }
        return entries;
    }

    /** A number ffprobe printed, 0 when absent or {@code N/A}. */
    private static double number(String value) {
        return value == null || value.isEmpty() || value.equals("N/A") ? 0 : Double.parseDouble(value);
    }

    private List<String> keyframesArgv(List<String> inputOptions, String source) {
        List<String> argv = new ArrayList<>(List.of(binaries.ffprobe().toString(), "-v", "error", "-select_streams", "v:0",
                "-show_entries", "packet=pts_time,duration_time,flags:stream=profile,pix_fmt,bit_rate:format=start_time,"
                + "bit_rate", "-of", "compact=p=1:nk=0"));
        argv.addAll(inputOptions);
        argv.add("-i");
        argv.add(source);
        return argv;
    }

    /** The allow-lists in {@code inputOptions} go before {@code -i}, as for FFmpeg: a probe opens no more than it. */
    private ProcessResult ffprobe(List<String> what, List<String> inputOptions, String source) {
        List<String> argv = new ArrayList<>(List.of(binaries.ffprobe().toString(), "-v", "error", "-print_format", "json"));
        argv.addAll(what);
        argv.addAll(inputOptions);
        argv.add("-i");
        argv.add(source);
        return runner.run(argv, PROBE_TIMEOUT, null);
    }

    static MediaInfo parse(JsonNode root, String source) {
        JsonNode video = null;
        JsonNode audio = null;
        List<AudioStream> audioStreams = new ArrayList<>();
        List<SubtitleStream> subtitleStreams = new ArrayList<>();
        for (JsonNode stream : root.path("streams")) {
            String type = stream.path("codec_type").asText();
            JsonNode disposition = stream.path("disposition");
            boolean attachedPicture = disposition.path("attached_pic").asInt() == 1;
            if (video == null && "video".equals(type) && !attachedPicture) {
                video = stream;
            } else if ("audio".equals(type)) {
                if (audio == null) {
                    audio = stream;
                }
                audioStreams.add(new AudioStream(stream.path("index").asInt(), tag(stream, "language"), tag(stream, "title"),
                        stream.path("channels").asInt(0), disposition.path("default").asInt() == 1,
                        disposition.path("comment").asInt() == 1, disposition.path("visual_impaired").asInt() == 1,
                        coding(stream)));
            } else if ("subtitle".equals(type)) {
                subtitleStreams.add(new SubtitleStream(stream.path("index").asInt(), stream.path("codec_name").asText(),
                        tag(stream, "language"), tag(stream, "title"), disposition.path("forced").asInt() == 1,
                        disposition.path("default").asInt() == 1));
            }
        }
        if (video == null || video.path("width").asInt() <= 0) {
            throw new StreamGearException("The source '" + Credentials.mask(source) + "' is not a video: ffprobe found no video stream in it");
        }
        int width = video.path("width").asInt();
        int height = video.path("height").asInt();
        width = displayWidth(video, width);
        if (isQuarterTurn(video)) {
            int swap = width;
            width = height;
            height = swap;
        }
        double fps = rate(video.path("avg_frame_rate").asText());
        if (!(fps > 0) || fps > 1000) {
            fps = rate(video.path("r_frame_rate").asText());
        }
        if (!(fps > 0) || fps > 1000) {
            throw new StreamGearException("The source '" + Credentials.mask(source) + "' has no usable frame rate");
        }
        JsonNode format = root.path("format");
        double duration = format.path("duration").asDouble(video.path("duration").asDouble(0));
        return new MediaInfo(width, height, fps, duration, video.path("codec_name").asText(), audio != null,
                audio == null ? null : audio.path("codec_name").asText(), format.path("format_name").asText(), audioStreams,
                subtitleStreams, video.path("profile").asText(""), video.path("pix_fmt").asText(""),
                video.path("bit_rate").asLong(0) / 1000);
    }

    /** The codec, profile, rate, layout and bitrate of an audio stream, for copying it. */
    private static AudioStream.Coding coding(JsonNode stream) {
        long bps = stream.path("bit_rate").asLong(0);
        if (bps <= 0) { // Matroska keeps it as a statistics tag that mkvmerge writes
            bps = stream.path("tags").path("BPS").asLong(stream.path("tags").path("BPS-eng").asLong(0));
        }
        return new AudioStream.Coding(stream.path("codec_name").asText(""), stream.path("profile").asText(""),
                stream.path("sample_rate").asInt(0), stream.path("channel_layout").asText(""), bps / 1000);
    }

    /** A stream tag, null when absent or blank; Matroska's {@code und} (undetermined) language counts as absent. */
    private static String tag(JsonNode stream, String name) {
        String value = stream.path("tags").path(name).asText("").trim();
        if (value.isEmpty() || ("language".equals(name) && value.equalsIgnoreCase("und"))) {
            return null;
        }
        return value;
    }

    /** Anamorphic sources: the displayed width is the coded width times the sample aspect ratio. */
    private static int displayWidth(JsonNode video, int codedWidth) {
        String sar = video.path("sample_aspect_ratio").asText("1:1");
        String[] parts = sar.split(":");
        if (parts.length == 2) {
            try {
                double num = Double.parseDouble(parts[0]);
                double den = Double.parseDouble(parts[1]);
                if (num > 0 && den > 0 && num != den) {
                    return (int) Math.round(codedWidth * num / den);
                }
            } catch (NumberFormatException ignored) {
                // keep the coded width
            }
        }
        return codedWidth;
    }

    /** Phone videos store portrait frames as landscape plus a 90 degree rotation that FFmpeg applies when decoding. */
    private static boolean isQuarterTurn(JsonNode video) {
        int rotation = video.path("tags").path("rotate").asInt(0);
        for (JsonNode side : video.path("side_data_list")) {
            if (side.has("rotation")) {
                rotation = side.path("rotation").asInt();
            }
        }
        return Math.abs(rotation) % 180 == 90;
    }

    static double rate(String fraction) {
        if (fraction == null || fraction.isBlank()) {
            return 0;
        }
        String[] parts = fraction.split("/");
        try {
            double num = Double.parseDouble(parts[0]);
            double den = parts.length > 1 ? Double.parseDouble(parts[1]) : 1;
            return den == 0 ? 0 : num / den;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
