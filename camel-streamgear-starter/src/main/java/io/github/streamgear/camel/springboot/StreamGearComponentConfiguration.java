package io.github.streamgear.camel.springboot;

import io.github.streamgear.camel.StreamGearConfiguration;
import io.github.streamgear.camel.StreamGearEvents;
import io.github.streamgear.camel.StreamGearMode;
import io.github.streamgear.engine.frames.PixelFormat;
import io.github.streamgear.engine.ladder.Rendition;
import io.github.streamgear.engine.protection.KeyProvider;
import io.github.streamgear.engine.settings.CopyPrimary;
import io.github.streamgear.engine.settings.Encryption;
import io.github.streamgear.engine.settings.RateControl;
import io.github.streamgear.engine.settings.HlsSegmentType;
import io.github.streamgear.engine.settings.PreviewPlayer;
import io.github.streamgear.engine.settings.StreamFormat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code camel.component.streamgear.*} properties: one per option of the streamgear component, with the option's
 * description as javadoc (so that it reaches META-INF/spring-configuration-metadata.json) and its default.
 * <p>
 * {@code StreamGearComponentConfigurationTest} fails when this class and the component's options
 * (componentProperties of streamgear.json) differ: a missing or extra option, another type, default or description.
 * <p>
 * Unknown keys under the prefix are refused ({@code ignoreUnknownFields = false}): a misspelt
 * {@code camel.component.streamgear.ffmpeg-pth} stops the application at startup, naming the key, instead of being
 * ignored.
 */
@ConfigurationProperties(prefix = "camel.component.streamgear", ignoreUnknownFields = false)
public class StreamGearComponentConfiguration extends ComponentConfigurationPropertiesCommon {

    /**
     * Whether to enable auto configuration of the streamgear component. This is enabled by default.
     */
    private Boolean enabled;

    /**
     * Delete the streaming assets (manifests, playlists, segments of any format) an earlier run left in the job
     * folder before transcoding.
     */
    private Boolean clearPrevAssets = false;

    /**
     * The options every endpoint starts from (each endpoint gets a copy, which its URI options override), e.g.
     * camel.component.streamgear.ffmpeg-path or .segment-duration.
     */
    private StreamGearConfiguration configuration;

    /**
     * Streaming format: dash (an MPD with fMP4 segments), hls (a master playlist with media playlists, MPEG-TS or
     * fMP4 segments) or cmaf (one encode into fMP4 segments, with both an MPD and an HLS master playlist).
     */
    private StreamFormat format = StreamFormat.DASH;

    /**
     * Container of HLS segments (format hls only; dash and cmaf always use fMP4).
     */
    private HlsSegmentType hlsSegmentType = HlsSegmentType.MPEGTS;

    /**
     * Base name of the DASH manifest and the HLS master playlist (manifest.mpd, manifest.m3u8).
     */
    private String manifestName = "manifest";

    /**
     * How many transcoding jobs may run at once across this component's endpoints; more wait their turn. FFmpeg
     * itself uses several cores per job.
     */
    private Integer maxConcurrentJobs = 2;

    /**
     * Folder the jobs write into; each job gets its own sub-folder named by its job id. Created if missing. Required
     * to produce; a consumer endpoint needs none.
     */
    private String outputDir;

    /**
     * Write scrubbing thumbnails in the same FFmpeg run: JPEG tiles (tile_00001.jpg ..., thumbnailGrid pictures each,
     * one picture every thumbnailInterval seconds), a WebVTT thumbnails track (thumbnails.vtt, for video.js, Plyr,
     * Vidstack), a DASH image adaptation set in the MPD and an HLS image stream in the master playlist
     * (thumbnails.m3u8), read by Shaka Player and dash.js. Live: the track and the HLS image stream follow the sliding
     * window (old tiles deleted); the DASH image set is added to the last MPD only.
     */
    private Boolean thumbnails = false;

    /**
     * Seconds of video between two thumbnails (0.5 to 3600).
     */
    private Double thumbnailInterval = 5.0;

    /**
     * Width of one thumbnail in pixels (16 to 1920, no wider than the largest rendition); the height follows the
     * video's aspect ratio.
     */
    private Integer thumbnailSize = 320;

    /**
     * Thumbnails per tile JPEG, COLUMNSxROWS (at most 100 per tile).
     */
    private String thumbnailGrid = "5x5";

    /**
     * Write poster.jpg, a representative frame (FFmpeg's thumbnail filter over two seconds from 10% of the video, not a
     * black first frame; live: from 3 s in, once) at the size of the largest rendition (at most 1280 wide), in the same
     * FFmpeg run.
     */
    private Boolean poster = false;

