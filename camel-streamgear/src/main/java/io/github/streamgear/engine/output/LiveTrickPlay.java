package io.github.streamgear.engine.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;

import io.github.streamgear.engine.output.IFramePlaylists.IFrame;
import io.github.streamgear.engine.output.IFramePlaylists.Media;
import io.github.streamgear.engine.output.OutputLayout.Classified;
import io.github.streamgear.engine.settings.Thumbnails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thumbnails and I-frame playlists of a live job, kept in step with its sliding window as the files are passed on
 * (see {@code JobRun}); every method runs under this object's lock (the watcher's thread, and the job's at the end).
 * <ul>
 * <li>Tiles: FFmpeg writes a tile once all its cells are filled (the last one when the stream ends). Once a tile was
 * passed on, {@code thumbnails.vtt} and (HLS, CMAF) {@code thumbnails.m3u8} are rewritten to list it. When the window
 * moves on (the oldest segment of the first video rendition is removed), a tile whose whole span lies before the oldest
 * segment left is dropped from both, and deleted only after they are rewritten: its removal is reported after the
 * versions that stopped naming it. The newest tile is always kept, so the track is never empty. Cue times are seconds
 * since the stream started.</li>
 * <li>I-frame playlists (HLS, CMAF): each version of a video media playlist that was passed on, whose segments were
 * all passed on, gets an {@code iframes_NAME.m3u8} listing the keyframes of exactly those segments, with a media
 * sequence counting the keyframes of the segments that left the window. A segment's removal is held back while the
 * I-frame playlist last passed on still names it, as every live removal is ({@link HeldRemovals}).</li>
 * <li>The live HLS master gets the image stream and the I-frame streams once their playlists were passed on (never
 * before).</li>
 * </ul>
 * The live MPD is not edited: FFmpeg replaces it with every segment, and an edit of ours could replace a newer version
 * of FFmpeg's. Its last version, once FFmpeg has exited, gets the image adaptation set of the tiles kept.
 */
public final class LiveTrickPlay {

    private static final Logger LOG = LoggerFactory.getLogger(LiveTrickPlay.class);

    private final Path jobDir;
    private final OutputLayout layout;
    private final Thumbnails settings;
    private final double segmentSeconds;
    private final boolean hls;
    private final String primary;
    private final Set<String> videoNames;

    private final Set<String> delivered = new HashSet<>();
    /** Tiles passed on (or, at the end, written), by number, with their sizes. */
    private final TreeMap<Long, Long> tiles = new TreeMap<>();
    private final TreeSet<Long> primarySegments = new TreeSet<>();
    private long firstSegment = -1;
    private int[] cell;
    private String lastVtt;
    private String lastImagePlaylist;

    /** Per video media playlist: its I-frame window. */
    private final Map<String, IFrameWindow> windows = new HashMap<>();

    private static final class IFrameWindow {
        final LinkedHashMap<String, List<IFrame>> segments = new LinkedHashMap<>();
        long dropped;
        long bandwidth;
        String last;
    }

    public LiveTrickPlay(Path jobDir, OutputLayout layout, Thumbnails settings, double segmentSeconds) {
        this.jobDir = jobDir;
        this.layout = layout;
        this.settings = settings;
        this.segmentSeconds = segmentSeconds;
        this.hls = layout.format().writesHls();
        this.primary = layout.renditionNames().get(0);
        this.videoNames = new HashSet<>(layout.renditionNames().subList(0, layout.videoCount()));
    }

    /**
     * The event was passed on: the tracks and playlists follow it (their files written, tiles deleted: the watcher
     * reports those).
     */
    public synchronized void passedOn(OutputEvent event) {
        OutputFile file = event.file();
        String name = file.name();
        Long tile = tileNumber(name);
        if (event.type() == OutputEvent.Type.COMPLETED) {
            delivered.add(name);
            if (tile != null && settings.enabled()) {
                tiles.put(tile, file.size());
                writeThumbnails(false, -1);
            } else if (file.kind() == FileKind.SEGMENT && primary.equals(file.rendition()) && file.sequence() >= 0) {
                firstSegment = firstSegment < 0 ? file.sequence() : Math.min(firstSegment, file.sequence());
                primarySegments.add(file.sequence());
            } else if (file.kind() == FileKind.PLAYLIST && settings.iframePlaylists() && isVideoPlaylist(name)) {
                writeIFrames(name, false);
            } else if (name.startsWith("iframes_")) {
                mendMasterFile();
            } else if (name.equals(ThumbnailNames.IMAGE_PLAYLIST)) {
                mendMasterFile();
            }
        } else {
            delivered.remove(name);
            if (file.kind() == FileKind.SEGMENT && primary.equals(file.rendition())) {
                primarySegments.remove(file.sequence());
                if (settings.enabled()) {
                    writeThumbnails(false, -1);
                }
            }
        }
    }

