package io.github.streamgear.engine.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.streamgear.engine.ladder.Ladder;
import io.github.streamgear.engine.settings.HlsSegmentType;
import io.github.streamgear.engine.settings.Segmenting;
import io.github.streamgear.engine.settings.StreamFormat;
import io.github.streamgear.engine.settings.TranscodeSettings;
import io.github.streamgear.engine.tracks.AudioRendition;
import io.github.streamgear.engine.tracks.SubtitleRendition;
import io.github.streamgear.engine.tracks.TrackPlan;

/**
 * The file names of one job's output, in one place: the templates handed to FFmpeg and the rules that tell, from a
 * file name, what a produced file is and which rendition it belongs to.
 * <ul>
 * <li>DASH: {@code manifest.mpd}, {@code init-R.m4s}, {@code chunk-R-00001.m4s} (R = representation index; the
 * audio representation comes after the video ones);</li>
 * <li>HLS: {@code manifest.m3u8} (master), {@code stream_720p.m3u8}, {@code stream_720p_00000.ts|m4s},
 * {@code init_I.mp4} for fMP4 (I = variant index, audio last; {@code init.mp4} when there is one variant);</li>
 * <li>CMAF: the DASH names plus {@code manifest.m3u8} and {@code media_R.m3u8} over the same segments.</li>
 * </ul>
 * Several audio tracks: the first is {@code audio}, the others {@code audio_fr} (their language) or {@code audio_3}.
 * Subtitles, per track named by its language (L): {@code subtitles_L.vtt}, the whole WebVTT file a DASH text
 * adaptation set refers to, and {@code subtitles_L_00000.vtt} with the playlist {@code subtitles_L.m3u8} for HLS.
 */
public final class OutputLayout {

    public static final String AUDIO = "audio";
    public static final String DASH_INIT_TEMPLATE = "init-$RepresentationID$.$ext$";
    public static final String DASH_MEDIA_TEMPLATE = "chunk-$RepresentationID$-$Number%05d$.$ext$";
    public static final String HLS_PLAYLIST_TEMPLATE = "stream_%v.m3u8";
    public static final String HLS_INIT_NAME = "init.mp4";

    private static final Pattern DASH_INIT = Pattern.compile("init-(\\d+)\\.m4s");
    private static final Pattern DASH_SEGMENT = Pattern.compile("chunk-(\\d+)-(\\d+)\\.m4s");
    private static final Pattern CMAF_PLAYLIST = Pattern.compile("media_(\\d+)\\.m3u8");
    private static final Pattern HLS_PLAYLIST = Pattern.compile("stream_(.+)\\.m3u8");
    private static final Pattern HLS_SEGMENT = Pattern.compile("stream_(.+)_(\\d+)\\.(ts|m4s)");
    /** {@code init_I.mp4}; with a single variant FFmpeg writes just {@code init.mp4}. */
    private static final Pattern HLS_INIT = Pattern.compile("init(?:_(\\d+))?\\.mp4");
    private static final Pattern SUBTITLE_SEGMENT = Pattern.compile("subtitles_([A-Za-z0-9-]+)_(\\d+)\\.vtt");
    private static final Pattern SUBTITLE_FILE = Pattern.compile("subtitles_([A-Za-z0-9-]+)\\.vtt");
    private static final Pattern SUBTITLE_PLAYLIST = Pattern.compile("subtitles_([A-Za-z0-9-]+)\\.m3u8");

    private final StreamFormat format;
    private final HlsSegmentType segmentType;
    private final String manifestName;
    private final List<String> renditionNames;
    private final List<String> subtitleNames;
    private final int videoCount;
    private final boolean mpdDraft;

    /**
     * @param segmenting the format, segment container and manifest name
     * @param ladder     the video renditions, in output order
     * @param tracks     the audio tracks that follow them, and the subtitles
     */
    public OutputLayout(Segmenting segmenting, Ladder ladder, TrackPlan tracks) {
        this.format = segmenting.format();
        this.segmentType = segmenting.segmentType();
        this.manifestName = segmenting.manifestName();
        this.renditionNames = new ArrayList<>();
        ladder.renditions().forEach(r -> renditionNames.add(r.name()));
        this.videoCount = renditionNames.size();
        renditionNames.addAll(tracks.audioNames());
        this.subtitleNames = tracks.subtitles().stream().map(SubtitleRendition::name).toList();
        this.mpdDraft = false;
    }