    /**
     * Format hls or cmaf: write an I-frame playlist per video variant (iframes_NAME.m3u8: one byte range per keyframe
     * of MPEG-TS segments, per segment of fMP4 ones) and list it in the master playlist (EXT-X-I-FRAME-STREAM-INF), for
     * trick play on Apple players and Shaka Player. Read from the segments once they are written, no extra encode.
     * Live: rewritten with each media playlist version, for its window.
     */
    private Boolean iframePlaylists = false;

    /**
     * Write an index.html beside the output that plays it (hls.js for hls, Shaka Player for dash and cmaf), to open
     * the result from any static web server.
     */
    private Boolean previewPage = false;

    /**
     * Where the preview page loads its player script from. cdn: hls.js 1.7.4 or Shaka Player 5.2.12 from
     * cdn.jsdelivr.net, so the browser needs the internet. copy: the same script, carried in the component jar, is
     * written beside index.html (hls.min.js or shaka-player.compiled.js, an output file like the page, 0.6 or 0.8 MB)
     * and loaded from there, so the page plays from an offline or intranet server.
     */
    private PreviewPlayer previewPlayer = PreviewPlayer.CDN;

    /**
     * Target segment duration in seconds. Keyframes are forced on every segment boundary so that all renditions
     * switch cleanly.
     */
    private Double segmentDuration = 4.0;

    /**
     * Extra renditions besides the primary one at source resolution, comma-separated. Each is a frame size
     * WIDTHxHEIGHT, optionally followed by an at sign and a video bitrate in kbit/s (k) or Mbit/s (M); for example
     * 426x240, or 640x360 with 800k after an at sign. A missing bitrate is estimated from bpp. Each rendition is
     * fitted inside its size keeping the source aspect ratio; renditions larger than the source are dropped with a
     * warning.
     */
    private String streams;

    /**
     * Source file path or URL to transcode when the message does not carry one (header CamelStreamGearVideoSource
     * and the message body take precedence).
     */
    private String videoSource;

    /**
     * Allows for bridging the consumer to the Camel routing Error Handler, which mean any exceptions (if possible)
     * occurred while the Camel consumer is trying to pickup incoming messages, or the likes, will now be processed
     * as a message and handled by the routing Error Handler. Important: This is only possible if the 3rd party
     * component allows Camel to be alerted if an exception was thrown. Some components handle this internally only,
     * and therefore bridgeErrorHandler is not possible. In other situations we may improve the Camel component to
     * hook into the 3rd party component and make this possible for future releases. By default the consumer will use
     * the org.apache.camel.spi.ExceptionHandler to deal with exceptions, that will be logged at WARN or ERROR level
     * and ignored.
     */
    private Boolean bridgeErrorHandler = false;

    /**
     * Consumer: what it receives. files: one message per file completed or removed (manifests, playlists, init
     * segments, segments). progress: one message per progress report of every running job and frame session (every
     * progressInterval of the producing endpoint, and when encoding ends), best effort: when the route is slower,
     * older reports are dropped.
     */
    private StreamGearEvents events = StreamGearEvents.FILES;

    /**
     * Consumer: Cache-Control of segments, init segments and VOD manifests.
     */
    private String immutableCacheControl = "public, max-age=31536000, immutable";

    /**
     * Consumer: prefix of CamelAwsS3Key (the key is the prefix followed by CamelFileName), e.g. streams/.
     */
    private String keyPrefix;

    /**
     * Consumer: Cache-Control of live manifests and playlists; by default public, max-age of about half a segment.
     */
    private String liveManifestCacheControl;

    /**
     * Consumer: most file events waiting for delivery; when full, the producing side waits (the files stay on disk).
     */
    private Integer maxQueueSize = 1000;

    /**
     * Consumer: wait between attempts to deliver a file the route failed on (after its error handler); writes are
     * retried until they succeed so that order is kept. Default 1 s. A bare number is milliseconds; write 30s, 5m or
     * 1h30m for other units.
     */
    private Duration retryDelay = Duration.ofMillis(1000);

    /**
     * Consumer: set CamelAwsS3Operation=deleteObject on delete messages, so that the same aws2-s3 endpoint removes
     * what the live window removed.
     */
    private Boolean s3DeleteOperation = false;

    /**
     * Whether the producer should be started lazy (on the first message). By starting lazy you can use this to allow
     * CamelContext and routes to startup in situations where a producer may otherwise fail during starting and cause
     * the route to fail being started. By deferring this startup to be lazy then the startup failure can be handled
     * during routing messages via Camel's routing error handlers. Beware that when the first message is processed
     * then creating and starting the producer may take a little time and prolong the total processing time of the
     * processing.
     */
    private Boolean lazyStartProducer = false;

