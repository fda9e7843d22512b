package io.github.streamgear.engine.settings;


/**
 * What the output is cut into and called.
 *
 * @param format          DASH, HLS or CMAF
 * @param hlsSegmentType  container of HLS segments (format HLS only)
 * @param segmentDuration target segment length in seconds; keyframes are forced on every boundary
 * @param manifestName    base name of the MPD and the HLS master playlist
 */
public record Segmenting(StreamFormat format, HlsSegmentType hlsSegmentType, double segmentDuration, String manifestName) {

    public static final String DEFAULT_FORMAT = "dash";
    public static final String DEFAULT_HLS_SEGMENT_TYPE = "mpegts";
    public static final String DEFAULT_SEGMENT_DURATION = "4";
    public static final String DEFAULT_MANIFEST_NAME = "manifest";

    public static final Segmenting DEFAULTS = new Segmenting(StreamFormat.parse(DEFAULT_FORMAT),
            HlsSegmentType.parse(DEFAULT_HLS_SEGMENT_TYPE), Double.parseDouble(DEFAULT_SEGMENT_DURATION),
            DEFAULT_MANIFEST_NAME);

    public Segmenting {
        if (format == null || hlsSegmentType == null) {
            throw new IllegalArgumentException("Options 'format' and 'hlsSegmentType' cannot be empty");
        }
        if (!(segmentDuration >= 0.5)) {
            throw new IllegalArgumentException("Option 'segmentDuration' must be at least 0.5 seconds, got " + segmentDuration);
        }
        if (manifestName == null || !manifestName.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException(
                    "Option 'manifestName' must be a plain file name without extension, got '" + manifestName + "'");
        }
    }

    /** Segment container: MPEG-TS or fMP4 for HLS; always fMP4 for DASH and CMAF. */
    public HlsSegmentType segmentType() {
        return format == StreamFormat.HLS ? hlsSegmentType : HlsSegmentType.FMP4;
    }
}
