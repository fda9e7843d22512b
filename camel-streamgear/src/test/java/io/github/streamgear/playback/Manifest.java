package io.github.streamgear.playback;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.github.streamgear.testing.StreamInspector;
import io.github.streamgear.testing.StreamInspector.Master;
import io.github.streamgear.testing.StreamInspector.Track;
import io.github.streamgear.testing.StreamInspector.Variant;

/**
 * What a finished manifest advertises, read with {@link StreamInspector}: the video renditions with their sizes and
 * bandwidths, whether there is audio, and the duration. The playback assertions compare what the players list with it.
 */
public record Manifest(Kind kind, Path path, List<Rendition> renditions, boolean audio, double durationSeconds) {

    public enum Kind {
        DASH, HLS
    }

    /**
     * One video rendition. DASH: {@code videoBandwidth} is the Representation's @bandwidth and {@code audioBandwidth}
     * the audio Representation's (0 without audio). HLS: {@code bandwidth}/{@code averageBandwidth} are the variant's
     * BANDWIDTH/AVERAGE-BANDWIDTH (video + audio). {@code videoSeconds}: the listed duration of its segments.
     */
    public record Rendition(int width, int height, long videoBandwidth, long audioBandwidth, long bandwidth,
            long averageBandwidth, double videoSeconds) {

        /** The bandwidth {@code player} lists for this rendition, from the manifest's own numbers. */
        public long bandwidthListedBy(Player player, Kind kind) {
            if (kind == Kind.HLS) {
                return bandwidth; // hls.js: level.bitrate; Shaka: variant bandwidth; both BANDWIDTH
            }
            // dash.js lists video Representations; Shaka lists variants (video + audio Representation)
            return player == Player.SHAKA ? videoBandwidth + audioBandwidth : videoBandwidth;
        }

        public String size() {
            return width + "x" + height;
        }
    }

    public static Manifest read(Path path) throws Exception {
        String name = path.getFileName().toString();
        if (name.endsWith(".mpd")) {
            return dash(path);
        }
        if (name.endsWith(".m3u8")) {
            return hls(path);
        }
        throw new IllegalArgumentException("not a manifest: " + path);
    }

    /**
     * What a manifest text (e.g. a live version a player was given) advertises: renditions and audio; for HLS only the
     * master playlist is read (its media playlists may be live), so durations are 0. {@code name} gives the kind.
     */
    public static Manifest advertised(String text, String name) throws Exception {
        Path tmp = Files.createTempDirectory("advertised-");
        try {
            Path copy = Files.writeString(tmp.resolve(name), text);
            if (name.endsWith(".mpd")) {
                return dash(copy);
            }
            Master master = StreamInspector.readHlsMaster(copy);
            List<Rendition> renditions = new ArrayList<>();
            boolean audio = !master.audioPlaylists().isEmpty();
            for (Variant v : master.variants()) {
                renditions.add(new Rendition(v.width(), v.height(), 0, 0, v.bandwidth(), v.averageBandwidth(), 0));
                audio |= v.codecs() != null && v.codecs().contains("mp4a");
            }
            return new Manifest(Kind.HLS, copy, sorted(renditions), audio, 0);
        } finally {
            try (var files = Files.list(tmp)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(tmp);
        }
    }

    private static Manifest dash(Path mpd) throws Exception {
        List<Track> tracks = StreamInspector.readDash(mpd);
        List<Track> audio = tracks.stream().filter(Track::audio).toList();
        long audioBandwidth = audio.isEmpty() ? 0 : audio.get(0).advertisedBps();
        List<Rendition> renditions = new ArrayList<>();
        for (Track t : tracks) {
            if (!t.audio()) {
                renditions.add(new Rendition(t.width(), t.height(), t.advertisedBps(), audioBandwidth, 0, 0,
                        t.durationSeconds()));
            }
        }
        double duration;
        try {
            duration = StreamInspector.dashDuration(mpd);
        } catch (IllegalStateException noDuration) {
            duration = tracks.stream().mapToDouble(Track::durationSeconds).max().orElse(0);
        }
        return new Manifest(Kind.DASH, mpd, sorted(renditions), !audio.isEmpty(), duration);
    }

    private static Manifest hls(Path masterPath) throws Exception {
        Master master = StreamInspector.readHlsMaster(masterPath);
        List<Rendition> renditions = new ArrayList<>();
        boolean audio = !master.audioPlaylists().isEmpty();
        double duration = 0;
        for (Variant v : master.variants()) {
            Track media = StreamInspector.readHlsMedia(v.playlist(), false);
            renditions.add(new Rendition(v.width(), v.height(), 0, 0, v.bandwidth(), v.averageBandwidth(),
                    media.durationSeconds()));
            duration = Math.max(duration, media.durationSeconds());
            audio |= v.codecs() != null && v.codecs().contains("mp4a");
        }
        return new Manifest(Kind.HLS, masterPath, sorted(renditions), audio, duration);
    }

    private static List<Rendition> sorted(List<Rendition> renditions) {
        return renditions.stream()
                .sorted(Comparator.comparingInt(Rendition::width).thenComparingInt(Rendition::height).reversed())
                .toList();
    }
}