    /**
     * Publish a job whose output plays more than 1 s (and 1%) shorter than the source, with a WARN log line and
     * header CamelStreamGearShortOutput=true on the reply, instead of failing it. A source cut short (an upload
     * still being written, a damaged file) decodes without an error up to the damage.
     */
    private Boolean allowShortOutput = false;

    /**
     * Content protection. none: segments in the clear. aes-128: HLS AES-128 (format hls, MPEG-TS segments; VOD, frames
     * sessions and live streams), each segment encrypted whole, the playlists carry EXT-X-KEY with option keyUri. cenc: Common Encryption (AES-CTR) of
     * DASH and CMAF with H.264 video (VOD, frames sessions and live streams, not with lowLatency), the MPD signals it with ContentProtection (cenc:default_KID, and ClearKey
     * with option keyUri as the licence URL); CMAF's HLS playlists are not signalled, so HLS players cannot play them.
     * FFmpeg 5.1 takes a CENC key only on its command line, where local users can read it while the job runs (see
     * docs/content-protection.md). The key comes from option keyProvider; without one a random key is made per job and
     * handed to the route on the reply (headers CamelStreamGearKeyId and CamelStreamGearKey, hex), which must store it
     * in a vault.
     */
    private Encryption encryption = Encryption.NONE;

    /**
     * Encryption: where players get the key, written into the output. aes-128: the key URI of the playlists' EXT-X-KEY.
     * cenc: the ClearKey licence server's URL, in the MPD as dashif:Laurl. The placeholder {kid} is replaced by the key
     * id in hex, {jobId} by the job id; for example https://keys.example/{kid}. Required with encryption unless the key
     * provider returns the URI.
     */
    private String keyUri;

    /**
     * Encryption: where each job gets its key (an io.github.streamgear.engine.protection.KeyProvider, e.g. a #bean
     * reference to a vault or KMS client). Without one a random key is made per job and returned on the reply.
     */
    private KeyProvider keyProvider;

    /**
     * Encryption aes-128 (HLS): a new key every this many segments (FFmpeg's periodic_rekey re-reads the key info file
     * the component rewrites); 0 (the default) keeps one key per job or stream. Each key comes from the keyProvider
     * (its KeyRequest names the key period) or is generated; generated keys are handed to the route on the reply
     * (headers CamelStreamGearKeyIds and CamelStreamGearKeys, comma-separated hex in key order), so in frames mode and
     * for live streams a keyProvider is needed. A key change can land a segment late (or more when FFmpeg runs faster
     * than real time); the playlists' EXT-X-KEY always name the key each segment was encrypted with.
     */
    private Integer keyRotationSegments = 0;

    /**
     * Whether autowiring is enabled. This is used for automatic autowiring options (the option must be marked as
     * autowired) by looking up in the registry to find if there is a single instance of matching type, which then
     * gets configured on the component. This can be used for automatic configuring JDBC data sources, JMS connection
     * factories, AWS Clients, etc.
     */
    private Boolean autowiredEnabled = true;

    /**
     * FFmpeg executable, or the folder that holds it. By default ffmpeg on the PATH, then the bundled
     * org.bytedeco:ffmpeg jar if it is on the classpath.
     */
    private String ffmpegPath;

    /**
     * ffprobe executable, or the folder that holds it. By default the ffprobe beside FFmpeg, then the PATH, then the
     * bundled jar.
     */
    private String ffprobePath;

    /**
     * The player script the preview page loads, e.g. a copy on your own server; by default hls.js 1.7.4 or Shaka
     * Player 5.2.12 from cdn.jsdelivr.net. Not with previewPlayer=copy.
     */
    private String previewPlayerUrl;

    /**
     * How often a running job or frame session reports its progress: an INFO log line, and a message to the
     * consumers with events=progress; 0 turns progress reports off. Default 10 s. A bare number is milliseconds;
     * write 30s, 5m or 1h30m for other units.
     */
    private Duration progressInterval = Duration.ofMillis(10000);

    /**
     * Extra renditions as Java objects (a List of io.github.streamgear.engine.ladder.Rendition, e.g. a #bean
     * reference); used instead of streams when set.
     */
    private List<Rendition> renditions;

    /**
     * Longest a job may run before FFmpeg is stopped and the exchange fails; 0 for no limit. A bare number is
     * milliseconds; write 30s, 5m or 1h30m for other units.
     */
    private Duration timeout = Duration.ofMillis(0);

