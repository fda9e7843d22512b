package io.github.streamgear.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.streamgear.engine.ladder.Rendition;

/**
 * Everything that decides how a job is encoded and segmented. Immutable; build one with {@link #builder()}. The
 * defaults follow StreamGear's (libx264 veryfast, AAC, bits-per-pixel 0.1) with its defects fixed (capped bitrates
 * instead of CRF, one audio encode, keyframes aligned on segment boundaries, 4 s segments).
 */
public final class TranscodeSettings {

    /** Demuxers a local source may be opened with unless {@code allowedDemuxers} says otherwise. */
    public static final String DEFAULT_DEMUXERS = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,mpegts,flv,mpeg,mxf,asf,ogg,"
            + "h264,hevc,m4v,mjpeg,rawvideo,yuv4mpegpipe,wav,mp3,aac";

    private final StreamFormat format;
    private final HlsSegmentType hlsSegmentType;
    private final List<Rendition> extraRenditions;
    private final double bitsPerPixel;
    private final double segmentDuration;
    private final String videoCodec;
    private final String preset;
    private final String audioCodec;
    private final String audioBitrate;
    private final int gop;
    private final List<String> inputOptions;
    private final List<String> outputOptions;
    private final String manifestName;
    private final boolean clearPrevAssets;
    private final Duration timeout;
    private final String allowedProtocols;
    private final String allowedDemuxers;
    private final LiveOptions live;
    private final boolean previewPage;
    private final String previewPlayerUrl;
    private final boolean allowShortOutput;