    /**
     * The stream has ended (FFmpeg exited, the files stay): the last versions, listing the last tile (written when the
     * video ended, its cells after the end black) and ending the playlists ({@code EXT-X-ENDLIST}) the media playlists
     * end.
     */
    public synchronized void finish() {
        if (settings.iframePlaylists() && hls) {
            for (String name : List.copyOf(windows.keySet())) {
                writeIFrames(name, true);
            }
        }
        if (settings.enabled()) {
            long next = tiles.isEmpty() ? 1 : tiles.lastKey() + 1;
            for (;; next++) { // the last tile was written before FFmpeg exited: the watcher reports it before these
                Path path = jobDir.resolve(ThumbnailNames.tile(next));
                try {
                    if (!Files.isRegularFile(path) || Files.size(path) == 0) {
                        break;
                    }
                    tiles.put(next, Files.size(path));
                } catch (IOException e) {
                    break;
                }
            }
            double seconds = streamSeconds();
            writeThumbnails(true, seconds);
            if (layout.format().writesDash()) {
                addImageSet(seconds);
            }
        }
        mendMasterFile();
    }

    /**
     * The stream's last MPD (static, FFmpeg's timelines in stream time from 0) gets the image adaptation set of the
     * tiles kept: a {@code SegmentTimeline} from the first kept tile's start, so it names exactly those.
     */
    private void addImageSet(double seconds) {
        Path mpd = jobDir.resolve(layout.dashManifest());
        if (tiles.isEmpty() || cell == null || !Files.exists(mpd)) {
            return;
        }
        try {
            String text = Files.readString(mpd, StandardCharsets.UTF_8);
            if (!text.contains("type=\"static\"")) {
                return;
            }
            long span = Math.round(settings.tileSeconds() * 1000);
            long first = tiles.firstKey();
            long last = tiles.lastKey();
            long lastSpan = Math.max(1, Math.min(span, Math.round(seconds * 1000) - (last - 1) * span));
            StringBuilder timeline = new StringBuilder("<SegmentTemplate media=\"" + ThumbnailNames.DASH_TILE_TEMPLATE
                    + "\" timescale=\"1000\" startNumber=\"" + first + "\"><SegmentTimeline>");
            if (last > first) {
                timeline.append("<S t=\"").append((first - 1) * span).append("\" d=\"").append(span).append('"')
                        .append(last - first > 1 ? " r=\"" + (last - first - 1) + "\"" : "").append("/>");
                timeline.append("<S d=\"").append(lastSpan).append("\"/>");
            } else {
                timeline.append("<S t=\"").append((first - 1) * span).append("\" d=\"").append(lastSpan).append("\"/>");
            }
            timeline.append("</SegmentTimeline></SegmentTemplate>");
            long peak = tiles.values().stream().mapToLong(Long::longValue).max().orElse(1);
            String extended = ThumbnailTrack.withImageAdaptationSet(text, timeline.toString(),
                    Math.max(1, Math.round(peak * 8 / settings.tileSeconds())), cell[0], cell[1], settings.columns(),
                    settings.rows());
            if (!extended.equals(text)) {
                ReplaceAtomically.write(mpd, extended);
            }
        } catch (IOException e) {
            LOG.warn("Cannot add the image adaptation set to {}: {}", mpd, e.toString());
        }
    }

    /**
     * The master's lines with the image stream and the I-frame streams whose playlists were passed on; the same lines
     * when there is nothing to add.
     */
    public synchronized List<String> mendMaster(List<String> lines) {
        List<String> out = new ArrayList<>(lines);
        while (!out.isEmpty() && out.get(out.size() - 1).isBlank()) {
            out.remove(out.size() - 1);
        }
        boolean changed = false;
        for (int i = 0; i + 1 < lines.size(); i++) {
            String uri = lines.get(i + 1).trim();
            String rendition = IFramePlaylists.renditionName(uri, layout);
            if (rendition == null) {
                continue;
            }
            String file = ThumbnailNames.iframePlaylist(rendition);
            IFrameWindow w = windows.get(uri);
            if (w == null || !delivered.contains(file) || lines.stream().anyMatch(l -> l.contains("URI=\"" + file + "\""))) {
                continue;
            }
            String line = IFramePlaylists.streamInf(lines.get(i), Math.max(1, w.bandwidth), file);
            if (line != null) {
                out.add(line);
                changed = true;
            }
        }
        if (delivered.contains(ThumbnailNames.IMAGE_PLAYLIST) && cell != null
            && lines.stream().noneMatch(l -> l.startsWith("#EXT-X-IMAGE-STREAM-INF"))) {
            long peak = tiles.values().stream().mapToLong(Long::longValue).max().orElse(1);
            out.add("#EXT-X-IMAGE-STREAM-INF:BANDWIDTH=" + Math.max(1, Math.round(peak * 8 / settings.tileSeconds()))
                    + ",RESOLUTION=" + cell[0] + "x" + cell[1] + ",CODECS=\"jpeg\",URI=\"" + ThumbnailNames.IMAGE_PLAYLIST
                    + "\"");
            changed = true;
        }
        return changed ? out : lines;
    }