    /**
     * Audio bitrate; the audio is encoded once and shared by all renditions. With the video copied (videoCodec=copy,
     * copyPrimary=auto), a source AAC-LC track at or below this rate is copied instead of encoded.
     */
    private String audioBitrate = "128k";

    /**
     * Channels of the encoded audio, e.g. 2 to downmix a 5.1 source to the stereo every player and device plays; 0
     * keeps the source's.
     */
    private Integer audioChannels = 0;

    /**
     * Which audio tracks of the source are carried: all, first, none, or a comma-separated list of stream indexes (as
     * ffprobe numbers them, Stream #0:2) and ISO 639 languages (eng,fra or en,fr). Each is encoded once and shared by
     * every video rendition; layouts up to 5.1 are kept (audioChannels=2 downmixes), a 5.1 track gets audioBitrate per
     * channel pair.
     */
    private String audioTracks = "all";

    /**
     * Which text subtitle tracks of the source (SubRip, ASS/SSA, mov_text, WebVTT) are carried, as WebVTT: all, first,
     * none, or a list of stream indexes and languages. Bitmap subtitles (DVD, PGS, DVB) cannot become text: they are
     * skipped with a warning.
     */
    private String subtitleTracks = "all";

    /**
     * Carry the subtitle files next to a source file as well: movie.de.srt (German), movie.srt (language unknown),
     * movie.fr.forced.srt (forced) beside movie.mp4; .srt, .vtt, .ass and .ssa. Others can be given with the
     * CamelStreamGearSubtitles header.
     */
    private Boolean sidecarSubtitles = true;

    /**
     * FFmpeg audio encoder.
     */
    private String audioCodec = "aac";

    /**
     * Bits per pixel used to estimate a rendition's bitrate when none is given: width times height times fps times
     * bpp, divided by 1000, in kbit/s.
     */
    private Double bpp = 0.1;

    /**
     * Extra FFmpeg output options, e.g. ffmpeg.tune=film gives -tune film (an empty value gives a bare flag). They
     * come after the generated options, so they can override them. This is a multi-value option with prefix: ffmpeg.
     */
    private Map<String, Object> ffmpegOptions;

    /**
     * auto makes the primary rendition the source's video stream-copied when the source is fit for it, and encodes
     * the other renditions with their keyframes at the source's, so that segments stay aligned; otherwise every
     * rendition is encoded and one log line says why. Fit: H.264, or HEVC into fMP4; a profile every player decodes;
     * for a VOD job from a local file, keyframes that cut segments within 10% of segmentDuration and a bitrate above
     * every other rung's; for a live source (not a folder channel, not frames mode), its keyframes are trusted as
     * with videoCodec=copy (segments follow them) and the others encoded with -force_key_frames source. never (the
     * default) encodes every rendition: the top rung then has the bitrate asked for, not the source's, whatever the
     * source is.
     */
    private CopyPrimary copyPrimary = CopyPrimary.NEVER;

    /**
     * Keyframe interval in frames; 0 picks two seconds' worth, at most one segment.
     */
    private Integer gop = 0;

    /**
     * Extra FFmpeg input options placed before -i, e.g. input.hwaccel=auto gives -hwaccel auto. This is a
     * multi-value option with prefix: input.
     */
    private Map<String, Object> inputOptions;

    /**
     * How each video rendition's bits are spent. capped-vbr: the rendition's bitrate on average, held to it as a cap
     * (predictable cost, whatever the content). capped-quality: constant quality (x264/x265 CRF, option crf) held to
     * the same cap: easy content spends only what that quality needs (a real camera clip: 40% fewer bits for an SSIM
     * 0.004 lower), hard content is capped as with capped-vbr. VOD manifests advertise what was measured either way; a
     * live stream advertises the cap. libx264 and libx265 only.
     */
    private RateControl rateControl = RateControl.CAPPED_VBR;

    /**
     * rateControl=capped-quality: the constant quality, 1 (best, most bits) to 51; 0 takes the codec's default (19 for
     * libx264, 24 for libx265).
     */
    private Integer crf = 0;

    /**
     * Encoder preset (libx264/libx265 only): ultrafast ... veryslow.
     */
    private String preset = "veryfast";

