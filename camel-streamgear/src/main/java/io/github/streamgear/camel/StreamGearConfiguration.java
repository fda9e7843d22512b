package io.github.streamgear.camel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.streamgear.engine.HlsSegmentType;
import io.github.streamgear.engine.StreamFormat;
import io.github.streamgear.engine.TranscodeSettings;
import io.github.streamgear.engine.ladder.Rendition;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/** The options of a {@code streamgear:} endpoint; {@link #toSettings()} turns them into the engine's settings. */
@UriParams
public class StreamGearConfiguration implements Cloneable {

    @UriParam(defaultValue = "dash", enums = "dash,hls,cmaf",
              description = "Streaming format: dash (an MPD with fMP4 segments), hls (a master playlist with media playlists,"
                            + " MPEG-TS or fMP4 segments) or cmaf (one encode into fMP4 segments, with both an MPD and an HLS"
                            + " master playlist).")
    private String format = "dash";

    @UriParam
    @Metadata(required = true, description = "Folder the jobs write into; each job gets its own sub-folder named by its"
                                             + " job id. Created if missing.")
    private String outputDir;

    @UriParam(description = "Extra renditions besides the primary one at source resolution, comma-separated"
                            + " WIDTHxHEIGHT[@BITRATE], e.g. 640x360@800k,426x240. A missing bitrate is estimated from bpp."
                            + " Each rendition is fitted inside its size keeping the source aspect ratio; renditions larger"
                            + " than the source are dropped with a warning.")
    private String streams;

    @UriParam(label = "advanced",
              description = "Extra renditions as Java objects (a List of io.github.streamgear.engine.ladder.Rendition, e.g."
                            + " a #bean reference); used instead of streams when set.")
    private List<Rendition> renditions;

    @UriParam(defaultValue = "4", description = "Target segment duration in seconds. Keyframes are forced on every segment"
                                                + " boundary so that all renditions switch cleanly.")
    private double segmentDuration = 4;

    @UriParam(defaultValue = "mpegts", enums = "mpegts,fmp4",
              description = "Container of HLS segments (format hls only; dash and cmaf always use fMP4).")
    private String hlsSegmentType = "mpegts";

    @UriParam(defaultValue = "manifest",
              description = "Base name of the DASH manifest and the HLS master playlist (manifest.mpd, manifest.m3u8).")
    private String manifestName = "manifest";

    @UriParam(description = "Source file path or URL to transcode when the message does not carry one (header"
                            + " CamelStreamGearVideoSource and the message body take precedence).")
    private String videoSource;

    @UriParam(description = "Delete the streaming assets (manifests, playlists, segments of any format) an earlier run left"
                            + " in the job folder before transcoding.")
    private boolean clearPrevAssets;

    @UriParam(label = "encoding", defaultValue = "0.1",
              description = "Bits per pixel used to estimate a rendition's bitrate when none is given:"
                            + " width * height * fps * bpp / 1000 kbit/s.")
    private double bpp = 0.1;

    @UriParam(label = "encoding", defaultValue = "libx264", description = "FFmpeg video encoder.")
    private String videoCodec = "libx264";

    @UriParam(label = "encoding", defaultValue = "veryfast",
              description = "Encoder preset (libx264/libx265 only): ultrafast ... veryslow.")
    private String preset = "veryfast";

    @UriParam(label = "encoding", defaultValue = "aac", description = "FFmpeg audio encoder.")
    private String audioCodec = "aac";

    @UriParam(label = "encoding", defaultValue = "128k", description = "Audio bitrate; the audio is encoded once and shared by"
                                                                       + " all renditions.")
    private String audioBitrate = "128k";

    @UriParam(label = "encoding", defaultValue = "0",
              description = "Keyframe interval in frames; 0 picks two seconds' worth, at most one segment.")
    private int gop;

    @UriParam(label = "encoding", prefix = "ffmpeg.", multiValue = true,
              description = "Extra FFmpeg output options, e.g. ffmpeg.tune=film gives -tune film (an empty value gives a bare"
                            + " flag). They come after the generated options, so they can override them.")
    private Map<String, Object> ffmpegOptions = new LinkedHashMap<>();

    @UriParam(label = "encoding", prefix = "input.", multiValue = true,
              description = "Extra FFmpeg input options placed before -i, e.g. input.hwaccel=auto gives -hwaccel auto.")
    private Map<String, Object> inputOptions = new LinkedHashMap<>();

    @UriParam(label = "security",
              description = "FFmpeg protocol whitelist for the source. By default only what the source needs: file for local"
                            + " files, https,tls,tcp for an https URL, and so on.")
    private String allowedProtocols;

    @UriParam(label = "security", defaultValue = TranscodeSettings.DEFAULT_DEMUXERS,
              description = "FFmpeg demuxers the source may be opened with. The default allows plain media containers only,"
                            + " so that a crafted upload (an HLS playlist or concat list named .mp4) cannot make FFmpeg"
                            + " read other files. Set to all for trusted sources that need more (e.g. an HLS URL).")
    private String allowedDemuxers = TranscodeSettings.DEFAULT_DEMUXERS;

    @UriParam(label = "advanced", javaType = "java.time.Duration", defaultValue = "0",
              description = "Longest a job may run before FFmpeg is stopped and the exchange fails; 0 for no limit.")
    private long timeout;

    @UriParam(label = "advanced", javaType = "java.time.Duration", defaultValue = "10000",
              description = "How often a running job logs its progress; 0 turns progress lines off.")
    private long progressInterval = 10_000;

    @UriParam(label = "advanced",
              description = "FFmpeg executable, or the folder that holds it. By default ffmpeg on the PATH, then the bundled"
                            + " org.bytedeco:ffmpeg jar if it is on the classpath.")
    private String ffmpegPath;

