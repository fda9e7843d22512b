package io.github.streamgear.camel;

import org.apache.camel.Exchange;
import org.apache.camel.spi.Metadata;

/** Header names of the StreamGear component. */
public final class StreamGearConstants {

    @Metadata(description = "The job id: the name of the job's sub-folder under outputDir. Defaults to the source file's base"
                            + " name (or the CamelFileName header's), else the exchange id. Set on every reply message.",
              javaType = "String")
    public static final String JOB_ID = "CamelStreamGearJobId";

    @Metadata(label = "producer", description = "Source file path or URL to transcode; takes precedence over the"
                                                + " videoSource option and the message body.",
              javaType = "String")
    public static final String VIDEO_SOURCE = "CamelStreamGearVideoSource";

    @Metadata(label = "producer", description = "Side-car subtitle files for this job (besides those found next to a source"
                                                + " file): a comma-separated String or a collection of paths, each named"
                                                + " NAME.LANG.srt (movie.de.srt) or written LANG=PATH (de=/subs/german.srt)."
                                                + " SubRip, WebVTT, ASS/SSA.",
              javaType = "String")
    public static final String SUBTITLES = "CamelStreamGearSubtitles";

    @Metadata(label = "producer", description = "Frames mode: true ends the session (the body may be empty); the reply"
                                                + " to that exchange is the list of produced files, once FFmpeg has"
                                                + " finalised the manifests.",
              javaType = "Boolean")
    public static final String END_OF_STREAM = "CamelStreamGearEndOfStream";

    @Metadata(label = "producer", description = "Frames mode: frame width, read on a session's first frame (overrides"
                                                + " option frameWidth).",
              javaType = "Integer")
    public static final String FRAME_WIDTH = "CamelStreamGearFrameWidth";

    @Metadata(label = "producer", description = "Frames mode: frame height, read on a session's first frame (overrides"
                                                + " option frameHeight).",
              javaType = "Integer")
    public static final String FRAME_HEIGHT = "CamelStreamGearFrameHeight";

    @Metadata(label = "producer", description = "Frames mode: pixel format, read on a session's first frame (overrides"
                                                + " option pixelFormat).",
              javaType = "String")
    public static final String PIXEL_FORMAT = "CamelStreamGearPixelFormat";

    @Metadata(description = "On each reply message: what the file is to a player: manifest (an MPD or HLS master playlist),"
                            + " playlist (an HLS media playlist; also the WebVTT thumbnails track, the HLS image and I-frame"
                            + " playlists), init, segment, subtitles (a WebVTT subtitle file), thumbnail (a thumbnail tile or"
                            + " the poster, options thumbnails and poster), player (the player script written beside the"
                            + " preview page with option previewPlayer=copy) or preview (the index.html of option"
                            + " previewPage).",
              javaType = "String", enums = "manifest,playlist,init,segment,subtitles,thumbnail,player,preview")
    public static final String FILE_KIND = "CamelStreamGearFileKind";

    @Metadata(description = "On each reply message: the rendition the file belongs to, e.g. 720p or audio; absent for"
                            + " manifests.",
              javaType = "String")
    public static final String RENDITION = "CamelStreamGearRendition";

    @Metadata(description = "On segment reply messages: the segment number.", javaType = "Long")
    public static final String SEQUENCE = "CamelStreamGearSequence";

    @Metadata(description = "On each reply and consumer message: write (the file was written), delete (consumer: a live"
                            + " window removed the file; the body is empty), progress (consumer with events=progress:"
                            + " a progress report; the body is a one-line summary), or, on the consumer that runs a live"
                            + " network source, sourceLost (the source dropped or stalled: the stream waits while it is"
                            + " opened again) and sourceResumed (it sends again: the stream goes on); their body says why,"
                            + " with the source URL masked.",
              javaType = "String", enums = "write,delete,progress,sourceLost,sourceResumed")
    public static final String OPERATION = "CamelStreamGearOperation";

    @Metadata(label = "producer", description = "Producer of a live source endpoint (videoSource with livestream=true):"
                            + " start (the default) opens the source and starts the stream, returning once FFmpeg runs"
                            + " (a source that cannot be opened fails the exchange); stop finalises the stream and"
                            + " returns once its last files are published. Starting a running stream or stopping a"
                            + " stopped one does nothing.",
              javaType = "String", enums = "start,stop")
    public static final String LIVE_ACTION = "CamelStreamGearLiveAction";

    @Metadata(label = "consumer", description = "Consumer: when FFmpeg completed (or removed) the file, or when the live"
                                                + " source was lost or came back, in epoch milliseconds.",
              javaType = "Long")
    public static final String TIMESTAMP = "CamelStreamGearTimestamp";