    private OutputLayout(OutputLayout other, boolean mpdDraft) {
        this.format = other.format;
        this.segmentType = other.segmentType;
        this.manifestName = other.manifestName;
        this.renditionNames = other.renditionNames;
        this.subtitleNames = other.subtitleNames;
        this.videoCount = other.videoCount;
        this.mpdDraft = mpdDraft;
    }

    /**
     * The same layout, with FFmpeg writing the MPD to {@link #mpdDraft()} instead of the published name: for a live
     * stream whose every MPD version the component changes before it is published ({@link LiveMpd}). FFmpeg renames a
     * new version over the last one with each segment, so a version edited in place could be put back over a newer one.
     */
    public OutputLayout withMpdDraft() {
        if (!format.writesDash()) {
            throw new IllegalStateException("Format " + format + " writes no MPD");
        }
        return new OutputLayout(this, true);
    }

    /** Whether FFmpeg writes the MPD to {@link #mpdDraft()}, from which the component writes {@link #dashManifest()}. */
    public boolean draftsMpd() {
        return mpdDraft;
    }

    /**
     * The hidden file FFmpeg writes each MPD version to when {@link #draftsMpd()}: not part of the output (the
     * layout does not classify it), removed with the run's other files. Same folder, so the segment URLs in it are right
     * for the published MPD too.
     */
    public String mpdDraft() {
        return "." + manifestName + ".ffmpeg.mpd";
    }

    /**
     * The layout of a job with these settings: a live DASH or CMAF stream has its MPD {@linkplain #withMpdDraft()
     * drafted}, so that the component publishes each version: with the CENC signalling FFmpeg cannot write, and the
     * last one only once it is finished (FFmpeg's own declares a duration cut short).
     */
    public static OutputLayout of(TranscodeSettings settings, Ladder ladder, TrackPlan tracks) {
        OutputLayout layout = new OutputLayout(settings.segmenting(), ladder, tracks);
        return settings.isLive() && layout.format.writesDash() ? layout.withMpdDraft() : layout;
    }

    /** One audio track named {@code audio} when {@code hasAudio}, no subtitles. */
    public OutputLayout(Segmenting segmenting, Ladder ladder, boolean hasAudio) {
        this(segmenting, ladder, hasAudio ? new TrackPlan(List.of(new AudioRendition(AUDIO, "0:a:0", null, "Audio", 0,
                "main", true, false)), List.of(), List.of()) : TrackPlan.NONE);
    }

    public StreamFormat format() {
        return format;
    }

    public String dashManifest() {
        return manifestName + ".mpd";
    }

    public String hlsMaster() {
        return manifestName + ".m3u8";
    }

    /** The file FFmpeg is told to write to: the MPD (or its draft) for DASH and CMAF, the media playlist template for HLS. */
    public String ffmpegTarget() {
        return format == StreamFormat.HLS ? HLS_PLAYLIST_TEMPLATE : mpdDraft ? mpdDraft() : dashManifest();
    }

    /** HLS segment file template, e.g. {@code stream_%v_%05d.ts}. */
    public String hlsSegmentTemplate() {
        return "stream_%v_%05d." + segmentType.extension();
    }

    /** Where FFmpeg writes a subtitle track as one WebVTT file, hidden from the watcher until the job cuts it up. */
    public String subtitleSource(String name) {
        return ".subtitles_" + name + ".ffmpeg.tmp"; // not ReplaceAtomically's temporary name for subtitles_NAME.vtt
    }

    /** The whole WebVTT file of a subtitle track (DASH). */
    public static String subtitleFile(String name) {
        return "subtitles_" + name + ".vtt";
    }

    /** A WebVTT segment of a subtitle track (HLS). */
    public static String subtitleSegment(String name, long sequence) {
        return String.format(java.util.Locale.ROOT, "subtitles_%s_%05d.vtt", name, sequence);
    }

    /** The HLS media playlist of a subtitle track. */
    public static String subtitlePlaylist(String name) {
        return "subtitles_" + name + ".m3u8";
    }

    /** How many of {@link #renditionNames()} are video renditions (they come first). */
    public int videoCount() {
        return videoCount;
    }

    /** The DASH representation index (and CMAF {@code media_R.m3u8} number) of the {@code i}-th audio track. */
    public int audioRepresentation(int i) {
        return videoCount + i;
    }