    private void mendMasterFile() {
        Path master = jobDir.resolve(layout.hlsMaster());
        if (!hls || !Files.exists(master)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(master, StandardCharsets.UTF_8);
            List<String> mended = mendMaster(lines);
            if (mended != lines) {
                ReplaceAtomically.write(master, String.join("\n", mended) + "\n");
            }
        } catch (IOException e) {
            LOG.warn("Cannot add the image and I-frame streams to {}: {}", master, e.toString());
        }
    }

    /**
     * Rewrites the thumbnails track and image playlist for the tiles kept, then deletes the tiles dropped.
     *
     * @param seconds how long the stream played (the last tile's used cells), or -1 while it runs
     */
    private void writeThumbnails(boolean last, double seconds) {
        if (tiles.isEmpty()) {
            return;
        }
        if (cell == null) {
            try {
                int[] size = ThumbnailTrack.jpegSize(jobDir.resolve(ThumbnailNames.tile(tiles.firstKey())));
                cell = new int[] {size[0] / settings.columns(), size[1] / settings.rows()};
            } catch (IOException e) {
                LOG.warn("Cannot read thumbnail tile {}: {}", tiles.firstKey(), e.toString());
                return;
            }
        }
        List<Long> dropped = new ArrayList<>();
        if (firstSegment >= 0 && !primarySegments.isEmpty()) {
            double windowStart = (primarySegments.first() - firstSegment) * segmentSeconds;
            for (long n : tiles.keySet()) {
                if (n < tiles.lastKey() && n * settings.tileSeconds() <= windowStart + 1e-6) {
                    dropped.add(n);
                }
            }
        }
        dropped.forEach(tiles::remove);
        try {
            String vtt = vtt(seconds);
            if (!vtt.equals(lastVtt)) {
                ReplaceAtomically.write(jobDir.resolve(ThumbnailNames.VTT), vtt);
                lastVtt = vtt;
            }
            if (hls) {
                String playlist = imagePlaylist(last, seconds);
                if (!playlist.equals(lastImagePlaylist)) {
                    ReplaceAtomically.write(jobDir.resolve(ThumbnailNames.IMAGE_PLAYLIST), playlist);
                    lastImagePlaylist = playlist;
                }
            }
            for (long n : dropped) { // after the versions that no longer name them
                Files.deleteIfExists(jobDir.resolve(ThumbnailNames.tile(n)));
            }
        } catch (IOException e) {
            LOG.warn("Cannot write the live thumbnails track of {}: {}", jobDir, e.toString());
        }
    }

    /** Pictures in tile {@code n}: all of its cells, but for the last tile of an ended stream. */
    private int pictures(long n, double seconds) {
        int perTile = settings.columns() * settings.rows();
        if (seconds < 0 || n < tiles.lastKey()) {
            return perTile;
        }
        long total = (long) Math.ceil(seconds / settings.intervalSeconds() - 1e-6);
        return (int) Math.max(1, Math.min(perTile, total - (n - 1) * perTile));
    }

    private String vtt(double seconds) {
        int perTile = settings.columns() * settings.rows();
        StringBuilder out = new StringBuilder("WEBVTT\n");
        for (long n : tiles.keySet()) {
            int count = pictures(n, seconds);
            for (int c = 0; c < count; c++) {
                long k = (n - 1) * perTile + c;
                double start = k * settings.intervalSeconds();
                double end = seconds >= 0 && n == tiles.lastKey() && c == count - 1
                        ? Math.max(seconds, start + 0.001) : start + settings.intervalSeconds();
                int x = (c % settings.columns()) * cell[0];
                int y = (c / settings.columns()) * cell[1];
                out.append('\n').append(k + 1).append('\n').append(ThumbnailTrack.timestamp(start)).append(" --> ")
                        .append(ThumbnailTrack.timestamp(end)).append('\n').append(ThumbnailNames.tile(n)).append("#xywh=")
                        .append(x).append(',').append(y).append(',').append(cell[0]).append(',').append(cell[1]).append('\n');
            }
        }
        return out.toString();
    }

