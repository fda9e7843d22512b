package io.github.streamgear.engine.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds I-frame playlists to the HLS output of a VOD job (trick play: fast forward, rewind and scrubbing previews on
 * Apple players and Shaka Player), computed from the segments once they are all written: per video variant of the
 * master an {@code iframes_NAME.m3u8} with {@code EXT-X-I-FRAMES-ONLY} and one {@code EXT-X-BYTERANGE} per keyframe,
 * and an {@code EXT-X-I-FRAME-STREAM-INF} line for it in the master.
 * <ul>
 * <li>MPEG-TS: every keyframe. A video PES that starts in a TS packet with the random access indicator set (FFmpeg
 * sets it on keyframes) begins a keyframe; its range runs from that packet to the packet where the next video PES
 * starts, so it holds every TS packet of the keyframe (and the audio packets interleaved with them), as Apple's
 * segmenter writes it. The segment's PAT and PMT are not in the range: a player has them from the segment's
 * start.</li>
 * <li>fMP4: the keyframe each segment starts with (segments start on a keyframe). The range runs from the start of
 * the segment ({@code styp}, {@code moof}) to the end of the keyframe's sample, the first of the {@code mdat}; played
 * after the {@code EXT-X-MAP} init segment it is one frame. A keyframe in the middle of a fragment cannot be cut out
 * without the samples before it, so fMP4 I-frame playlists have one entry per segment.</li>
 * </ul>
 * Playlists and master are written atomically; a master that already lists I-frame streams is left as it is.
 */
public final class IFramePlaylists {

    private static final String STREAM_INF = "#EXT-X-STREAM-INF:";
    private static final Pattern RESOLUTION = Pattern.compile("RESOLUTION=(\\d+x\\d+)");
    private static final Pattern CODECS = Pattern.compile("CODECS=\"([^\"]*)\"");
    private static final Pattern MAP = Pattern.compile("#EXT-X-MAP:.*URI=\"([^\"]+)\"");
    private static final Pattern CMAF_PLAYLIST = Pattern.compile("media_(\\d+)\\.m3u8");
    private static final Pattern HLS_PLAYLIST = Pattern.compile("stream_(.+)\\.m3u8");

    /** One keyframe: where it is and when it plays. */
    record IFrame(String segment, long offset, long length, double time) {
    }

    private IFramePlaylists() {
    }