    /** The entry points a player opens, in the order they are reported. */
    public List<String> manifests() {
        return switch (format) {
            case DASH -> List.of(dashManifest());
            case HLS -> List.of(hlsMaster());
            case CMAF -> List.of(dashManifest(), hlsMaster());
        };
    }

    /** What the file named {@code name} (relative to the job folder) is, or empty if it is not part of the output. */
    public Optional<Classified> classify(String name) {
        if (PreviewPage.FILE_NAME.equals(name)) {
            return Optional.of(new Classified(FileKind.PREVIEW, null, -1));
        }
        if (PreviewPage.PLAYER_FILES.contains(name)) {
            return Optional.of(new Classified(FileKind.PLAYER, null, -1));
        }
        if (manifests().contains(name)) {
            return Optional.of(new Classified(FileKind.MANIFEST, null, -1));
        }
        Optional<Classified> image = ThumbnailNames.classify(name);
        if (image.isPresent()) {
            return image;
        }
        Matcher m;
        if ((m = SUBTITLE_SEGMENT.matcher(name)).matches() && subtitleNames.contains(m.group(1))) {
            return Optional.of(new Classified(FileKind.SUBTITLES, m.group(1), Long.parseLong(m.group(2))));
        }
        if ((m = SUBTITLE_FILE.matcher(name)).matches() && subtitleNames.contains(m.group(1))) {
            return Optional.of(new Classified(FileKind.SUBTITLES, m.group(1), -1));
        }
        if ((m = SUBTITLE_PLAYLIST.matcher(name)).matches() && subtitleNames.contains(m.group(1))) {
            return Optional.of(new Classified(FileKind.PLAYLIST, m.group(1), -1));
        }
        if (format.writesDash()) {
            if ((m = DASH_INIT.matcher(name)).matches()) {
                return Optional.of(new Classified(FileKind.INIT, byIndex(m.group(1)), -1));
            }
            if ((m = DASH_SEGMENT.matcher(name)).matches()) {
                return Optional.of(new Classified(FileKind.SEGMENT, byIndex(m.group(1)), Long.parseLong(m.group(2))));
            }
            if (format == StreamFormat.CMAF && (m = CMAF_PLAYLIST.matcher(name)).matches()) {
                return Optional.of(new Classified(FileKind.PLAYLIST, byIndex(m.group(1)), -1));
            }
            return Optional.empty();
        }
        if ((m = HLS_SEGMENT.matcher(name)).matches() && renditionNames.contains(m.group(1))) {
            return Optional.of(new Classified(FileKind.SEGMENT, m.group(1), Long.parseLong(m.group(2))));
        }
        if ((m = HLS_PLAYLIST.matcher(name)).matches() && renditionNames.contains(m.group(1))) {
            return Optional.of(new Classified(FileKind.PLAYLIST, m.group(1), -1));
        }
        if ((m = HLS_INIT.matcher(name)).matches()) {
            return Optional.of(new Classified(FileKind.INIT, byIndex(m.group(1) == null ? "0" : m.group(1)), -1));
        }
        return Optional.empty();
    }

    /** The subtitle tracks' names, in output order. */
    public List<String> subtitleNames() {
        return subtitleNames;
    }

    /** Rendition names in output order: the video renditions, then the audio tracks ({@code audio} first). */
    public List<String> renditionNames() {
        return List.copyOf(renditionNames);
    }

    private String byIndex(String index) {
        int i = Integer.parseInt(index);
        return i < renditionNames.size() ? renditionNames.get(i) : index;
    }

    /** Media type of a produced file, from its kind and extension. */
    public static String contentType(String name, FileKind kind) {
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".js")) {
            return "text/javascript";
        }
        if (name.endsWith(".mpd")) {
            return "application/dash+xml";
        }
        if (name.endsWith(".m3u8")) {
            return "application/vnd.apple.mpegurl";
        }
        if (name.endsWith(".jpg")) {
            return "image/jpeg";
        }
        if (name.endsWith(".vtt")) {
            return "text/vtt";
        }
        if (name.endsWith(".ts")) {
            return "video/mp2t";
        }
        if (kind == FileKind.INIT || name.endsWith(".mp4")) {
            return "video/mp4";
        }
        if (name.endsWith(".m4s")) {
            return "video/iso.segment";
        }
        return "application/octet-stream";
    }

    /** What a file is: its kind, its rendition (null for manifests) and its segment number (-1 if none). */
    public record Classified(FileKind kind, String rendition, long sequence) {
    }
}
