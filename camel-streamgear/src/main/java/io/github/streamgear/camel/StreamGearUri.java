package io.github.streamgear.camel;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

import io.github.streamgear.engine.frames.PixelFormat;
import io.github.streamgear.engine.ladder.Rendition;
import io.github.streamgear.engine.settings.HlsSegmentType;
import io.github.streamgear.engine.settings.StreamFormat;

/**
 * A typed builder for {@code streamgear:} URIs, so Java routes need not hand-write query strings:
 *
 * <pre>
 * to(StreamGearUri.endpoint("vod").format(StreamFormat.HLS).outputDir(Path.of("/srv/streams"))
 *         .rendition(640, 360, 800).rendition(426, 240).segmentDuration(4).build())
 * </pre>
 *
 * Values that Camel would not read back as they are (spaces, {@code &}, {@code +}, ...) are wrapped in Camel's
 * {@code RAW(...)}.
 */
public final class StreamGearUri {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._/,@:-]*");

    private final String name;
    private final Map<String, Object> options = new LinkedHashMap<>();
    private final StringBuilder streams = new StringBuilder();

    private StreamGearUri(String name) {
        this.name = name;
    }

    public static StreamGearUri endpoint(String name) {
        return new StreamGearUri(name);
    }

    public StreamGearUri outputDir(Path dir) {
        return option("outputDir", dir.toString());
    }

    public StreamGearUri format(StreamFormat format) {
        return option("format", format.name().toLowerCase(Locale.ROOT));
    }

    public StreamGearUri hlsSegmentType(HlsSegmentType type) {
        return option("hlsSegmentType", type.ffmpegName());
    }

    /** An extra rendition with an estimated bitrate. */
    public StreamGearUri rendition(int width, int height) {
        return rendition(Rendition.of(width, height));
    }

    /** An extra rendition with its video bitrate in kbit/s. */
    public StreamGearUri rendition(int width, int height, int kbps) {
        return rendition(new Rendition(width, height, kbps));
    }

    public StreamGearUri rendition(Rendition rendition) {
        streams.append(streams.isEmpty() ? "" : ",").append(rendition);
        return this;
    }

    public StreamGearUri segmentDuration(double seconds) {
        return option("segmentDuration", seconds);
    }

    /** Frames mode: the size, layout and rate of the frames the route sends. */
    public StreamGearUri frames(int width, int height, PixelFormat format, double framerate) {
        option("frameWidth", width);
        option("frameHeight", height);
        option("pixelFormat", format.ffmpegName());
        return option("inputFramerate", framerate);
    }

    /** Live output with a sliding window of {@code windowSize} listed segments, {@code extraWindowSize} kept after. */
    public StreamGearUri live(int windowSize, int extraWindowSize) {
        option("livestream", true);
        option("windowSize", windowSize);
        return option("extraWindowSize", extraWindowSize);
    }

    public StreamGearUri lowLatency() {
        return option("lowLatency", true);
    }

    /** Any other option by name, e.g. {@code option("preset", "fast")} or {@code option("ffmpeg.tune", "film")}. */
    public StreamGearUri option(String option, Object value) {
        options.put(option, value);
        return this;
    }

    public String build() {
        Map<String, Object> query = new LinkedHashMap<>(options);
        if (!streams.isEmpty()) {
            query.put("streams", streams.toString());
        }
        StringJoiner q = new StringJoiner("&");
        query.forEach((key, value) -> q.add(key + "=" + value(String.valueOf(value))));
        return "streamgear:" + name + (query.isEmpty() ? "" : "?" + q);
    }

    /** Plain when Camel reads it back as is, else Camel's RAW(...) (RAW{...} when the value holds a parenthesis). */
    private static String value(String value) {
        if (SAFE.matcher(value).matches()) {
            return value;
        }
        return value.contains(")") ? "RAW{" + value + "}" : "RAW(" + value + ")";
    }

    @Override
    public String toString() {
        return build();
    }
}