    private TranscodeSettings(Builder b) {
        this.format = Objects.requireNonNull(b.format, "format");
        this.hlsSegmentType = Objects.requireNonNull(b.hlsSegmentType, "hlsSegmentType");
        this.extraRenditions = List.copyOf(b.extraRenditions);
        this.bitsPerPixel = b.bitsPerPixel;
        this.segmentDuration = b.segmentDuration;
        this.videoCodec = b.videoCodec;
        this.preset = b.preset;
        this.audioCodec = b.audioCodec;
        this.audioBitrate = b.audioBitrate;
        this.gop = b.gop;
        this.inputOptions = List.copyOf(b.inputOptions);
        this.outputOptions = List.copyOf(b.outputOptions);
        this.manifestName = b.manifestName;
        this.clearPrevAssets = b.clearPrevAssets;
        this.timeout = b.timeout;
        this.allowedProtocols = b.allowedProtocols;
        this.allowedDemuxers = b.allowedDemuxers;
        this.live = b.live;
        this.previewPage = b.previewPage;
        this.previewPlayerUrl = b.previewPlayerUrl;
        this.allowShortOutput = b.allowShortOutput;
        if (!(bitsPerPixel > 0)) {
            throw new IllegalArgumentException("Option 'bpp' must be greater than 0, got " + bitsPerPixel);
        }
        if (!(segmentDuration >= 0.5)) {
            throw new IllegalArgumentException("Option 'segmentDuration' must be at least 0.5 seconds, got " + segmentDuration);
        }
        if (gop < 0) {
            throw new IllegalArgumentException("Option 'gop' cannot be negative, got " + gop);
        }
        if (manifestName == null || !manifestName.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException(
                    "Option 'manifestName' must be a plain file name without extension, got '" + manifestName + "'");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public StreamFormat format() {
        return format;
    }

    /** Segment container: MPEG-TS or fMP4 for HLS; always fMP4 for DASH and CMAF. */
    public HlsSegmentType hlsSegmentType() {
        return format == StreamFormat.HLS ? hlsSegmentType : HlsSegmentType.FMP4;
    }

    public List<Rendition> extraRenditions() {
        return extraRenditions;
    }

    public double bitsPerPixel() {
        return bitsPerPixel;
    }

    public double segmentDuration() {
        return segmentDuration;
    }

    public String videoCodec() {
        return videoCodec;
    }

    public String preset() {
        return preset;
    }

    public String audioCodec() {
        return audioCodec;
    }

    public String audioBitrate() {
        return audioBitrate;
    }

    /** Keyframe interval in frames; 0 means two seconds' worth, at most one segment. */
    public int gop() {
        return gop;
    }

    /** Raw FFmpeg options placed before the input, e.g. {@code -hwaccel auto}. */
    public List<String> inputOptions() {
        return inputOptions;
    }

    /** Raw FFmpeg options placed after the generated output options, before the output. */
    public List<String> outputOptions() {
        return outputOptions;
    }

    /** Base name of the DASH manifest and HLS master playlist ({@code manifest} gives {@code manifest.mpd}). */
    public String manifestName() {
        return manifestName;
    }

    public boolean clearPrevAssets() {
        return clearPrevAssets;
    }

    /** Longest a job may run; zero for no limit. */
    public Duration timeout() {
        return timeout;
    }

    /** FFmpeg protocol whitelist for the source; null to derive it from the source (local file: {@code file}). */
    public String allowedProtocols() {
        return allowedProtocols;
    }

    /** FFmpeg demuxer allow-list for the source; {@code all} lifts the restriction (trusted sources only). */
    public String allowedDemuxers() {
        return allowedDemuxers;
    }

    /** The live window, or null for a VOD output (every segment kept and listed, manifest static). */
    public LiveOptions live() {
        return live;
    }

    public boolean isLive() {
        return live != null;
    }

    /** Whether an {@code index.html} that plays the output is written beside it. */
    public boolean previewPage() {
        return previewPage;
    }

    /** The player script the preview page loads; null for the pinned CDN default. */
    public String previewPlayerUrl() {
        return previewPlayerUrl;
    }

    /** Whether a job whose output plays shorter than its source succeeds (with a warning) instead of failing. */
    public boolean allowShortOutput() {
        return allowShortOutput;
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.format = format;
        b.hlsSegmentType = hlsSegmentType;
        b.extraRenditions = new ArrayList<>(extraRenditions);
        b.bitsPerPixel = bitsPerPixel;
        b.segmentDuration = segmentDuration;
        b.videoCodec = videoCodec;
        b.preset = preset;
        b.audioCodec = audioCodec;
        b.audioBitrate = audioBitrate;
        b.gop = gop;
        b.inputOptions = new ArrayList<>(inputOptions);
        b.outputOptions = new ArrayList<>(outputOptions);
        b.manifestName = manifestName;
        b.clearPrevAssets = clearPrevAssets;
        b.timeout = timeout;
        b.allowedProtocols = allowedProtocols;
        b.allowedDemuxers = allowedDemuxers;
        b.live = live;
        b.previewPage = previewPage;
        b.previewPlayerUrl = previewPlayerUrl;
        b.allowShortOutput = allowShortOutput;
        return b;
    }

    /** Builder with StreamGear's defaults (fixed where they were wrong). */
    public static final class Builder {
        private StreamFormat format = StreamFormat.DASH;
        private HlsSegmentType hlsSegmentType = HlsSegmentType.MPEGTS;
        private List<Rendition> extraRenditions = new ArrayList<>();
        private double bitsPerPixel = 0.1;
        private double segmentDuration = 4;
        private String videoCodec = "libx264";
        private String preset = "veryfast";
        private String audioCodec = "aac";
        private String audioBitrate = "128k";
        private int gop;
        private List<String> inputOptions = new ArrayList<>();
        private List<String> outputOptions = new ArrayList<>();
        private String manifestName = "manifest";
        private boolean clearPrevAssets;
        private Duration timeout = Duration.ZERO;
        private String allowedProtocols;
        private String allowedDemuxers = DEFAULT_DEMUXERS;
        private LiveOptions live;
        private boolean previewPage;
        private String previewPlayerUrl;
        private boolean allowShortOutput;

        private Builder() {
        }

        public Builder format(StreamFormat value) {
            format = value;
            return this;
        }

        public Builder hlsSegmentType(HlsSegmentType value) {
            hlsSegmentType = value;
            return this;
        }

        public Builder extraRenditions(List<Rendition> value) {
            extraRenditions = new ArrayList<>(value);
            return this;
        }

        public Builder bitsPerPixel(double value) {
            bitsPerPixel = value;
            return this;
        }

        public Builder segmentDuration(double seconds) {
            segmentDuration = seconds;
            return this;
        }

        public Builder videoCodec(String value) {
            videoCodec = value;
            return this;
        }

        public Builder preset(String value) {
            preset = value;
            return this;
        }

        public Builder audioCodec(String value) {
            audioCodec = value;
            return this;
        }

        public Builder audioBitrate(String value) {
            audioBitrate = value;
            return this;
        }

        public Builder gop(int frames) {
            gop = frames;
            return this;
        }

        public Builder inputOptions(List<String> value) {
            inputOptions = new ArrayList<>(value);
            return this;
        }

        public Builder outputOptions(List<String> value) {
            outputOptions = new ArrayList<>(value);
            return this;
        }

        public Builder manifestName(String value) {
            manifestName = value;
            return this;
        }

        public Builder clearPrevAssets(boolean value) {
            clearPrevAssets = value;
            return this;
        }

        public Builder timeout(Duration value) {
            timeout = value == null ? Duration.ZERO : value;
            return this;
        }

        public Builder allowedProtocols(String value) {
            allowedProtocols = value;
            return this;
        }

        public Builder allowedDemuxers(String value) {
            allowedDemuxers = value;
            return this;
        }

        /** Live output with this window; null for VOD. */
        public Builder live(LiveOptions value) {
            live = value;
            return this;
        }

        public Builder previewPage(boolean write, String playerUrl) {
            previewPage = write;
            previewPlayerUrl = playerUrl;
            return this;
        }

        public Builder allowShortOutput(boolean value) {
            allowShortOutput = value;
            return this;
        }

        public TranscodeSettings build() {
            return new TranscodeSettings(this);
        }
    }
}