    private String imagePlaylist(boolean last, double seconds) {
        double span = settings.tileSeconds();
        StringBuilder out = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:")
                .append((long) Math.ceil(span)).append("\n#EXT-X-MEDIA-SEQUENCE:").append(tiles.firstKey())
                .append("\n#EXT-X-IMAGES-ONLY\n");
        for (long n : tiles.keySet()) {
            double d = seconds >= 0 && n == tiles.lastKey() ? Math.max(0.001, Math.min(span, seconds - (n - 1) * span)) : span;
            out.append("#EXTINF:").append(ThumbnailTrack.decimal(d)).append(",\n")
                    .append("#EXT-X-TILES:RESOLUTION=").append(cell[0]).append('x').append(cell[1])
                    .append(",LAYOUT=").append(settings.grid()).append(",DURATION=")
                    .append(ThumbnailTrack.decimal(settings.intervalSeconds())).append('\n')
                    .append(ThumbnailNames.tile(n)).append('\n');
        }
        return last ? out.append("#EXT-X-ENDLIST\n").toString() : out.toString();
    }

    /**
     * How long the stream played: the first video rendition's last playlist (where its window starts plus what it
     * lists), else its segments counted.
     */
    private double streamSeconds() {
        double counted = firstSegment < 0 || primarySegments.isEmpty() ? -1
                : (primarySegments.last() + 1 - firstSegment) * segmentSeconds;
        if (hls && firstSegment >= 0) {
            for (String name : windows.keySet()) {
                if (!primary.equals(layout.classify(name).map(Classified::rendition).orElse(null))) {
                    continue;
                }
                try {
                    Media media = Media.read(jobDir.resolve(name));
                    if (!media.segments().isEmpty()) {
                        long first = layout.classify(media.segments().get(0)).map(Classified::sequence).orElse(-1L);
                        if (first >= 0) {
                            return (first - firstSegment) * segmentSeconds + media.total();
                        }
                    }
                } catch (IOException e) {
                    LOG.debug("Cannot read {}", name, e);
                }
            }
        }
        return counted >= 0 ? counted : tiles.lastKey() * settings.tileSeconds();
    }

    /**
     * Writes the I-frame playlist of the video media playlist {@code name} for the window it lists now, if every file it
     * lists was passed on ({@code last}: FFmpeg has exited, the watcher passes on what is left before this).
     */
    private void writeIFrames(String name, boolean last) {
        IFrameWindow w = windows.computeIfAbsent(name, n -> new IFrameWindow());
        try {
            Media media = Media.read(jobDir.resolve(name));
            if (media.segments().isEmpty() || (!last && !delivered.containsAll(media.segments()))) {
                return; // a newer version than the one passed on: its own event follows
            }
            boolean ts = media.init() == null;
            LinkedHashMap<String, List<IFrame>> window = new LinkedHashMap<>();
            for (int s = 0; s < media.segments().size(); s++) {
                String segment = media.segments().get(s);
                List<IFrame> frames = w.segments.get(segment);
                if (frames == null) {
                    frames = ts ? IFramePlaylists.tsSegmentIFrames(jobDir, segment)
                            : IFramePlaylists.fmp4SegmentIFrame(jobDir, segment, 0);
                }
                window.put(segment, frames);
            }
            for (Map.Entry<String, List<IFrame>> e : w.segments.entrySet()) {
                if (!window.containsKey(e.getKey())) {
                    w.dropped += e.getValue().size(); // segments leave from the front
                }
            }
            w.segments.clear();
            w.segments.putAll(window);
            List<IFrame> frames = new ArrayList<>();
            int s = 0;
            for (List<IFrame> list : window.values()) {
                double start = media.starts().get(s++);
                for (IFrame f : list) {
                    frames.add(ts ? f : new IFrame(f.segment(), f.offset(), f.length(), start));
                }
            }
            if (ts) {
                frames = IFramePlaylists.timedFromFirst(frames);
            }
            if (frames.isEmpty()) {
                return;
            }
            String text = IFramePlaylists.playlist(frames, media, w.dropped, media.target());
            w.bandwidth = Math.max(w.bandwidth, IFramePlaylists.peakBitrate(frames, media.total()));
            if (!text.equals(w.last)) {
                ReplaceAtomically.write(jobDir.resolve(ThumbnailNames.iframePlaylist(renditionOf(name))), text);
                w.last = text;
            }
        } catch (IOException | RuntimeException e) {
            // a segment deleted meanwhile (the watcher is behind): the next version is written from the next event
            LOG.debug("No I-frame playlist for this version of {}: {}", name, e.toString());
        }
    }

    private String renditionOf(String playlist) {
        return IFramePlaylists.renditionName(playlist, layout);
    }

    private boolean isVideoPlaylist(String name) {
        if (!hls || name.startsWith("iframes_") || name.equals(ThumbnailNames.IMAGE_PLAYLIST)) {
            return false;
        }
        String rendition = IFramePlaylists.renditionName(name, layout);
        return rendition != null && videoNames.contains(rendition);
    }

    private static Long tileNumber(String name) {
        Matcher m = ThumbnailNames.TILE.matcher(name);
        return m.matches() ? Long.parseLong(m.group(1)) : null;
    }
}