    /**
     * FFmpeg video encoder, or copy: the source's first video stream is packaged as it is (no re-encoding, segments
     * cut at its own keyframes, so their durations follow the source's keyframe interval), the only video rendition;
     * the audio is copied too when it is fit (VOD, see audioBitrate), else encoded. With a live source (livestream=true)
     * the segments follow the source's keyframes as they come. copy is refused with extra renditions, in frames mode,
     * with a folder channel, and for a codec the format cannot carry (dash: h264, hevc, av1, vp9; hls with fmp4 and
     * cmaf: h264, hevc, av1; hls with mpegts: h264).
     */
    private String videoCodec = "libx264";

    /**
     * Frames mode: an audio file or URL FFmpeg reads and muxes with the frames (encoded once); the stream ends with
     * the frames.
     */
    private String audio;

    /**
     * Frames mode: height of every frame in pixels (header CamelStreamGearFrameHeight on the first frame overrides
     * it).
     */
    private Integer frameHeight;

    /**
     * Frames mode: width of every frame in pixels (header CamelStreamGearFrameWidth on the first frame overrides
     * it).
     */
    private Integer frameWidth;

    /**
     * Frames mode: a session with no frame for this long is ended and finalised; frames for it within this time
     * after its end are refused. 0 disables the idle check. Default 30 s. A bare number is milliseconds; write 30s, 5m
     * or 1h30m for other units.
     */
    private Duration idleTimeout = Duration.ofMillis(30000);

    /**
     * Frames mode: the rate the frames are produced at. It sets their timestamps, so it must be the real rate, or
     * external audio drifts and live segments are early or late.
     */
    private Double inputFramerate = 25.0;

    /**
     * source: each exchange carries a whole video file (the default). frames: each exchange carries one raw frame,
     * piped to FFmpeg's stdin (the default when frameWidth or frameHeight is set). The mode is never guessed from
     * the body.
     */
    private StreamGearMode mode;

    /**
     * Frames mode: pixel layout of the frames (header CamelStreamGearPixelFormat on the first frame overrides it).
     */
    private PixelFormat pixelFormat = PixelFormat.BGR24;

    /**
     * Live: segments kept on disk after they leave the window, then deleted.
     */
    private Integer extraWindowSize = 4;

    /**
     * Publish a live stream with a sliding window (dynamic DASH manifest, live HLS playlists) instead of a VOD that
     * lists every segment. In frames mode the route pushes the frames; otherwise videoSource names a live source
     * (rtsp, srt, rtmp, udp, rtp, an http(s) .m3u8 playlist, or a file played in real time) read by a consumer,
     * from(streamgear:NAME), from route start to route stop.
     */
    private Boolean livestream = false;

    /**
     * Live from a file or a folder (videoSource a file or a folder, livestream=true): play the file, or the folder's
     * files in name order, again and again (a 24/7 channel) instead of once.
     */
    private Boolean liveLoop = false;

    /**
     * Live from a network source: how long the source may send nothing before it counts as lost and is opened again
     * (the stream waits meanwhile, its numbering and timeline go on when the source is back). Default 10 s. A bare
     * number is milliseconds; write 30s, 5m or 1h30m for other units.
     */
    private Duration sourceStallTimeout = Duration.ofMillis(10000);

    /**
     * Live from a network source: how long a lost source is tried again (after 1 s, then 2, 4 ... up to 30 s between
     * attempts) before the stream is finalised, as when the source ends; 0 finalises it at the first loss. Default 5
     * min. A bare number is milliseconds; write 30s, 5m or 1h30m for other units.
     */
    private Duration sourceLostLimit = Duration.ofMillis(300000);

    /**
     * Live from a network source: how long the source may stay lost before the health check (liveness) reports the
     * stream DOWN. Default 30 s. A bare number is milliseconds; write 30s, 5m or 1h30m for other units.
     */
    private Duration sourceLostGrace = Duration.ofMillis(30000);

    /**
     * Live, format dash or cmaf: chunked CMAF (LL-DASH, short fragments written as they are encoded). With format
     * hls FFmpeg offers no partial segments: use short segments (segmentDuration=1) instead.
     */
    private Boolean lowLatency = false;

    /**
     * Live: delete every segment and manifest when the stream ends, instead of leaving a finalised (VOD) stream.
     */
    private Boolean removeAtExit = false;

    /**
     * Live low latency, dash and cmaf: URL of an ISO time source (DASH UTCTiming, http-xsdate) players synchronise
     * their clocks with; with it the manifest also carries the producer reference time and a target latency.
     */
    private String utcTimingUrl;

    /**
     * Live: segments listed in the manifest and playlists.
     */
    private Integer windowSize = 6;

