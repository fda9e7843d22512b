package io.github.streamgear.examples.scaleout;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A transcoding job as it travels on the broker, version 1 (docs/scaling.md):
 *
 * <pre>{@code
 * {"version":1,"jobId":"talk-5f2c0e9b1a3d",
 *  "source":{"s3Key":"sources/9f86d0...e4.mp4"},
 *  "options":{"format":"cmaf","streams":"640x360,426x240","segmentDuration":4,"preset":"veryfast"},
 *  "destination":{"bucket":"media","prefix":"streams/"}}
 * }</pre>
 *
 * Every value is checked by {@link #parse} before it reaches a URI, a path or a key: a job message comes from the
 * network and must not be able to pick FFmpeg options, local files or other jobs' keys.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobMessage(Integer version, String jobId, Source source, Options options, Destination destination) {

    public static final int VERSION = 1;

    /** Where the source is: an S3 object (in the destination bucket unless {@code bucket} is given), or a file in a folder every worker mounts. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String bucket, String s3Key, String path) {
    }

    /** The streamgear: endpoint options a job may choose; everything else is the worker's configuration. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Options(String format, String streams, Double segmentDuration, String preset, String hlsSegmentType) {
    }

    /** The bucket and key prefix the streams are published under: PREFIX + JOB + "/" + file. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Destination(String bucket, String prefix) {
    }

    // Version 1 readers ignore fields they do not know: adding an optional field keeps version 1; a change that an
    // old worker would misunderstand gets a new version, which old workers refuse (and dead-letter) instead.
    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern STREAMS = Pattern.compile("(\\d{2,5}x\\d{2,5}(@\\d{1,6}k)?)(,\\d{2,5}x\\d{2,5}(@\\d{1,6}k)?){0,9}");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9!_.*'()/-]{1,1024}");
    private static final Pattern PREFIX = Pattern.compile("([A-Za-z0-9!_.*'()-]+/)*");
    private static final Set<String> FORMATS = Set.of("dash", "hls", "cmaf");
    private static final Set<String> PRESETS = Set.of("ultrafast", "superfast", "veryfast", "faster", "fast", "medium",
            "slow", "slower", "veryslow");
    private static final Set<String> HLS_SEGMENT_TYPES = Set.of("mpegts", "fmp4");

    /** Reads and checks a job message; any problem is an {@link InvalidJobException} naming the field. */
    public static JobMessage parse(String json) {
        JobMessage job;
        try {
            job = JSON.readValue(json, JobMessage.class);
        } catch (JsonProcessingException e) {
            throw new InvalidJobException("Not a job message: " + e.getOriginalMessage());
        }
        if (job == null) {
            throw new InvalidJobException("Not a job message: empty");
        }
        return job.validate();
    }

    /** The job id of a message that may be invalid, for reporting it: its jobId field if it is a string, else "unknown". */
    public static String jobIdOf(String json) {
        try {
            com.fasterxml.jackson.databind.JsonNode id = json == null ? null : JSON.readTree(json).get("jobId");
            return id != null && id.isTextual() ? id.asText() : "unknown";
        } catch (JsonProcessingException | RuntimeException e) {
            return "unknown";
        }
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    JobMessage validate() {
        if (version == null || version != VERSION) {
            throw new InvalidJobException("Unsupported job message version " + version + " (this worker reads " + VERSION + ")");
        }
        require(jobId != null && JOB_ID.matcher(jobId).matches(), "jobId", jobId);
        require(source != null, "source", null);
        require(source.s3Key() == null ^ source.path() == null, "source (exactly one of s3Key and path)", source);
        require(source.bucket() == null || BUCKET.matcher(source.bucket()).matches(), "source.bucket", source.bucket());
        if (source.s3Key() != null) {
            require(KEY.matcher(source.s3Key()).matches() && !source.s3Key().startsWith("/")
                    && !source.s3Key().contains(".."), "source.s3Key", source.s3Key());
        } else {
            require(Path.of(source.path()).isAbsolute() && !source.path().contains(".."), "source.path (absolute)", source.path());
        }
        require(options != null, "options", null);
        require(options.format() != null && FORMATS.contains(options.format().toLowerCase(Locale.ROOT)), "options.format",
                options.format());
        require(options.streams() == null || options.streams().isEmpty() || STREAMS.matcher(options.streams()).matches(),
                "options.streams", options.streams());
        require(options.segmentDuration() == null
                || (options.segmentDuration() >= 1 && options.segmentDuration() <= 30), "options.segmentDuration (1..30)",
                options.segmentDuration());
        require(options.preset() == null || PRESETS.contains(options.preset()), "options.preset", options.preset());
        require(options.hlsSegmentType() == null || HLS_SEGMENT_TYPES.contains(options.hlsSegmentType()),
                "options.hlsSegmentType", options.hlsSegmentType());
        require(destination != null && destination.bucket() != null && BUCKET.matcher(destination.bucket()).matches(),
                "destination.bucket", destination == null ? null : destination.bucket());
        require(destination.prefix() == null || (PREFIX.matcher(destination.prefix()).matches()
                && !destination.prefix().contains("..")), "destination.prefix (empty or ending with /)", destination.prefix());
        return this;
    }

    /** The key prefix of this job's files in the destination bucket, e.g. {@code streams/talk-5f2c0e9b1a3d/}. */
    public String outputPrefix() {
        return (destination.prefix() == null ? "" : destination.prefix()) + jobId + "/";
    }

    /** The bucket the source object is in. */
    public String sourceBucket() {
        return source.bucket() != null ? source.bucket() : destination.bucket();
    }

    /** The options of the streamgear: endpoint for this job (values already checked). */
    public String endpointOptions() {
        StringBuilder uri = new StringBuilder("format=").append(options.format().toLowerCase(Locale.ROOT));
        if (options.streams() != null && !options.streams().isEmpty()) {
            uri.append("&streams=").append(options.streams());
        }
        if (options.segmentDuration() != null) {
            uri.append("&segmentDuration=").append(options.segmentDuration());
        }
        if (options.preset() != null) {
            uri.append("&preset=").append(options.preset());
        }
        if (options.hlsSegmentType() != null) {
            uri.append("&hlsSegmentType=").append(options.hlsSegmentType());
        }
        return uri.toString();
    }

    private static void require(boolean ok, String field, Object value) {
        if (!ok) {
            throw new InvalidJobException("Invalid job message: " + field + (value == null ? " is missing" : " = " + value));
        }
    }
}