    @UriParam(label = "advanced", description = "ffprobe executable, or the folder that holds it. By default the ffprobe beside"
                                                + " FFmpeg, then the PATH, then the bundled jar.")
    private String ffprobePath;

    /** Builds the engine settings, validating every option; a bad option fails with a message that names it. */
    public TranscodeSettings toSettings() {
        List<Rendition> extra = renditions != null ? renditions : Rendition.parseList(streams);
        return TranscodeSettings.builder()
                .format(StreamFormat.parse(format))
                .hlsSegmentType(HlsSegmentType.parse(hlsSegmentType))
                .extraRenditions(extra)
                .bitsPerPixel(bpp)
                .segmentDuration(segmentDuration)
                .videoCodec(videoCodec)
                .preset(preset)
                .audioCodec(audioCodec)
                .audioBitrate(audioBitrate)
                .gop(gop)
                .inputOptions(toArguments(inputOptions))
                .outputOptions(toArguments(ffmpegOptions))
                .manifestName(manifestName)
                .clearPrevAssets(clearPrevAssets)
                .timeout(Duration.ofMillis(timeout))
                .allowedProtocols(allowedProtocols)
                .allowedDemuxers(allowedDemuxers)
                .build();
    }

    /** {@code {tune=film, an=}} becomes {@code -tune film -an}. */
    static List<String> toArguments(Map<String, Object> options) {
        List<String> args = new ArrayList<>();
        options.forEach((key, value) -> {
            args.add(key.startsWith("-") ? key : "-" + key);
            String v = value == null ? "" : value.toString();
            if (!v.isEmpty()) {
                args.add(v);
            }
        });
        return args;
    }

    public StreamGearConfiguration copy() {
        try {
            StreamGearConfiguration copy = (StreamGearConfiguration) clone();
            copy.ffmpegOptions = new LinkedHashMap<>(ffmpegOptions);
            copy.inputOptions = new LinkedHashMap<>(inputOptions);
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    public String getFormat() {
        return format;
    }

    public void setFormat(String format) {
        this.format = format;
    }

    public String getOutputDir() {
        return outputDir;
    }

    public void setOutputDir(String outputDir) {
        this.outputDir = outputDir;
    }

    public String getStreams() {
        return streams;
    }

    public void setStreams(String streams) {
        this.streams = streams;
    }

    public List<Rendition> getRenditions() {
        return renditions;
    }

    public void setRenditions(List<Rendition> renditions) {
        this.renditions = renditions;
    }

    public double getSegmentDuration() {
        return segmentDuration;
    }

    public void setSegmentDuration(double segmentDuration) {
        this.segmentDuration = segmentDuration;
    }

    public String getHlsSegmentType() {
        return hlsSegmentType;
    }

    public void setHlsSegmentType(String hlsSegmentType) {
        this.hlsSegmentType = hlsSegmentType;
    }

    public String getManifestName() {
        return manifestName;
    }

    public void setManifestName(String manifestName) {
        this.manifestName = manifestName;
    }

    public String getVideoSource() {
        return videoSource;
    }

    public void setVideoSource(String videoSource) {
        this.videoSource = videoSource;
    }

    public boolean isClearPrevAssets() {
        return clearPrevAssets;
    }

    public void setClearPrevAssets(boolean clearPrevAssets) {
        this.clearPrevAssets = clearPrevAssets;
    }

    public double getBpp() {
        return bpp;
    }

    public void setBpp(double bpp) {
        this.bpp = bpp;
    }

    public String getVideoCodec() {
        return videoCodec;
    }

    public void setVideoCodec(String videoCodec) {
        this.videoCodec = videoCodec;
    }

    public String getPreset() {
        return preset;
    }

    public void setPreset(String preset) {
        this.preset = preset;
    }

    public String getAudioCodec() {
        return audioCodec;
    }

    public void setAudioCodec(String audioCodec) {
        this.audioCodec = audioCodec;
    }

    public String getAudioBitrate() {
        return audioBitrate;
    }

    public void setAudioBitrate(String audioBitrate) {
        this.audioBitrate = audioBitrate;
    }

    public int getGop() {
        return gop;
    }

    public void setGop(int gop) {
        this.gop = gop;
    }

    public Map<String, Object> getFfmpegOptions() {
        return ffmpegOptions;
    }

    public void setFfmpegOptions(Map<String, Object> ffmpegOptions) {
        this.ffmpegOptions = new LinkedHashMap<>(ffmpegOptions);
    }

    public Map<String, Object> getInputOptions() {
        return inputOptions;
    }

    public void setInputOptions(Map<String, Object> inputOptions) {
        this.inputOptions = new LinkedHashMap<>(inputOptions);
    }

    public String getAllowedProtocols() {
        return allowedProtocols;
    }

    public void setAllowedProtocols(String allowedProtocols) {
        this.allowedProtocols = allowedProtocols;
    }

    public String getAllowedDemuxers() {
        return allowedDemuxers;
    }

    public void setAllowedDemuxers(String allowedDemuxers) {
        this.allowedDemuxers = allowedDemuxers;
    }

    public long getTimeout() {
        return timeout;
    }

    public void setTimeout(long timeout) {
        this.timeout = timeout;
    }

    public long getProgressInterval() {
        return progressInterval;
    }

    public void setProgressInterval(long progressInterval) {
        this.progressInterval = progressInterval;
    }

    public String getFfmpegPath() {
        return ffmpegPath;
    }

    public void setFfmpegPath(String ffmpegPath) {
        this.ffmpegPath = ffmpegPath;
    }

    public String getFfprobePath() {
        return ffprobePath;
    }

    public void setFfprobePath(String ffprobePath) {
        this.ffprobePath = ffprobePath;
    }
}
