package io.github.streamgear.camel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.streamgear.engine.command.SourceSpec;
import io.github.streamgear.engine.frames.PixelFormat;
import io.github.streamgear.engine.ladder.Rendition;
import io.github.streamgear.engine.live.LiveSource;
import io.github.streamgear.engine.protection.KeyProvider;
import io.github.streamgear.engine.settings.CopyPrimary;
import io.github.streamgear.engine.settings.Encoding;
import io.github.streamgear.engine.settings.Encryption;
import io.github.streamgear.engine.settings.RateControl;
import io.github.streamgear.engine.settings.HlsSegmentType;
import io.github.streamgear.engine.settings.InputPolicy;
import io.github.streamgear.engine.settings.LiveOptions;
import io.github.streamgear.engine.settings.OutputPolicy;
import io.github.streamgear.engine.settings.PreviewPlayer;
import io.github.streamgear.engine.settings.Protection;
import io.github.streamgear.engine.settings.Segmenting;
import io.github.streamgear.engine.settings.SourceRecovery;
import io.github.streamgear.engine.settings.StreamFormat;
import io.github.streamgear.engine.settings.TrackSelection;
import io.github.streamgear.engine.settings.Thumbnails;
import io.github.streamgear.engine.settings.TranscodeSettings;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The options of a {@code streamgear:} endpoint; {@link #toSettings()} turns them into the engine's settings. */
@UriParams
public class StreamGearConfiguration implements Cloneable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamGearConfiguration.class);

    @UriParam(defaultValue = Segmenting.DEFAULT_FORMAT, enums = "dash,hls,cmaf",
              description = "Streaming format: dash (an MPD with fMP4 segments), hls (a master playlist with media playlists,"
                            + " MPEG-TS or fMP4 segments) or cmaf (one encode into fMP4 segments, with both an MPD and an HLS"
                            + " master playlist).")
    private StreamFormat format = Segmenting.DEFAULTS.format();

    @UriParam(description = "Folder the jobs write into; each job gets its own sub-folder named by its job id. Created if"
                            + " missing. Required to produce; a consumer endpoint needs none.")
    private String outputDir;

    // the component JSON generator drops some characters (at sign, plus, star, brackets): none in these descriptions
    @UriParam(description = "Extra renditions besides the primary one at source resolution, comma-separated. Each is a"
                            + " frame size WIDTHxHEIGHT, optionally followed by an at sign and a video bitrate in kbit/s"
                            + " (k) or Mbit/s (M); for example 426x240, or 640x360 with 800k after an at sign. A missing"
                            + " bitrate is estimated from bpp."
                            + " Each rendition is fitted inside its size keeping the source aspect ratio; renditions larger"
                            + " than the source are dropped with a warning.")
    private String streams;

    @UriParam(label = "advanced",
              description = "Extra renditions as Java objects (a List of io.github.streamgear.engine.ladder.Rendition, e.g."
                            + " a #bean reference); used instead of streams when set.")
    private List<Rendition> renditions;

    @UriParam(defaultValue = Segmenting.DEFAULT_SEGMENT_DURATION, description = "Target segment duration in seconds. Keyframes are forced on every segment"
                                                + " boundary so that all renditions switch cleanly.")
    private double segmentDuration = Segmenting.DEFAULTS.segmentDuration();

    @UriParam(defaultValue = Segmenting.DEFAULT_HLS_SEGMENT_TYPE, enums = "mpegts,fmp4",
              description = "Container of HLS segments (format hls only; dash and cmaf always use fMP4).")
    private HlsSegmentType hlsSegmentType = Segmenting.DEFAULTS.hlsSegmentType();

    @UriParam(defaultValue = Segmenting.DEFAULT_MANIFEST_NAME,
              description = "Base name of the DASH manifest and the HLS master playlist (manifest.mpd, manifest.m3u8).")
    private String manifestName = Segmenting.DEFAULTS.manifestName();

    @UriParam(description = "Source file path or URL to transcode when the message does not carry one (header"
                            + " CamelStreamGearVideoSource and the message body take precedence).")
    private String videoSource;

    @UriParam(description = "Delete the streaming assets (manifests, playlists, segments of any format) an earlier run left"
                            + " in the job folder before transcoding.")
    private boolean clearPrevAssets;

    @UriParam(label = "advanced",
              description = "Publish a job whose output plays more than 1 s (and 1%) shorter than the source, with a WARN"
                            + " log line and header CamelStreamGearShortOutput=true on the reply, instead of failing it."
                            + " A source cut short (an upload still being written, a damaged file) decodes without an"
                            + " error up to the damage.")
    private boolean allowShortOutput;

    @UriParam(label = "security", defaultValue = Protection.DEFAULT_ENCRYPTION, enums = "none,aes-128,cenc",
              description = "Content protection. none: segments in the clear. aes-128: HLS AES-128 (format hls,"
                            + " MPEG-TS segments; VOD, frames sessions and live streams), each segment encrypted whole, the playlists carry EXT-X-KEY"
                            + " with option keyUri. cenc: Common Encryption (AES-CTR) of DASH and CMAF with H.264"
                            + " video (VOD, frames sessions and live streams, not with lowLatency), the MPD signals it with ContentProtection (cenc:default_KID, and ClearKey with"
                            + " option keyUri as the licence URL); CMAF's HLS playlists are not signalled, so HLS"
                            + " players cannot play them. FFmpeg 5.1 takes a CENC key only on its command line, where"
                            + " local users can read it while the job runs (see docs/content-protection.md). The key"
                            + " comes from option keyProvider; without one a random key is made per job and handed to"
                            + " the route on the reply (headers CamelStreamGearKeyId and CamelStreamGearKey, hex),"
                            + " which must store it in a vault.")
    private Encryption encryption = Protection.DEFAULTS.encryption();

    @UriParam(label = "security",
              description = "Encryption: where players get the key, written into the output. aes-128: the key URI"
                            + " of the playlists' EXT-X-KEY. cenc: the ClearKey licence server's URL, in the MPD as"
                            + " dashif:Laurl. The placeholder {kid} is replaced by the key id in hex, {jobId} by the"
                            + " job id; for example https://keys.example/{kid}. Required with encryption unless the"
                            + " key provider returns the URI.")
    private String keyUri;

    @UriParam(label = "security",
              description = "Encryption: where each job gets its key (an io.github.streamgear.engine.protection.KeyProvider,"
                            + " e.g. a #bean reference to a vault or KMS client). Without one a random key is made per job"
                            + " and returned on the reply.")
    private KeyProvider keyProvider;

    @UriParam(label = "security", defaultValue = "0",
              description = "Encryption aes-128 (HLS): a new key every this many segments (FFmpeg's periodic_rekey re-reads the "
                            + "key info file the component rewrites); 0 (the default) keeps one key per job or stream. Each key "
                            + "comes from the keyProvider (its KeyRequest names the key period) or is generated; generated keys are"
                            + " handed to the route on the reply (headers CamelStreamGearKeyIds and CamelStreamGearKeys, comma-"
                            + "separated hex in key order), so in frames mode and for live streams a keyProvider is needed. A key "
                            + "change can land a segment late (or more when FFmpeg runs faster than real time); the playlists' EXT-"
                            + "X-KEY always name the key each segment was encrypted with.")
    private int keyRotationSegments = Protection.DEFAULT_KEY_ROTATION_SEGMENTS;

    @UriParam(label = "frames", enums = "source,frames",
              description = "source: each exchange carries a whole video file (the default). frames: each exchange carries"
                            + " one raw frame, piped to FFmpeg's stdin (the default when frameWidth or frameHeight is set)."
                            + " The mode is never guessed from the body.")
    private StreamGearMode mode;

    @UriParam(label = "frames", description = "Frames mode: width of every frame in pixels (header"
                                              + " CamelStreamGearFrameWidth on the first frame overrides it).")
    private int frameWidth;

    @UriParam(label = "frames", description = "Frames mode: height of every frame in pixels (header"
                                              + " CamelStreamGearFrameHeight on the first frame overrides it).")
    private int frameHeight;

    @UriParam(label = "frames", defaultValue = "bgr24", enums = "gray,bgr24,rgb24,bgra,rgba,yuv420p,nv12",
              description = "Frames mode: pixel layout of the frames (header CamelStreamGearPixelFormat on the first frame"
                            + " overrides it).")
    private PixelFormat pixelFormat = PixelFormat.BGR24;

    @UriParam(label = "frames", defaultValue = "25",
              description = "Frames mode: the rate the frames are produced at. It sets their timestamps, so it must be the"
                            + " real rate, or external audio drifts and live segments are early or late.")
    private double inputFramerate = 25;

    @UriParam(label = "frames", description = "Frames mode: an audio file or URL FFmpeg reads and muxes with the frames"
                                              + " (encoded once); the stream ends with the frames.")
    private String audio;

    @UriParam(label = "frames", javaType = "java.time.Duration", defaultValue = "30000",
              description = "Frames mode: a session with no frame for this long is ended and finalised; frames for it"
                            + " within this time after its end are refused. 0 disables the idle check. Default 30 s. A bare number is milliseconds; write 30s, 5m or 1h30m for other units.")
    private long idleTimeout = 30_000;

    @UriParam(label = "live", description = "Publish a live stream with a sliding window (dynamic DASH"
                                            + " manifest, live HLS playlists) instead of a VOD that lists every segment."
                                            + " In frames mode the route pushes the frames; otherwise videoSource names"
                                            + " a live source (rtsp, srt, rtmp, udp, rtp, an http(s) .m3u8 playlist, or"
                                            + " a file played in real time) read by a consumer, from(streamgear:NAME),"
                                            + " from route start to route stop.")
    private boolean livestream;

    @UriParam(label = "live", description = "Live from a file or a folder (videoSource a file or a folder, livestream=true):"
                                            + " play the file, or the folder's files in name order, again and again (a"
                                            + " 24/7 channel) instead of once.")
    private boolean liveLoop;

    @UriParam(label = "live", javaType = "java.time.Duration", defaultValue = SourceRecovery.DEFAULT_STALL_TIMEOUT,
              description = "Live from a network source: how long the source may send nothing before it counts as lost"
                            + " and is opened again (the stream waits meanwhile, its numbering and timeline go on when the"
                            + " source is back). Default 10 s. A bare number is milliseconds; write 30s, 5m or 1h30m for"
                            + " other units.")
    private long sourceStallTimeout = Long.parseLong(SourceRecovery.DEFAULT_STALL_TIMEOUT);

    @UriParam(label = "live", javaType = "java.time.Duration", defaultValue = SourceRecovery.DEFAULT_LOST_LIMIT,
              description = "Live from a network source: how long a lost source is tried again (after 1 s, then 2, 4 ..."
                            + " up to 30 s between attempts) before the stream is finalised, as when the source ends; 0"
                            + " finalises it at the first loss. Default 5 min. A bare number is milliseconds; write 30s, 5m"
                            + " or 1h30m for other units.")
    private long sourceLostLimit = Long.parseLong(SourceRecovery.DEFAULT_LOST_LIMIT);

    @UriParam(label = "live", javaType = "java.time.Duration", defaultValue = "30000",
              description = "Live from a network source: how long the source may stay lost before the health check"
                            + " (liveness) reports the stream DOWN. Default 30 s. A bare number is milliseconds; write 30s,"
                            + " 5m or 1h30m for other units.")
    private long sourceLostGrace = 30_000;

    @UriParam(label = "live", defaultValue = LiveOptions.DEFAULT_WINDOW_SIZE, description = "Live: segments listed in the manifest and playlists.")
    private int windowSize = Integer.parseInt(LiveOptions.DEFAULT_WINDOW_SIZE);

    @UriParam(label = "live", defaultValue = LiveOptions.DEFAULT_EXTRA_WINDOW_SIZE, description = "Live: segments kept on disk after they leave the window,"
                                                                + " then deleted.")
    private int extraWindowSize = Integer.parseInt(LiveOptions.DEFAULT_EXTRA_WINDOW_SIZE);

    @UriParam(label = "live", description = "Live: delete every segment and manifest when the stream ends, instead of"
                                            + " leaving a finalised (VOD) stream.")
    private boolean removeAtExit;

    @UriParam(label = "live", description = "Live, format dash or cmaf: chunked CMAF (LL-DASH, short fragments written as"
                                            + " they are encoded). With format hls FFmpeg offers no partial segments: use"
                                            + " short segments (segmentDuration=1) instead.")
    private boolean lowLatency;

    @UriParam(label = "live", description = "Live low latency, dash and cmaf: URL of an ISO time source (DASH UTCTiming,"
                                            + " http-xsdate) players synchronise their clocks with; with it the manifest also"
                                            + " carries the producer reference time and a target latency.")
    private String utcTimingUrl;

    @UriParam(label = "thumbnails", description = "Write scrubbing thumbnails in the same FFmpeg run: JPEG tiles"
                                                  + " (tile_00001.jpg ..., thumbnailGrid pictures each, one picture every"
                                                  + " thumbnailInterval seconds), a WebVTT thumbnails track (thumbnails.vtt,"
                                                  + " for video.js, Plyr, Vidstack), a DASH image adaptation set in the MPD"
                                                  + " and an HLS image stream in the master playlist (thumbnails.m3u8),"
                                                  + " read by Shaka Player and dash.js. Live: the track and the HLS image"
                                                  + " stream follow the sliding window (old tiles deleted); the DASH image"
                                                  + " set is added to the last MPD only.")
    private boolean thumbnails;

    @UriParam(label = "thumbnails", defaultValue = Thumbnails.DEFAULT_INTERVAL,
              description = "Seconds of video between two thumbnails (0.5 to 3600).")
    private double thumbnailInterval = Thumbnails.DEFAULTS.intervalSeconds();

    @UriParam(label = "thumbnails", defaultValue = Thumbnails.DEFAULT_SIZE,
              description = "Width of one thumbnail in pixels (16 to 1920, no wider than the largest rendition); the"
                            + " height follows the video's aspect ratio.")
    private int thumbnailSize = Thumbnails.DEFAULTS.width();

    @UriParam(label = "thumbnails", defaultValue = Thumbnails.DEFAULT_GRID,
              description = "Thumbnails per tile JPEG, COLUMNSxROWS (at most 100 per tile).")
    private String thumbnailGrid = Thumbnails.DEFAULT_GRID;

    @UriParam(label = "thumbnails", description = "Write poster.jpg, a representative frame (FFmpeg's thumbnail filter"
                                                  + " over two seconds from 10% of the video, not a black first frame; live:"
                                                  + " from 3 s in, once) at the size of the largest rendition (at most 1280"
                                                  + " wide), in the same FFmpeg run.")
    private boolean poster;

    @UriParam(label = "thumbnails", description = "Format hls or cmaf: write an I-frame playlist per video variant"
                                                  + " (iframes_NAME.m3u8: one byte range per keyframe of MPEG-TS segments,"
                                                  + " per segment of fMP4 ones) and list it in the master playlist"
                                                  + " (EXT-X-I-FRAME-STREAM-INF), for trick play on Apple players and Shaka"
                                                  + " Player. Read from the segments once they are written, no extra"
                                                  + " encode. Live: rewritten with each media playlist version, for its"
                                                  + " window.")
    private boolean iframePlaylists;

    @UriParam(description = "Write an index.html beside the output that plays it (hls.js for hls, Shaka Player for dash and"
                            + " cmaf), to open the result from any static web server.")
    private boolean previewPage;

    @UriParam(defaultValue = OutputPolicy.DEFAULT_PREVIEW_PLAYER, enums = "cdn,copy",
              description = "Where the preview page loads its player script from. cdn: hls.js 1.7.4 or Shaka Player 5.2.12"
                            + " from cdn.jsdelivr.net, so the browser needs the internet. copy: the same script, carried in"
                            + " the component jar, is written beside index.html (hls.min.js or shaka-player.compiled.js, an"
                            + " output file like the page, 0.6 or 0.8 MB) and loaded from there, so the page plays from an"
                            + " offline or intranet server.")
    private PreviewPlayer previewPlayer = OutputPolicy.DEFAULTS.previewPlayer();

    @UriParam(label = "advanced", description = "The player script the preview page loads, e.g. a copy on your own server;"
                                                + " by default hls.js 1.7.4 or Shaka Player 5.2.12 from cdn.jsdelivr.net."
                                                + " Not with previewPlayer=copy.")
    private String previewPlayerUrl;

    @UriParam(label = "consumer", enums = "files,progress", defaultValue = "files",
              description = "Consumer: what it receives. files: one message per file completed or removed (manifests,"
                            + " playlists, init segments, segments). progress: one message per progress report of every"
                            + " running job and frame session (every progressInterval of the producing endpoint, and when"
                            + " encoding ends), best effort: when the route is slower, older reports are dropped.")
    private StreamGearEvents events = StreamGearEvents.FILES;

    @UriParam(label = "consumer", description = "Consumer: prefix of CamelAwsS3Key (the key is the prefix followed by"
                                                + " CamelFileName), e.g. streams/.")
    private String keyPrefix;

    @UriParam(label = "consumer", description = "Consumer: set CamelAwsS3Operation=deleteObject on delete messages, so that"
                                                + " the same aws2-s3 endpoint removes what the live window removed.")
    private boolean s3DeleteOperation;

    @UriParam(label = "consumer",
              description = "Consumer: Cache-Control of live manifests and playlists; by default public, max-age of about half"
                            + " a segment.")
    private String liveManifestCacheControl;

    @UriParam(label = "consumer", defaultValue = "public, max-age=31536000, immutable",
              description = "Consumer: Cache-Control of segments, init segments and VOD manifests.")
    private String immutableCacheControl = "public, max-age=31536000, immutable";

    @UriParam(label = "consumer", defaultValue = "1000",
              description = "Consumer: most file events waiting for delivery; when full, the producing side waits (the files"
                            + " stay on disk).")
    private int maxQueueSize = 1000;

    @UriParam(label = "consumer", javaType = "java.time.Duration", defaultValue = "1000",
              description = "Consumer: wait between attempts to deliver a file the route failed on (after its error"
                            + " handler); writes are retried until they succeed so that order is kept. Default 1 s. A bare number is milliseconds; write 30s, 5m or 1h30m for other units.")
    private long retryDelay = 1000;

    @UriParam(label = "encoding", defaultValue = Encoding.DEFAULT_BPP,
              description = "Bits per pixel used to estimate a rendition's bitrate when none is given: width times"
                            + " height times fps times bpp, divided by 1000, in kbit/s.")
    private double bpp = Encoding.DEFAULTS.bitsPerPixel();

    @UriParam(label = "encoding", defaultValue = Encoding.DEFAULT_VIDEO_CODEC,
              description = "FFmpeg video encoder, or copy: the source's first video stream is packaged as it is (no"
                            + " re-encoding, segments cut at its own keyframes, so their durations follow the source's"
                            + " keyframe interval), the only video rendition; the audio is copied too when it is fit (VOD, see audioBitrate), else encoded. With a live source"
                            + " (livestream=true) the segments follow the source's keyframes as they come. copy is refused"
                            + " with extra renditions, in frames mode, with a folder channel, and for a codec the format"
                            + " cannot carry (dash: h264, hevc, av1, vp9; hls with fmp4 and cmaf: h264, hevc, av1; hls"
                            + " with mpegts: h264).")
    private String videoCodec = Encoding.DEFAULTS.videoCodec();

    @UriParam(label = "encoding", defaultValue = Encoding.DEFAULT_COPY_PRIMARY, enums = "auto,never",
              description = "auto makes the primary rendition the source's video stream-copied when the source is fit"
                            + " for it, and encodes the other renditions with their keyframes at the source's, so that"
                            + " segments stay aligned; otherwise every rendition is encoded and one log line says why."
                            + " Fit: H.264, or HEVC into fMP4; a profile every player decodes; for a VOD job from a"
                            + " local file, keyframes that cut segments within 10% of segmentDuration and a bitrate"
                            + " above every other rung's; for a live source (not a folder channel, not frames mode), its"
                            + " keyframes are trusted as with videoCodec=copy (segments follow them) and the others"
                            + " encoded with -force_key_frames source. never (the default) encodes every rendition: the"
                            + " top rung then has the bitrate asked for, not the source's, whatever the source is.")
    private CopyPrimary copyPrimary = CopyPrimary.NEVER;

    @UriParam(label = "encoding", defaultValue = Encoding.DEFAULT_RATE_CONTROL, enums = "capped-vbr,capped-quality",
              description = "How each video rendition's bits are spent. capped-vbr: the rendition's bitrate on average, held"
                            + " to it as a cap (predictable cost, whatever the content). capped-quality: constant quality"
                            + " (x264/x265 CRF, option crf) held to the same cap: easy content spends only what that quality"
                            + " needs (a real camera clip: 40% fewer bits for an SSIM 0.004 lower), hard content is capped as"
                            + " with capped-vbr. VOD manifests advertise what was measured either way; a live stream advertises"
                            + " the cap. libx264 and libx265 only.")
    private RateControl rateControl = RateControl.CAPPED_VBR;

    @UriParam(label = "encoding", defaultValue = Encoding.DEFAULT_CRF,
              description = "rateControl=capped-quality: the constant quality, 1 (best, most bits) to 51; 0 takes the"
                            + " codec's default (19 for libx264, 24 for libx265).")
    private int crf;

    @UriParam(label = "encoding", defaultValue = Encoding.DEFAULT_PRESET,
              description = "Encoder preset (libx264/libx265 only): ultrafast ... veryslow.")
    private String preset = Encoding.DEFAULTS.preset();

    @UriParam(label = "encoding", defaultValue = Encoding.DEFAULT_AUDIO_CODEC, description = "FFmpeg audio encoder.")
    private String audioCodec = Encoding.DEFAULTS.audioCodec();

    @UriParam(label = "encoding", defaultValue = Encoding.DEFAULT_AUDIO_BITRATE, description = "Audio bitrate; the audio is encoded once and shared by"
                                                                       + " all renditions. With the video copied (videoCodec=copy,"
                                                                       + " copyPrimary=auto), a source AAC-LC track at or below"
                                                                       + " this rate is copied instead of encoded.")
    private String audioBitrate = Encoding.DEFAULTS.audioBitrate();

    @UriParam(label = "encoding", defaultValue = Encoding.DEFAULT_AUDIO_CHANNELS,
              description = "Channels of the encoded audio, e.g. 2 to downmix a 5.1 source to the stereo every player"
                            + " and device plays; 0 keeps the source's.")
    private int audioChannels = Encoding.DEFAULTS.audioChannels();

    @UriParam(label = "tracks", defaultValue = TrackSelection.DEFAULT_AUDIO_TRACKS,
              description = "Which audio tracks of the source are carried: all, first, none, or a comma-separated list of"
                            + " stream indexes (as ffprobe numbers them, Stream #0:2) and ISO 639 languages (eng,fra or"
                            + " en,fr). Each is encoded once and shared by every video rendition; layouts up to 5.1 are"
                            + " kept (audioChannels=2 downmixes), a 5.1 track gets audioBitrate per channel pair.")
    private String audioTracks = TrackSelection.DEFAULTS.audioTracks();

    @UriParam(label = "tracks", defaultValue = TrackSelection.DEFAULT_SUBTITLE_TRACKS,
              description = "Which text subtitle tracks of the source (SubRip, ASS/SSA, mov_text, WebVTT) are carried, as"
                            + " WebVTT: all, first, none, or a list of stream indexes and languages. Bitmap subtitles (DVD,"
                            + " PGS, DVB) cannot become text: they are skipped with a warning.")
    private String subtitleTracks = TrackSelection.DEFAULTS.subtitleTracks();

    @UriParam(label = "tracks", defaultValue = TrackSelection.DEFAULT_SIDECAR_SUBTITLES,
              description = "Carry the subtitle files next to a source file as well: movie.de.srt (German), movie.srt"
                            + " (language unknown), movie.fr.forced.srt (forced) beside movie.mp4; .srt, .vtt, .ass and"
                            + " .ssa. Others can be given with the CamelStreamGearSubtitles header.")
    private boolean sidecarSubtitles = TrackSelection.DEFAULTS.sidecarSubtitles();

    @UriParam(label = "encoding", defaultValue = Encoding.DEFAULT_GOP,
              description = "Keyframe interval in frames; 0 picks two seconds' worth, at most one segment.")
    private int gop = Encoding.DEFAULTS.gop();

    @UriParam(label = "encoding", prefix = "ffmpeg.", multiValue = true,
              description = "Extra FFmpeg output options, e.g. ffmpeg.tune=film gives -tune film (an empty value gives a bare"
                            + " flag). They come after the generated options, so they can override them.")
    private Map<String, Object> ffmpegOptions = new LinkedHashMap<>();

    @UriParam(label = "encoding", prefix = "input.", multiValue = true,
              description = "Extra FFmpeg input options placed before -i, e.g. input.hwaccel=auto gives -hwaccel auto.")
    private Map<String, Object> inputOptions = new LinkedHashMap<>();

    @UriParam(label = "security", secret = true,
              description = "User name for the source URL in option videoSource (rtsp://, rtmp://, http(s)://...),"
                            + " put into the URL when it is opened; with sourcePassword. Keeps credentials out of"
                            + " videoSource, where Camel shows them unmasked in endpoint URIs over JMX.")
    private String sourceUsername;

    @UriParam(label = "security", secret = true,
              description = "Password for the source URL in option videoSource, put into the URL when it is opened (with"
                            + " sourceUsername). Camel masks it in endpoint URIs, and the component in every log line,"
                            + " exception, event, health detail and JMX attribute.")
    private String sourcePassword;

    @UriParam(label = "security",
              description = "FFmpeg protocol whitelist for the source. By default only what the source needs: file for local"
                            + " files, https,tls,tcp for an https URL, and so on.")
    private String allowedProtocols;

    @UriParam(label = "security", defaultValue = InputPolicy.DEFAULT_DEMUXERS,
              description = "FFmpeg demuxers the source may be opened with. The default allows plain media containers only,"
                            + " so that a crafted upload (an HLS playlist or concat list named .mp4) cannot make FFmpeg"
                            + " read other files. Set to all for trusted sources that need more (e.g. an HLS URL).")
    private String allowedDemuxers = InputPolicy.DEFAULTS.allowedDemuxers();

    @UriParam(label = "advanced", javaType = "java.time.Duration", defaultValue = OutputPolicy.DEFAULT_TIMEOUT,
              description = "Longest a job may run before FFmpeg is stopped and the exchange fails; 0 for no limit."
                            + " A bare number is milliseconds; write 30s, 5m or 1h30m for other units.")
    private long timeout = OutputPolicy.DEFAULTS.timeout().toMillis();

    @UriParam(label = "advanced", javaType = "java.time.Duration", defaultValue = "10000",
              description = "How often a running job or frame session reports its progress: an INFO log line, and a message"
                            + " to the consumers with events=progress; 0 turns progress reports off. Default 10 s. A bare number is milliseconds; write 30s, 5m or 1h30m for other units.")
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
        return new TranscodeSettings(
                new Segmenting(format, hlsSegmentType, segmentDuration, manifestName),
                new Encoding(extra, bpp, videoCodec, preset, audioCodec, audioBitrate, audioChannels, gop,
                        toArguments(ffmpegOptions), copyPrimary, rateControl, crf),
                new InputPolicy(allowedProtocols, allowedDemuxers, toArguments(inputOptions)),
                new OutputPolicy(clearPrevAssets, Duration.ofMillis(timeout), previewPage, previewPlayer, previewPlayerUrl,
                        allowShortOutput, Thumbnails.of(thumbnails, thumbnailInterval, thumbnailSize, thumbnailGrid,
                                poster, iframePlaylists)),
                livestream ? new LiveOptions(windowSize, extraWindowSize, removeAtExit, lowLatency,
                        utcTimingUrl == null || utcTimingUrl.isBlank() ? null : utcTimingUrl) : null,
                new TrackSelection(audioTracks, subtitleTracks, sidecarSubtitles),
                new Protection(encryption, keyUri, keyRotationSegments));
    }

    /**
     * A live source: livestream=true with a videoSource, not in frames mode. It runs as a consumer
     * ({@code from("streamgear:NAME?videoSource=...&livestream=true&outputDir=...")}), see {@link LiveSourceChannel}.
     */
    public boolean isLiveSource() {
        return livestream && !isFramesMode() && videoSource != null && !videoSource.isBlank();
    }

    /** Frames mode: mode=frames, or frame geometry configured. */
    public boolean isFramesMode() {
        return mode == null ? frameWidth > 0 || frameHeight > 0 : mode == StreamGearMode.FRAMES;
    }

    /** Checks the options that depend on each other; each failure names the options. */
    void validate() {
        toSettings();
        toSourceRecovery();
        refuseOutputNaming(ffmpegOptions);
        boolean frames = isFramesMode();
        if (!frames && audio != null) {
            throw new IllegalArgumentException("Option 'audio' needs frames mode (mode=frames or frameWidth"
                                               + "/frameHeight): a single-source job takes its audio from the source");
        }
        if (!frames && livestream && (videoSource == null || videoSource.isBlank())) {
            throw new IllegalArgumentException("Option 'livestream' needs frames mode (mode=frames or frameWidth/frameHeight)"
                                               + " or a live source in option 'videoSource' (rtsp://, srt://, rtmp://,"
                                               + " udp://, rtp://, an http(s) .m3u8 playlist, or a file played in real time)");
        }
        SourceCredentials.check(videoSource, sourceUsername, sourcePassword);
        if (liveLoop && !isLiveSource()) {
            throw new IllegalArgumentException("Option 'liveLoop' needs livestream=true with a file or a folder in 'videoSource'");
        }
        if (liveLoop && !SourceSpec.parse(videoSource).local()) {
            throw new IllegalArgumentException("Option 'liveLoop' applies to a file or a folder only: a live URL in"
                                               + " 'videoSource' is played as it comes");
        }
        if (lowLatency && !livestream) {
            throw new IllegalArgumentException("Option 'lowLatency' needs livestream=true");
        }
        ProtectionOptions.validate(this, frames);
        // warned, not refused: a component-level configuration may set them for endpoints of every format
        if (format != StreamFormat.HLS && hlsSegmentType != Segmenting.DEFAULTS.hlsSegmentType()) {
            LOG.warn("Option hlsSegmentType={} does nothing with format={}: DASH and CMAF always use fMP4 segments",
                    hlsSegmentType.name().toLowerCase(Locale.ROOT), format.name().toLowerCase(Locale.ROOT));
        }
        if (lowLatency && format == StreamFormat.HLS) {
            LOG.warn("Option lowLatency with format=hls only tunes the encoder (-tune zerolatency): FFmpeg's HLS muxer"
                     + " writes no partial segments. Use segmentDuration=1, or format=cmaf for chunked CMAF");
        }
        if (frames && Encoding.COPY.equalsIgnoreCase(videoCodec)) {
            throw new IllegalArgumentException("Option 'videoCodec=copy' cannot be used in frames mode: raw frames have"
                                               + " no encoded video to copy; pick an encoder such as libx264");
        }
        if (isLiveSource() && Encoding.COPY.equalsIgnoreCase(videoCodec)
                && LiveSource.isChannel(SourceSpec.parse(videoSource))) {
            // each file of a channel has its own encoding: copied, the segments after a file change would not match the
            // stream's initialisation (resolution, profile, parameter sets)
            throw new IllegalArgumentException("Option 'videoCodec=copy' cannot be used with a folder channel in"
                                               + " 'videoSource': its files are encoded separately; pick an encoder");
        }
        if (frames) {
            if (!(inputFramerate > 0) || inputFramerate > 1000) {
                throw new IllegalArgumentException("Option 'inputFramerate' must be between 0 and 1000, got " + inputFramerate);
            }
            if (frameWidth < 0 || frameHeight < 0) {
                throw new IllegalArgumentException("Options 'frameWidth' and 'frameHeight' cannot be negative");
            }
        }
    }

    /**
     * Raw options that name or place output files: the component names every file itself (they are its public
     * contract, and what it checks and publishes), so a file written elsewhere would be lost or a playlist would list
     * files that are not in the job folder.
     */
    private static final java.util.Set<String> OUTPUT_NAMING = java.util.Set.of("hls_segment_filename",
            "hls_fmp4_init_filename", "master_pl_name", "hls_base_url", "hls_master_name", "init_seg_name",
            "media_seg_name", "var_stream_map", "single_file");

    private static void refuseOutputNaming(Map<String, Object> options) {
        for (String key : options.keySet()) {
            String name = key.startsWith("-") ? key.substring(1) : key;
            if (OUTPUT_NAMING.contains(name)) {
                throw new IllegalArgumentException("Option 'ffmpeg." + name + "' is refused: the component names and"
                                                   + " places every output file itself (in the job folder, with the"
                                                   + " documented names), and checks and publishes exactly those");
            }
        }
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

    public StreamFormat getFormat() {
        return format;
    }

    public void setFormat(StreamFormat format) {
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

    public String getVideoSource() {
        return videoSource;
    }

    public void setVideoSource(String videoSource) {
        this.videoSource = videoSource;
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

    /** Option videoSource as it is opened: with sourceUsername and sourcePassword put into the URL; null if unset. */
    public String videoSourceUrl() {
        return SourceCredentials.apply(videoSource, sourceUsername, sourcePassword);
    }

    public boolean isClearPrevAssets() {
        return clearPrevAssets;
    }

    public void setClearPrevAssets(boolean clearPrevAssets) {
        this.clearPrevAssets = clearPrevAssets;
    }

    public boolean isAllowShortOutput() {
        return allowShortOutput;
    }

    public void setAllowShortOutput(boolean allowShortOutput) {
        this.allowShortOutput = allowShortOutput;
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

    public RateControl getRateControl() {
        return rateControl;
    }

    public void setRateControl(RateControl rateControl) {
        this.rateControl = rateControl;
    }

    public int getCrf() {
        return crf;
    }

    public void setCrf(int crf) {
        this.crf = crf;
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

    public int getAudioChannels() {
        return audioChannels;
    }

    public void setAudioChannels(int audioChannels) {
        this.audioChannels = audioChannels;
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

    public boolean isSidecarSubtitles() {
        return sidecarSubtitles;
    }

    public void setSidecarSubtitles(boolean sidecarSubtitles) {
        this.sidecarSubtitles = sidecarSubtitles;
    }

    public CopyPrimary getCopyPrimary() {
        return copyPrimary;
    }

    public void setCopyPrimary(CopyPrimary copyPrimary) {
        this.copyPrimary = copyPrimary;
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

    public StreamGearEvents getEvents() {
        return events;
    }

    public void setEvents(StreamGearEvents events) {
        this.events = events;
    }

    /** Whether a consumer receives progress reports instead of files; fails on a value other than files or progress. */
    public boolean receivesProgress() {
        return events == StreamGearEvents.PROGRESS;
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

    public StreamGearMode getMode() {
        return mode;
    }

    public void setMode(StreamGearMode mode) {
        this.mode = mode;
    }

    public int getFrameWidth() {
        return frameWidth;
    }

    public void setFrameWidth(int frameWidth) {
        this.frameWidth = frameWidth;
    }

    public int getFrameHeight() {
        return frameHeight;
    }

    public void setFrameHeight(int frameHeight) {
        this.frameHeight = frameHeight;
    }

    public PixelFormat getPixelFormat() {
        return pixelFormat;
    }

    public void setPixelFormat(PixelFormat pixelFormat) {
        this.pixelFormat = pixelFormat;
    }

    public double getInputFramerate() {
        return inputFramerate;
    }

    public void setInputFramerate(double inputFramerate) {
        this.inputFramerate = inputFramerate;
    }

    public String getAudio() {
        return audio;
    }

    public void setAudio(String audio) {
        this.audio = audio;
    }

    public long getIdleTimeout() {
        return idleTimeout;
    }

    public void setIdleTimeout(long idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    public boolean isLivestream() {
        return livestream;
    }

    public void setLivestream(boolean livestream) {
        this.livestream = livestream;
    }

    public long getSourceStallTimeout() {
        return sourceStallTimeout;
    }

    public void setSourceStallTimeout(long sourceStallTimeout) {
        this.sourceStallTimeout = sourceStallTimeout;
    }

    public long getSourceLostLimit() {
        return sourceLostLimit;
    }

    public void setSourceLostLimit(long sourceLostLimit) {
        this.sourceLostLimit = sourceLostLimit;
    }

    public long getSourceLostGrace() {
        return sourceLostGrace;
    }

    public void setSourceLostGrace(long sourceLostGrace) {
        this.sourceLostGrace = sourceLostGrace;
    }

    /** How a network source that drops is reconnected ({@code sourceStallTimeout}, {@code sourceLostLimit}). */
    public SourceRecovery toSourceRecovery() {
        return new SourceRecovery(Duration.ofMillis(sourceStallTimeout), Duration.ofMillis(sourceLostLimit));
    }

    public boolean isLiveLoop() {
        return liveLoop;
    }

    public void setLiveLoop(boolean liveLoop) {
        this.liveLoop = liveLoop;
    }

    public int getWindowSize() {
        return windowSize;
    }

    public void setWindowSize(int windowSize) {
        this.windowSize = windowSize;
    }

    public int getExtraWindowSize() {
        return extraWindowSize;
    }

    public void setExtraWindowSize(int extraWindowSize) {
        this.extraWindowSize = extraWindowSize;
    }

    public boolean isRemoveAtExit() {
        return removeAtExit;
    }

    public void setRemoveAtExit(boolean removeAtExit) {
        this.removeAtExit = removeAtExit;
    }

    public boolean isLowLatency() {
        return lowLatency;
    }

    public void setLowLatency(boolean lowLatency) {
        this.lowLatency = lowLatency;
    }

    public String getUtcTimingUrl() {
        return utcTimingUrl;
    }

    public void setUtcTimingUrl(String utcTimingUrl) {
        this.utcTimingUrl = utcTimingUrl;
    }

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    public boolean isS3DeleteOperation() {
        return s3DeleteOperation;
    }

    public void setS3DeleteOperation(boolean s3DeleteOperation) {
        this.s3DeleteOperation = s3DeleteOperation;
    }

    public String getLiveManifestCacheControl() {
        return liveManifestCacheControl;
    }

    public void setLiveManifestCacheControl(String liveManifestCacheControl) {
        this.liveManifestCacheControl = liveManifestCacheControl;
    }

    public String getImmutableCacheControl() {
        return immutableCacheControl;
    }

    public void setImmutableCacheControl(String immutableCacheControl) {
        this.immutableCacheControl = immutableCacheControl;
    }

    public int getMaxQueueSize() {
        return maxQueueSize;
    }

    public void setMaxQueueSize(int maxQueueSize) {
        this.maxQueueSize = maxQueueSize;
    }

    public long getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(long retryDelay) {
        this.retryDelay = retryDelay;
    }

    public boolean isThumbnails() {
        return thumbnails;
    }

    public void setThumbnails(boolean thumbnails) {
        this.thumbnails = thumbnails;
    }

    public double getThumbnailInterval() {
        return thumbnailInterval;
    }

    public void setThumbnailInterval(double thumbnailInterval) {
        this.thumbnailInterval = thumbnailInterval;
    }

    public int getThumbnailSize() {
        return thumbnailSize;
    }

    public void setThumbnailSize(int thumbnailSize) {
        this.thumbnailSize = thumbnailSize;
    }

    public String getThumbnailGrid() {
        return thumbnailGrid;
    }

    public void setThumbnailGrid(String thumbnailGrid) {
        this.thumbnailGrid = thumbnailGrid;
    }

    public boolean isPoster() {
        return poster;
    }

    public void setPoster(boolean poster) {
        this.poster = poster;
    }

    public boolean isIframePlaylists() {
        return iframePlaylists;
    }

    public void setIframePlaylists(boolean iframePlaylists) {
        this.iframePlaylists = iframePlaylists;
    }

    public boolean isPreviewPage() {
        return previewPage;
    }

    public void setPreviewPage(boolean previewPage) {
        this.previewPage = previewPage;
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

    public int getKeyRotationSegments() {
        return keyRotationSegments;
    }

    public void setKeyRotationSegments(int keyRotationSegments) {
        this.keyRotationSegments = keyRotationSegments;
    }

    public KeyProvider getKeyProvider() {
        return keyProvider;
    }

    public void setKeyProvider(KeyProvider keyProvider) {
        this.keyProvider = keyProvider;
    }
}