    @Metadata(label = "consumer", description = "Consumer: the cache lifetime for the file at a CDN (also set as"
                                                + " CamelAwsS3ContentControl): short for live manifests, long and immutable"
                                                + " for segments and VOD files.",
              javaType = "String")
    public static final String CACHE_CONTROL = "Cache-Control";

    @Metadata(label = "consumer", description = "Consumer, on a sourceResumed message: how long the live source was"
                                                + " lost, in milliseconds.",
              javaType = "Long")
    public static final String SOURCE_LOST_FOR = "CamelStreamGearSourceLostFor";

    @Metadata(label = "consumer", description = "Consumer with events=progress: the share of the job done, 0.0 to 1.0;"
                                                + " absent when the duration is unknown (frame sessions, live streams).",
              javaType = "Double")
    public static final String PROGRESS = "CamelStreamGearProgress";

    @Metadata(label = "consumer", description = "Consumer with events=progress: media time encoded so far, in seconds.",
              javaType = "Double")
    public static final String ENCODED_SECONDS = "CamelStreamGearEncodedSeconds";

    @Metadata(label = "consumer", description = "Consumer with events=progress: encoding speed relative to real time (2.0"
                                                + " is twice as fast as playback), 0 if not known yet.",
              javaType = "Double")
    public static final String SPEED = "CamelStreamGearSpeed";

    @Metadata(label = "consumer", description = "Consumer with events=progress: video frames encoded so far.",
              javaType = "Long")
    public static final String FRAME = "CamelStreamGearFrame";

    @Metadata(label = "producer", description = "On the reply: true when the output plays shorter than the source and"
                                                + " option allowShortOutput let the job succeed (the source was cut short"
                                                + " or damaged).",
              javaType = "Boolean")
    public static final String SHORT_OUTPUT = "CamelStreamGearShortOutput";

    @Metadata(label = "producer", description = "On the reply of an encrypted job whose key the component generated (no"
                                                + " keyProvider): the key id, 32 hex digits.",
              javaType = "String")
    public static final String KEY_ID = "CamelStreamGearKeyId";

    @Metadata(label = "producer", description = "On the reply of an encrypted job whose key the component generated (no"
                                                + " keyProvider): the AES-128 key, 32 hex digits. Store it in a vault or KMS"
                                                + " and remove the header before the message goes anywhere else; it is on no"
                                                + " published file message.",
              javaType = "String")
    public static final String KEY = "CamelStreamGearKey";

    @Metadata(label = "producer", description = "On the reply of an encrypted job whose keys the component generated (no"
                                                + " keyProvider) with keyRotationSegments: the key ids of every key period,"
                                                + " in order, comma-separated (32 hex digits each); the first is"
                                                + " CamelStreamGearKeyId.",
              javaType = "String")
    public static final String KEY_IDS = "CamelStreamGearKeyIds";

    @Metadata(label = "producer", description = "On the reply of an encrypted job whose keys the component generated (no"
                                                + " keyProvider) with keyRotationSegments: the AES-128 keys in the order of"
                                                + " CamelStreamGearKeyIds, comma-separated (32 hex digits each). Store them"
                                                + " and remove the header at once, as CamelStreamGearKey.",
              javaType = "String")
    public static final String KEYS = "CamelStreamGearKeys";

    @Metadata(label = "consumer", description = "Consumer with events=progress: true on the last report of a job or"
                                                + " session, sent when FFmpeg has finished encoding; the job's outcome"
                                                + " (reply or exception) follows.",
              javaType = "Boolean")
    public static final String ENCODING_ENDED = "CamelStreamGearEncodingEnded";

    @Metadata(description = "On the reply: the absolute path of the job's output folder.", javaType = "String")
    public static final String JOB_DIR = "CamelStreamGearJobDir";

    @Metadata(description = "On the reply: the path of the job's main manifest relative to outputDir, e.g."
                            + " movie/manifest.mpd (for CMAF, the MPD).",
              javaType = "String")
    public static final String MANIFEST = "CamelStreamGearManifest";

    @Metadata(description = "On each reply message: the file's path relative to outputDir, e.g. movie/manifest.mpd, so that"
                            + " .split(body()).to(\"file:public\") rebuilds the tree.",
              javaType = "String")
    public static final String FILE_NAME = Exchange.FILE_NAME;

    @Metadata(description = "On each reply message: the file's size in bytes.", javaType = "Long")
    public static final String FILE_LENGTH = Exchange.FILE_LENGTH;

    @Metadata(description = "On each reply message: the file's media type: the DASH and HLS types for manifests and"
                            + " playlists, video/iso.segment, video/mp4 or video/mp2t for segments.",
              javaType = "String")
    public static final String CONTENT_TYPE = Exchange.CONTENT_TYPE;

    private StreamGearConstants() {
    }
}