    /** Writes the I-frame playlists of every video variant of {@code master} and lists them in it. */
    public static void finish(Path master, OutputLayout layout) {
        try {
            Path dir = master.getParent();
            List<String> lines = Files.readAllLines(master, StandardCharsets.UTF_8);
            if (lines.stream().anyMatch(l -> l.startsWith("#EXT-X-I-FRAME-STREAM-INF"))) {
                return;
            }
            List<String> added = new ArrayList<>();
            for (int i = 0; i + 1 < lines.size(); i++) {
                String inf = lines.get(i);
                Matcher resolution = RESOLUTION.matcher(inf);
                if (!inf.startsWith(STREAM_INF) || !resolution.find()) {
                    continue; // audio-only variants have no I-frames
                }
                String uri = lines.get(i + 1).trim();
                String name = renditionName(uri, layout);
                Path playlist = dir.resolve(uri);
                if (name == null || !Files.isRegularFile(playlist)) {
                    continue;
                }
                Media media = Media.read(playlist);
                List<IFrame> frames = media.init() == null ? tsIFrames(dir, media) : fmp4IFrames(dir, media);
                if (frames.isEmpty()) {
                    continue;
                }
                String file = ThumbnailNames.iframePlaylist(name);
                ReplaceAtomically.write(dir.resolve(file), playlist(frames, media));
                added.add(streamInf(inf, peakBitrate(frames, media.total()), file));
            }
            if (added.isEmpty()) {
                return;
            }
            List<String> out = new ArrayList<>(lines);
            while (!out.isEmpty() && out.get(out.size() - 1).isBlank()) {
                out.remove(out.size() - 1);
            }
            out.addAll(added);
            ReplaceAtomically.write(master, String.join("\n", out) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the I-frame playlists of " + master.getFileName(), e);
        }
    }

    /** {@code 720p} for {@code stream_720p.m3u8} (HLS) or {@code media_0.m3u8} (CMAF, by index). */
    static String renditionName(String uri, OutputLayout layout) {
        Matcher m = HLS_PLAYLIST.matcher(uri);
        if (m.matches()) {
            return m.group(1);
        }
        m = CMAF_PLAYLIST.matcher(uri);
        if (m.matches()) {
            int index = Integer.parseInt(m.group(1));
            List<String> names = layout.renditionNames();
            return index < names.size() ? names.get(index) : m.group(1);
        }
        return null;
    }

    /**
     * A media playlist: its init segment (null for MPEG-TS), segments, their start times, the total duration, its
     * target duration (0 if absent) and whether it has ended ({@code EXT-X-ENDLIST}).
     */
    record Media(String init, List<String> segments, List<Double> starts, double total, int version, int target,
            boolean ended) {

        static Media read(Path playlist) throws IOException {
            String init = null;
            List<String> segments = new ArrayList<>();
            List<Double> starts = new ArrayList<>();
            double time = 0;
            double pending = -1;
            int version = 3;
            int target = 0;
            boolean ended = false;
            for (String raw : Files.readAllLines(playlist, StandardCharsets.UTF_8)) {
                String line = raw.trim();
                Matcher map = MAP.matcher(line);
                if (map.find()) {
                    init = map.group(1);
                } else if (line.startsWith("#EXT-X-VERSION:")) {
                    version = Integer.parseInt(line.substring(15).trim());
                } else if (line.startsWith("#EXT-X-TARGETDURATION:")) {
                    target = Integer.parseInt(line.substring(22).trim());
                } else if (line.equals("#EXT-X-ENDLIST")) {
                    ended = true;
                } else if (line.startsWith("#EXTINF:")) {
                    int comma = line.indexOf(',');
                    pending = Double.parseDouble(line.substring(8, comma < 0 ? line.length() : comma).trim());
                } else if (!line.isEmpty() && !line.startsWith("#") && pending >= 0) {
                    segments.add(line);
                    starts.add(time);
                    time += pending;
                    pending = -1;
                }
            }
            return new Media(init, segments, starts, time, version, target, ended);
        }
    }

    /** Every keyframe of the MPEG-TS segments, timed by its PTS from the first one's. */
    static List<IFrame> tsIFrames(Path dir, Media media) throws IOException {
        List<IFrame> frames = new ArrayList<>();
        for (String segment : media.segments()) {
            frames.addAll(tsSegmentIFrames(dir, segment));
        }
        return timedFromFirst(frames);
    }

    /** The keyframes of one MPEG-TS segment, each timed by its raw 90 kHz PTS. */
    static List<IFrame> tsSegmentIFrames(Path dir, String segment) throws IOException {
        List<IFrame> frames = new ArrayList<>();
        byte[] data = Files.readAllBytes(dir.resolve(segment));
        int videoPid = -1;
        long keyStart = -1;
        long keyPts = -1;
        for (MpegTsPackets.PesStart pes : MpegTsPackets.pesStarts(data, data.length)) {
            if (!pes.isVideo() || (videoPid >= 0 && pes.pid() != videoPid)) {
                continue; // not the video
            }
            videoPid = pes.pid();
            if (keyStart >= 0) {
                frames.add(new IFrame(segment, keyStart, pes.offset() - keyStart, keyPts));
                keyStart = -1;
            }
            if (pes.randomAccess() && pes.pts() >= 0) {
                keyStart = pes.offset();
                keyPts = pes.pts();
            }
        }
        if (keyStart >= 0) {
            frames.add(new IFrame(segment, keyStart, data.length - keyStart, keyPts));
        }
        return frames;
    }

    /** Keyframes timed by raw PTS, re-timed in seconds from the first one. */
    static List<IFrame> timedFromFirst(List<IFrame> frames) {
        List<IFrame> timed = new ArrayList<>();
        long firstPts = -1;
        for (IFrame f : frames) {
            long pts = (long) f.time();
            if (firstPts < 0) {
                firstPts = pts;
            }
            long delta = (pts - firstPts) & ((1L << 33) - 1); // a PTS may wrap around
            timed.add(new IFrame(f.segment(), f.offset(), f.length(), delta / 90000.0));
        }
        return timed;
    }

    /** The keyframe each fMP4 segment starts with: from the segment's start to the end of its first sample. */
    static List<IFrame> fmp4IFrames(Path dir, Media media) throws IOException {
        List<IFrame> frames = new ArrayList<>();
        for (int s = 0; s < media.segments().size(); s++) {
            frames.addAll(fmp4SegmentIFrame(dir, media.segments().get(s), media.starts().get(s)));
        }
        return frames;
    }

    /** The keyframe an fMP4 segment starts with, at {@code start}; none if it cannot be read. */
    static List<IFrame> fmp4SegmentIFrame(Path dir, String segment, double start) throws IOException {
        byte[] data = Files.readAllBytes(dir.resolve(segment));
        long end = firstSampleEnd(ByteBuffer.wrap(data));
        return end > 0 && end <= data.length ? List.of(new IFrame(segment, 0, end, start)) : List.of();
    }

    /** The end offset of the first sample of the first {@code moof}'s first track run; -1 if it cannot be read. */
    static long firstSampleEnd(ByteBuffer b) {
        int pos = 0;
        while (pos + 8 <= b.limit()) {
            long size = b.getInt(pos) & 0xffffffffL;
            String type = type(b, pos + 4);
            if (size < 8) {
                return -1;
            }
            if (type.equals("moof")) {
                return sampleEnd(b, pos, (int) (pos + size));
            }
            pos += (int) size;
        }
        return -1;
    }

    private static long sampleEnd(ByteBuffer b, int moof, int moofEnd) {
        for (int p = moof + 8; p + 8 <= moofEnd;) {
            int size = b.getInt(p);
            if (type(b, p + 4).equals("traf")) {
                long base = moof; // default-base-is-moof, as FFmpeg writes for DASH/CMAF and HLS fMP4
                long defaultSize = -1;
                for (int q = p + 8; q + 8 <= p + size;) {
                    int boxSize = b.getInt(q);
                    String type = type(b, q + 4);
                    int flags = b.getInt(q + 8) & 0xffffff;
                    if (type.equals("tfhd")) {
                        int f = q + 16; // after version/flags and track_ID
                        if ((flags & 0x1) != 0) {
                            base = b.getLong(f);
                            f += 8;
                        }
                        if ((flags & 0x2) != 0) {
                            f += 4;
                        }
                        if ((flags & 0x8) != 0) {
                            f += 4;
                        }
                        if ((flags & 0x10) != 0) {
                            defaultSize = b.getInt(f) & 0xffffffffL;
                        }
                    } else if (type.equals("trun")) {
                        int f = q + 16; // after version/flags and sample_count
                        long offset = 0;
                        if ((flags & 0x1) != 0) {
                            offset = b.getInt(f);
                            f += 4;
                        }
                        if ((flags & 0x4) != 0) {
                            f += 4;
                        }
                        if ((flags & 0x100) != 0) {
                            f += 4;
                        }
                        long sampleSize = (flags & 0x200) != 0 ? b.getInt(f) & 0xffffffffL : defaultSize;
                        return sampleSize <= 0 ? -1 : base + offset + sampleSize;
                    }
                    if (boxSize < 8) {
                        return -1;
                    }
                    q += boxSize;
                }
            }
            if (size < 8) {
                return -1;
            }
            p += size;
        }
        return -1;
    }

    private static String type(ByteBuffer b, int at) {
        byte[] t = new byte[4];
        b.get(at, t);
        return new String(t, StandardCharsets.ISO_8859_1);
    }

    static String playlist(List<IFrame> frames, Media media) {
        return playlist(frames, media, -1, 0);
    }

    /**
     * @param liveSequence the media sequence number of the first entry of a live window; -1 for VOD
     * @param liveTarget   a live window's target duration (it must not change between versions); 0 for VOD
     */
    static String playlist(List<IFrame> frames, Media media, long liveSequence, int liveTarget) {
        boolean live = liveSequence >= 0;
        double target = 0;
        List<Double> durations = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            double end = i + 1 < frames.size() ? frames.get(i + 1).time() : media.total();
            double d = Math.max(0.001, end - frames.get(i).time());
            durations.add(d);
            target = Math.max(target, d);
        }
        StringBuilder out = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:").append(Math.max(media.init() == null ? 4 : 6,
                media.version())).append("\n#EXT-X-TARGETDURATION:")
                .append(Math.max(Math.max(1, Math.round(target)), liveTarget)).append("\n#EXT-X-MEDIA-SEQUENCE:")
                .append(live ? liveSequence : 0).append(live ? "\n" : "\n#EXT-X-PLAYLIST-TYPE:VOD\n")
                .append("#EXT-X-I-FRAMES-ONLY\n");
        if (media.init() != null) {
            out.append("#EXT-X-MAP:URI=\"").append(media.init()).append("\"\n");
        }
        for (int i = 0; i < frames.size(); i++) {
            IFrame f = frames.get(i);
            out.append(String.format(Locale.ROOT, "#EXTINF:%.6f,%n", durations.get(i)).replace(System.lineSeparator(), "\n"))
                    .append("#EXT-X-BYTERANGE:").append(f.length()).append('@').append(f.offset()).append('\n')
                    .append(f.segment()).append('\n');
        }
        return live && !media.ended() ? out.toString() : out.append("#EXT-X-ENDLIST\n").toString();
    }

    /** The master's line for the I-frame playlist {@code file} of the variant {@code inf}; null if it is not video. */
    static String streamInf(String inf, long bandwidth, String file) {
        Matcher resolution = RESOLUTION.matcher(inf);
        if (!inf.startsWith(STREAM_INF) || !resolution.find()) {
            return null;
        }
        StringBuilder line = new StringBuilder("#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=").append(bandwidth)
                .append(",RESOLUTION=").append(resolution.group(1));
        Matcher codecs = CODECS.matcher(inf);
        if (codecs.find()) {
            String video = videoCodec(codecs.group(1));
            if (video != null) {
                line.append(",CODECS=\"").append(video).append('"');
            }
        }
        return line.append(",URI=\"").append(file).append('"').toString();
    }

    /** Largest bit rate of one entry: its bytes over the time it stands for. */
    static long peakBitrate(List<IFrame> frames, double total) {
        double peak = 0;
        for (int i = 0; i < frames.size(); i++) {
            double end = i + 1 < frames.size() ? frames.get(i + 1).time() : total;
            double d = Math.max(0.001, end - frames.get(i).time());
            peak = Math.max(peak, frames.get(i).length() * 8 / d);
        }
        return Math.max(1, Math.round(peak));
    }

    private static String videoCodec(String codecs) {
        for (String c : codecs.split(",")) {
            String codec = c.trim();
            if (codec.startsWith("avc") || codec.startsWith("hvc") || codec.startsWith("hev") || codec.startsWith("av01")
                || codec.startsWith("vp09")) {
                return codec;
            }
        }
        return null;
    }
}
