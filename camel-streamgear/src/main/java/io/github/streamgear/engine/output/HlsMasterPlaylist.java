package io.github.streamgear.engine.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finishes the HLS master playlist FFmpeg writes for a VOD job:
 * <ul>
 * <li>When audio is a separate rendition group, FFmpeg also lists the audio playlist as a variant of its own; a player
 * may switch to it and show no picture. That variant is removed when there are video variants; the audio stays
 * available through its {@code EXT-X-MEDIA} group.</li>
 * <li>FFmpeg's {@code BANDWIDTH} is the encoder target plus 10%, which understates MPEG-TS output at low bitrates
 * (packetisation adds tens of kbit/s). Once all segments exist, each variant's {@code BANDWIDTH} (peak segment bit
 * rate, RFC 8216 section 4.3.4.2) and {@code AVERAGE-BANDWIDTH} are measured from the segments, audio included.</li>
 * <li>{@code #EXT-X-INDEPENDENT-SEGMENTS} is declared (RFC 8216 section 4.3.5.1): every segment starts with a keyframe
 * of a closed GOP, forced at the segment boundaries in every rendition, so a player may start or switch at any segment
 * without the one before it. FFmpeg's HLS and DASH muxers do not write it.</li>
 * <li>Each video variant gets {@code FRAME-RATE} (RFC 8216 section 4.3.4.2, three decimals), the job's output frame rate:
 * it lets a player skip variants the device cannot render smoothly. FFmpeg does not write it.</li>
 * <li>A video variant FFmpeg wrote without a video codec in {@code CODECS} (a stream-copied H.264 source:
 * {@code videoCodec=copy}) gets it from its first segment (see {@link H264Codec}), with the audio codecs of the audio
 * group, read from the audio-only variants before they are removed.</li>
 * </ul>
 * The same applies to CMAF's master, which FFmpeg's DASH muxer writes ({@code -hls_playlist}).
 */
public final class HlsMasterPlaylist {

    private static final Pattern CODECS = Pattern.compile("CODECS=\"([^\"]*)\"");
    private static final Pattern AUDIO_URI = Pattern.compile("^#EXT-X-MEDIA:.*TYPE=AUDIO.*[:,]URI=\"([^\"]+)\"");
    private static final Pattern BANDWIDTH = Pattern.compile("([:,])BANDWIDTH=\\d+");
    private static final Pattern AVERAGE = Pattern.compile(",AVERAGE-BANDWIDTH=\\d+");
    private static final Pattern FRAME_RATE = Pattern.compile(",FRAME-RATE=[0-9.]+");
    private static final String STREAM_INF = "#EXT-X-STREAM-INF:";
    static final String INDEPENDENT_SEGMENTS = "#EXT-X-INDEPENDENT-SEGMENTS";

    private HlsMasterPlaylist() {
    }

    /**
     * Rewrites {@code master} in place (atomically) once every segment it refers to is written.
     *
     * @param frameRate the output frame rate, for {@code FRAME-RATE}; 0 if unknown (then none is written)
     */
    public static void finish(Path master, double frameRate) {
        rewrite(master, lines -> withFrameRate(withIndependentSegments(withMeasuredBandwidth(master.getParent(),
                withoutAudioOnlyVariants(withVideoCodecs(master.getParent(), lines)))), frameRate));
    }

    /**
     * Mends a live master as it is written: the audio-only variant removed, the tags added (the segments are still to
     * come, so nothing can be measured yet).
     *
     * @return whether the file was rewritten
     */
    public static boolean mendLive(Path master, double frameRate) {
        return rewrite(master, lines -> withFrameRate(withIndependentSegments(withoutAudioOnlyVariants(lines)), frameRate));
    }

    /**
     * Mends a live master with {@code change} (the live image and I-frame streams, see {@code LiveTrickPlay}).
     *
     * @return whether the file was rewritten
     */
    public static boolean mendLive(Path master, java.util.function.UnaryOperator<List<String>> change) {
        return rewrite(master, change::apply);
    }

    /** An unchanged playlist is left as it is: a rewrite is a new version (new inode) the watcher would publish again. */
    private static boolean rewrite(Path master, LinesChange change) {
        try {
            List<String> lines = Files.readAllLines(master, StandardCharsets.UTF_8);
            List<String> fixed = change.apply(lines);
            if (fixed.equals(lines)) {
                return false;
            }
            ReplaceAtomically.write(master, String.join("\n", fixed) + "\n");
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not rewrite HLS master playlist " + master, e);
        }
    }

    private interface LinesChange {
        List<String> apply(List<String> lines) throws IOException;
    }

    static List<String> withoutAudioOnlyVariants(List<String> lines) {
        boolean anyVideo = lines.stream().anyMatch(l -> l.startsWith(STREAM_INF) && hasVideoCodec(l));
        if (!anyVideo) {
            return lines;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith(STREAM_INF) && !hasVideoCodec(line)) {
                i++; // skip the variant's URI line
                if (i + 1 < lines.size() && lines.get(i + 1).isBlank()) {
                    i++;
                }
                continue;
            }
            out.add(line);
        }
        return out;
    }

    /** {@code #EXT-X-INDEPENDENT-SEGMENTS} after {@code #EXT-X-VERSION} (or {@code #EXTM3U}), once. */
    static List<String> withIndependentSegments(List<String> lines) {
        if (lines.contains(INDEPENDENT_SEGMENTS) || lines.isEmpty()) {
            return lines;
        }
        int at = 1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("#EXT-X-VERSION:")) {
                at = i + 1;
                break;
            }
        }
        List<String> out = new ArrayList<>(lines);
        out.add(Math.min(at, out.size()), INDEPENDENT_SEGMENTS);
        return out;
    }

    /** Each video variant's {@code FRAME-RATE}, three decimals (RFC 8216 section 4.3.4.2); unchanged if unknown. */
    static List<String> withFrameRate(List<String> lines, double frameRate) {
        if (!(frameRate > 0) || frameRate > 1000) {
            return lines;
        }
        String value = ",FRAME-RATE=" + String.format(Locale.ROOT, "%.3f", frameRate);
        List<String> out = new ArrayList<>(lines);
        for (int i = 0; i < out.size(); i++) {
            String line = out.get(i);
            if (line.startsWith(STREAM_INF) && hasVideoCodec(line)) {
                out.set(i, FRAME_RATE.matcher(line).replaceAll("") + value);
            }
        }
        return out;
    }

    /**
     * With several audio renditions (languages), a variant's {@code BANDWIDTH} must hold with any of them (RFC 8216
     * section 4.3.4.2): the richest audio track, e.g. a 5.1 one, is counted.
     */
    static List<String> withMeasuredBandwidth(Path dir, List<String> lines) throws IOException {
        MediaPlaylist audio = null;
        for (String line : lines) {
            Matcher m = AUDIO_URI.matcher(line);
            if (m.find()) {
                MediaPlaylist track = MediaPlaylist.read(dir.resolve(m.group(1)));
                if (audio == null || track.averageBitrate(null) > audio.averageBitrate(null)) {
                    audio = track;
                }
            }
        }
        List<String> out = new ArrayList<>(lines);
        for (int i = 0; i + 1 < out.size(); i++) {
            if (!out.get(i).startsWith(STREAM_INF)) {
                continue;
            }
            MediaPlaylist variant = MediaPlaylist.read(dir.resolve(out.get(i + 1).trim()));
            if (variant.segments().isEmpty()) {
                continue;
            }
            long peak = variant.peakBitrate(audio);
            long average = variant.averageBitrate(audio);
            String line = AVERAGE.matcher(out.get(i)).replaceAll("");
            line = BANDWIDTH.matcher(line).replaceFirst("$1BANDWIDTH=" + peak + ",AVERAGE-BANDWIDTH=" + average);
            out.set(i, line);
        }
        return out;
    }

    /**
     * {@code CODECS="avc1.64001e,mp4a.40.2"} on a video variant (one with {@code RESOLUTION}) whose CODECS names no video
     * codec, when its first segment (or the init segment it maps) holds H.264 parameters; unchanged otherwise.
     */
    static List<String> withVideoCodecs(Path dir, List<String> lines) throws IOException {
        List<String> audioCodecs = new ArrayList<>();
        for (String line : lines) {
            Matcher m = CODECS.matcher(line);
            if (line.startsWith(STREAM_INF) && !line.contains("RESOLUTION=") && m.find() && !hasVideoCodec(line)) {
                for (String c : m.group(1).split(",")) {
                    if (!audioCodecs.contains(c.trim())) {
                        audioCodecs.add(c.trim());
                    }
                }
            }
        }
        List<String> out = new ArrayList<>(lines);
        for (int i = 0; i + 1 < out.size(); i++) {
            String line = out.get(i);
            if (!line.startsWith(STREAM_INF) || !line.contains("RESOLUTION=") || namesVideoCodec(line)) {
                continue;
            }
            Path first = firstMediaFile(dir.resolve(out.get(i + 1).trim()));
            String video = first == null ? null : H264Codec.of(first);
            if (video == null) {
                continue;
            }
            List<String> codecs = new ArrayList<>(List.of(video));
            codecs.addAll(audioCodecs);
            String value = "CODECS=\"" + String.join(",", codecs) + "\"";
            Matcher m = CODECS.matcher(line);
            out.set(i, m.find() ? m.replaceFirst(Matcher.quoteReplacement(value)) : line + "," + value);
        }
        return out;
    }

    /** The init segment a media playlist maps, else its first segment; null if it lists none or it is missing. */
    private static Path firstMediaFile(Path playlist) throws IOException {
        if (!Files.exists(playlist)) {
            return null;
        }
        for (String line : Files.readAllLines(playlist, StandardCharsets.UTF_8)) {
            String l = line.trim();
            if (l.startsWith("#EXT-X-MAP:")) {
                Matcher m = Pattern.compile("URI=\"([^\"]+)\"").matcher(l);
                if (m.find()) {
                    Path init = playlist.resolveSibling(m.group(1));
                    return Files.exists(init) ? init : null;
                }
            } else if (!l.isEmpty() && !l.startsWith("#")) {
                Path segment = playlist.resolveSibling(l);
                return Files.exists(segment) ? segment : null;
            }
        }
        return null;
    }

    /** Whether the variant's CODECS names a codec that is not audio (absent CODECS names none). */
    private static boolean namesVideoCodec(String streamInf) {
        return CODECS.matcher(streamInf).find() && hasVideoCodec(streamInf.replace("RESOLUTION=", ""));
    }

    private static boolean hasVideoCodec(String streamInf) {
        if (streamInf.contains("RESOLUTION=")) {
            return true;
        }
        Matcher m = CODECS.matcher(streamInf);
        if (!m.find()) {
            return true; // without CODECS nothing says it is audio-only: keep it
        }
        for (String codec : m.group(1).split(",")) {
            String c = codec.trim();
            if (!c.startsWith("mp4a") && !c.startsWith("ac-3") && !c.startsWith("ec-3") && !c.startsWith("opus")
                    && !c.startsWith("fLaC") && !c.startsWith("mp3")) {
                return true;
            }
        }
        return false;
    }
}