    /**
     * FFmpeg demuxers the source may be opened with. The default allows plain media containers only, so that a
     * crafted upload (an HLS playlist or concat list named .mp4) cannot make FFmpeg read other files. Set to all for
     * trusted sources that need more (e.g. an HLS URL).
     */
    private String allowedDemuxers = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,mpegts,flv,mpeg,mxf,asf,ogg,h264,hevc,m4v,mjpeg,rawvideo,yuv4mpegpipe,wav,mp3,aac";

    /**
     * User name for the source URL in option videoSource (rtsp://, rtmp://, http(s)://...), put into the URL when it
     * is opened; with sourcePassword. Keeps credentials out of videoSource, where Camel shows them unmasked in endpoint
     * URIs over JMX.
     */
    private String sourceUsername;

    /**
     * Password for the source URL in option videoSource, put into the URL when it is opened (with sourceUsername).
     * Camel masks it in endpoint URIs, and the component in every log line, exception, event, health detail and JMX
     * attribute.
     */
    private String sourcePassword;

    /**
     * FFmpeg protocol whitelist for the source. By default only what the source needs: file for local files,
     * https,tls,tcp for an https URL, and so on.
     */
    private String allowedProtocols;

    public Boolean getClearPrevAssets() {
        return clearPrevAssets;
    }

    public void setClearPrevAssets(Boolean clearPrevAssets) {
        this.clearPrevAssets = clearPrevAssets;
    }

    public StreamGearConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(StreamGearConfiguration configuration) {
        this.configuration = configuration;
    }

    public StreamFormat getFormat() {
        return format;
    }

    public void setFormat(StreamFormat format) {
        this.format = format;
    }

    public HlsSegmentType getHlsSegmentType() {
        return hlsSegmentType;
    }

    public void setHlsSegmentType(HlsSegmentType hlsSegmentType) {
        this.hlsSegmentType = hlsSegmentType;
    }

    public String getManifestName() {
        return manifestName;
    }

    public void setManifestName(String manifestName) {
        this.manifestName = manifestName;
    }

    public Integer getMaxConcurrentJobs() {
        return maxConcurrentJobs;
    }

    public void setMaxConcurrentJobs(Integer maxConcurrentJobs) {
        this.maxConcurrentJobs = maxConcurrentJobs;
    }

    public String getOutputDir() {
        return outputDir;
    }

    public void setOutputDir(String outputDir) {
        this.outputDir = outputDir;
    }

    public Boolean getThumbnails() {
        return thumbnails;
    }

    public void setThumbnails(Boolean thumbnails) {
        this.thumbnails = thumbnails;
    }

    public Double getThumbnailInterval() {
        return thumbnailInterval;
    }

    public void setThumbnailInterval(Double thumbnailInterval) {
        this.thumbnailInterval = thumbnailInterval;
    }

    public Integer getThumbnailSize() {
        return thumbnailSize;
    }

    public void setThumbnailSize(Integer thumbnailSize) {
        this.thumbnailSize = thumbnailSize;
    }

    public String getThumbnailGrid() {
        return thumbnailGrid;
    }

    public void setThumbnailGrid(String thumbnailGrid) {
        this.thumbnailGrid = thumbnailGrid;
    }

    public Boolean getPoster() {
        return poster;
    }

    public void setPoster(Boolean poster) {
        this.poster = poster;
    }

    public Boolean getIframePlaylists() {
        return iframePlaylists;
    }

    public void setIframePlaylists(Boolean iframePlaylists) {
        this.iframePlaylists = iframePlaylists;
    }

    public Boolean getPreviewPage() {
        return previewPage;
    }

    public void setPreviewPage(Boolean previewPage) {
        this.previewPage = previewPage;
    }

    public Double getSegmentDuration() {
        return segmentDuration;
    }

    public void setSegmentDuration(Double segmentDuration) {
        this.segmentDuration = segmentDuration;
    }

    public String getStreams() {
        return streams;
    }

    public void setStreams(String streams) {
        this.streams = streams;
    }

    public String getVideoSource() {
        return videoSource;
    }

    public void setVideoSource(String videoSource) {
        this.videoSource = videoSource;
    }

    public Boolean getBridgeErrorHandler() {
        return bridgeErrorHandler;
    }

    public void setBridgeErrorHandler(Boolean bridgeErrorHandler) {
        this.bridgeErrorHandler = bridgeErrorHandler;
    }

    public StreamGearEvents getEvents() {
        return events;
    }

    public void setEvents(StreamGearEvents events) {
        this.events = events;
    }

    public String getImmutableCacheControl() {
        return immutableCacheControl;
    }

    public void setImmutableCacheControl(String immutableCacheControl) {
        this.immutableCacheControl = immutableCacheControl;
    }

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    public String getLiveManifestCacheControl() {
        return liveManifestCacheControl;
    }

    public void setLiveManifestCacheControl(String liveManifestCacheControl) {
        this.liveManifestCacheControl = liveManifestCacheControl;
    }

    public Integer getMaxQueueSize() {
        return maxQueueSize;
    }

    public void setMaxQueueSize(Integer maxQueueSize) {
        this.maxQueueSize = maxQueueSize;
    }

    public Duration getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(Duration retryDelay) {
        this.retryDelay = retryDelay;
    }

    public Boolean getS3DeleteOperation() {
        return s3DeleteOperation;
    }

    public void setS3DeleteOperation(Boolean s3DeleteOperation) {
        this.s3DeleteOperation = s3DeleteOperation;
    }

    public Boolean getLazyStartProducer() {
        return lazyStartProducer;
    }

    public void setLazyStartProducer(Boolean lazyStartProducer) {
        this.lazyStartProducer = lazyStartProducer;
    }

    public Boolean getAllowShortOutput() {
        return allowShortOutput;
    }

    public void setAllowShortOutput(Boolean allowShortOutput) {
        this.allowShortOutput = allowShortOutput;
    }

    public Boolean getAutowiredEnabled() {
        return autowiredEnabled;
    }

    public void setAutowiredEnabled(Boolean autowiredEnabled) {
        this.autowiredEnabled = autowiredEnabled;
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

    public PreviewPlayer getPreviewPlayer() {
        return previewPlayer;
    }

    public void setPreviewPlayer(PreviewPlayer previewPlayer) {
        this.previewPlayer = previewPlayer;
    }

    public String getPreviewPlayerUrl() {
        return previewPlayerUrl;
    }

    public void setPreviewPlayerUrl(String previewPlayerUrl) {
        this.previewPlayerUrl = previewPlayerUrl;
    }

    public Duration getProgressInterval() {
        return progressInterval;
    }

    public void setProgressInterval(Duration progressInterval) {
        this.progressInterval = progressInterval;
    }

    public List<Rendition> getRenditions() {
        return renditions;
    }

    public void setRenditions(List<Rendition> renditions) {
        this.renditions = renditions;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public String getAudioTracks() {
        return audioTracks;
    }

    public void setAudioTracks(String audioTracks) {
        this.audioTracks = audioTracks;
    }

    public String getSubtitleTracks() {
        return subtitleTracks;
    }

    public void setSubtitleTracks(String subtitleTracks) {
        this.subtitleTracks = subtitleTracks;
    }

    public Boolean getSidecarSubtitles() {
        return sidecarSubtitles;
    }

    public void setSidecarSubtitles(Boolean sidecarSubtitles) {
        this.sidecarSubtitles = sidecarSubtitles;
    }

    public Integer getAudioChannels() {
        return audioChannels;
    }

    public void setAudioChannels(Integer audioChannels) {
        this.audioChannels = audioChannels;
    }

    public String getAudioBitrate() {
        return audioBitrate;
    }

    public void setAudioBitrate(String audioBitrate) {
        this.audioBitrate = audioBitrate;
    }

    public String getAudioCodec() {
        return audioCodec;
    }

    public void setAudioCodec(String audioCodec) {
        this.audioCodec = audioCodec;
    }

    public Double getBpp() {
        return bpp;
    }

    public void setBpp(Double bpp) {
        this.bpp = bpp;
    }

    public Map<String, Object> getFfmpegOptions() {
        return ffmpegOptions;
    }

    public void setFfmpegOptions(Map<String, Object> ffmpegOptions) {
        this.ffmpegOptions = ffmpegOptions;
    }

    public CopyPrimary getCopyPrimary() {
        return copyPrimary;
    }

    public void setCopyPrimary(CopyPrimary copyPrimary) {
        this.copyPrimary = copyPrimary;
    }

    public Integer getGop() {
        return gop;
    }

    public void setGop(Integer gop) {
        this.gop = gop;
    }

    public Map<String, Object> getInputOptions() {
        return inputOptions;
    }

    public void setInputOptions(Map<String, Object> inputOptions) {
        this.inputOptions = inputOptions;
    }

    public RateControl getRateControl() {
        return rateControl;
    }

    public void setRateControl(RateControl rateControl) {
        this.rateControl = rateControl;
    }

    public Integer getCrf() {
        return crf;
    }

    public void setCrf(Integer crf) {
        this.crf = crf;
    }

    public String getPreset() {
        return preset;
    }

    public void setPreset(String preset) {
        this.preset = preset;
    }

    public String getVideoCodec() {
        return videoCodec;
    }

    public void setVideoCodec(String videoCodec) {
        this.videoCodec = videoCodec;
    }

    public String getAudio() {
        return audio;
    }

    public void setAudio(String audio) {
        this.audio = audio;
    }

    public Integer getFrameHeight() {
        return frameHeight;
    }

    public void setFrameHeight(Integer frameHeight) {
        this.frameHeight = frameHeight;
    }

    public Integer getFrameWidth() {
        return frameWidth;
    }

    public void setFrameWidth(Integer frameWidth) {
        this.frameWidth = frameWidth;
    }

    public Duration getIdleTimeout() {
        return idleTimeout;
    }

    public void setIdleTimeout(Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    public Double getInputFramerate() {
        return inputFramerate;
    }

    public void setInputFramerate(Double inputFramerate) {
        this.inputFramerate = inputFramerate;
    }

    public StreamGearMode getMode() {
        return mode;
    }

    public void setMode(StreamGearMode mode) {
        this.mode = mode;
    }

    public PixelFormat getPixelFormat() {
        return pixelFormat;
    }

    public void setPixelFormat(PixelFormat pixelFormat) {
        this.pixelFormat = pixelFormat;
    }

    public Integer getExtraWindowSize() {
        return extraWindowSize;
    }

    public void setExtraWindowSize(Integer extraWindowSize) {
        this.extraWindowSize = extraWindowSize;
    }

    public Duration getSourceStallTimeout() {
        return sourceStallTimeout;
    }

    public void setSourceStallTimeout(Duration sourceStallTimeout) {
        this.sourceStallTimeout = sourceStallTimeout;
    }

    public Duration getSourceLostLimit() {
        return sourceLostLimit;
    }

    public void setSourceLostLimit(Duration sourceLostLimit) {
        this.sourceLostLimit = sourceLostLimit;
    }

    public Duration getSourceLostGrace() {
        return sourceLostGrace;
    }

    public void setSourceLostGrace(Duration sourceLostGrace) {
        this.sourceLostGrace = sourceLostGrace;
    }

    public Boolean getLiveLoop() {
        return liveLoop;
    }

    public void setLiveLoop(Boolean liveLoop) {
        this.liveLoop = liveLoop;
    }

    public Boolean getLivestream() {
        return livestream;
    }

    public void setLivestream(Boolean livestream) {
        this.livestream = livestream;
    }

    public Boolean getLowLatency() {
        return lowLatency;
    }

    public void setLowLatency(Boolean lowLatency) {
        this.lowLatency = lowLatency;
    }

    public Boolean getRemoveAtExit() {
        return removeAtExit;
    }

    public void setRemoveAtExit(Boolean removeAtExit) {
        this.removeAtExit = removeAtExit;
    }

    public String getUtcTimingUrl() {
        return utcTimingUrl;
    }

    public void setUtcTimingUrl(String utcTimingUrl) {
        this.utcTimingUrl = utcTimingUrl;
    }

    public Integer getWindowSize() {
        return windowSize;
    }

    public void setWindowSize(Integer windowSize) {
        this.windowSize = windowSize;
    }

    public String getAllowedDemuxers() {
        return allowedDemuxers;
    }

    public void setAllowedDemuxers(String allowedDemuxers) {
        this.allowedDemuxers = allowedDemuxers;
    }

    public String getSourceUsername() {
        return sourceUsername;
    }

    public void setSourceUsername(String sourceUsername) {
        this.sourceUsername = sourceUsername;
    }

    public String getSourcePassword() {
        return sourcePassword;
    }

    public void setSourcePassword(String sourcePassword) {
        this.sourcePassword = sourcePassword;
    }

    public String getAllowedProtocols() {
        return allowedProtocols;
    }

    public void setAllowedProtocols(String allowedProtocols) {
        this.allowedProtocols = allowedProtocols;
    }

    public Encryption getEncryption() {
        return encryption;
    }

    public void setEncryption(Encryption encryption) {
        this.encryption = encryption;
    }

    public String getKeyUri() {
        return keyUri;
    }

    public void setKeyUri(String keyUri) {
        this.keyUri = keyUri;
    }

    public Integer getKeyRotationSegments() {
        return keyRotationSegments;
    }

    public void setKeyRotationSegments(Integer keyRotationSegments) {
        this.keyRotationSegments = keyRotationSegments;
    }

    public KeyProvider getKeyProvider() {
        return keyProvider;
    }

    public void setKeyProvider(KeyProvider keyProvider) {
        this.keyProvider = keyProvider;
    }
}
