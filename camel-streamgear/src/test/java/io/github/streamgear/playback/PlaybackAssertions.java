package io.github.streamgear.playback;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import io.github.streamgear.playback.Manifest.Rendition;
import io.github.streamgear.playback.PlaybackReport.Check;
import io.github.streamgear.playback.PlaybackReport.ListedRendition;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Judges harness reports against what the manifest advertises. {@code *Problems} return everything wrong (empty: it
 * played), so negative tests can look at the problems and positive tests can list all of them at once.
 */
public final class PlaybackAssertions {

    /** How late the first video frame may be on the timeline: two frames of B-frame delay at 25 fps, and some. */
    public static final double MAX_VIDEO_START = 0.1;
    /** The media element's duration vs the manifest's. */
    public static final double DURATION_TOLERANCE = 0.25;
    /**
     * Frames decoded per rendition vs fps x listed duration: at least this share. (More is fine: a player that kicks
     * a stall in place makes Chromium decode again from the last keyframe.)
     */
    public static final double FRAMES_LOW = 0.97;

    private PlaybackAssertions() {
    }

    /**
     * Something wrong with a run. {@code timing}: it only says the run was too slow or got stuck (a rendition did not
     * reach its end, fewer frames decoded), with no error, no HTTP failure, no jump over a gap, no wrong picture: a
     * broken stream does that, and so can a machine too busy to decode in time. Such runs are worth one more try.
     */
    public record Problem(String text, boolean timing) {

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * A finished stream played: no harness failure, player error, HTTP error or jump over a gap; every rendition listed
     * with the manifest's size and bandwidth; each one played locked from start to end, at its size, decoding at
     * least 97% of fps x duration frames (every segment); audio present iff {@code manifest.audio()}.
     */
    public static List<String> vodProblems(PlaybackReport r, Manifest manifest, double fps) {
        return texts(vod(r, manifest, fps));
    }

    /** True when {@link #vodProblems} are all timing problems (and there is at least one). */
    public static boolean onlyTiming(PlaybackReport r, Manifest manifest, double fps) {
        List<Problem> problems = vod(r, manifest, fps);
        return !problems.isEmpty() && problems.stream().allMatch(Problem::timing);
    }

    static List<Problem> vod(PlaybackReport r, Manifest manifest, double fps) {
        List<Problem> problems = common(r, manifest, List.of(manifest));
        if (Boolean.TRUE.equals(r.liveReported())) {
            problems.add(hard("reported as live"));
        }
        r.unrequestedSeeks().stream().filter(PlaybackReport.Seek::gapJump)
                .forEach(seek -> problems.add(hard("the player jumped over a gap (a seek nobody asked for): " + seek)));
        if (r.start() == null || !r.start().ok()) {
            problems.add(new Problem("playback did not start and advance", r.errors().isEmpty()));
        }
        if (r.videoStart() != null && r.videoStart() > MAX_VIDEO_START) {
            problems.add(hard("first video frame at " + r.videoStart() + " s on the timeline (max " + MAX_VIDEO_START + ")"));
        }
        if (r.start() != null && r.start().ok()
                && (r.duration() == null || Math.abs(r.duration() - manifest.durationSeconds()) > DURATION_TOLERANCE)) {
            problems.add(hard("the player's duration " + r.duration() + " s vs the manifest's " + manifest.durationSeconds()));
        }
        for (Check c : r.checks()) {
            Rendition advertised = manifest.renditions().stream()
                    .filter(x -> x.width() == c.width() && x.height() == c.height()).findFirst().orElse(null);
            if (advertised == null || c.decoded() == null) {
                continue; // reported by common()
            }
            long expected = Math.round(fps * advertised.videoSeconds());
            long frames = c.decoded().frames();
            if (frames < Math.floor(expected * FRAMES_LOW)) {
                // played to its end with frames missing: media is missing; stuck before the end: maybe only too slow
                problems.add(new Problem("rendition " + advertised.size() + ": decoded " + frames + " frames, expected "
                        + expected + " (" + fps + " fps x " + fmt(advertised.videoSeconds())
                        + " s): segments are missing or damaged", !Boolean.TRUE.equals(c.ended())));
            }
            if (manifest.audio() && c.decoded().audioBytes() == 0 && Boolean.TRUE.equals(c.ended())) {
                problems.add(hard("rendition " + advertised.size() + ": no audio decoded"));
            }
        }
        return problems;
    }

    /**
     * A live stream played: reported live/dynamic, advanced and played every rendition at its size while still live
     * (before {@code finalisedAtEpochMs}, when the session was told to end), then reached the end once finalised.
     * {@code finalManifest} is the manifest after finalisation (renditions and audio do not change); {@code served} the
     * versions of the manifest the players were given while live: each listed bandwidth is one of theirs (a live HLS
     * master advertises nominal bandwidths, the finalised one measured ones).
     */
    public static List<String> liveProblems(PlaybackReport r, Manifest finalManifest, List<Manifest> served,
            long finalisedAtEpochMs) {
        List<Problem> problems = common(r, finalManifest, served);
        if (!Boolean.TRUE.equals(r.liveReported())) {
            problems.add(hard("not reported as live/dynamic"));
        }
        if (r.start() == null || !r.start().ok()) {
            problems.add(timing("live playback did not advance"));
        }
        if (!r.checks().isEmpty() && !Boolean.TRUE.equals(r.liveAfterChecks())) {
            problems.add(timing("the rendition checks ended after the stream stopped being live: they did not run on a live stream"));
        }
        if (r.checksDoneAtEpochMs() != null && r.checksDoneAtEpochMs() > finalisedAtEpochMs) {
            problems.add(timing("the rendition checks ended " + (r.checksDoneAtEpochMs() - finalisedAtEpochMs)
                    + " ms after the session was ended"));
        }
        if (r.end() == null || !r.end().reached()) {
            problems.add(timing("the end of the stream was not reached after finalisation: " + r.end()));
        }
        if (finalManifest.audio() && r.decoded().audioBytes() == 0) {
            problems.add(hard("no audio decoded"));
        }
        return texts(problems);
    }

    private static List<Problem> common(PlaybackReport r, Manifest manifest, List<Manifest> bandwidthsFrom) {
        List<Problem> problems = new ArrayList<>();
        r.failures().forEach(f -> problems.add(new Problem("harness: " + f, r.timingFailures().contains(f))));
        r.errors().forEach(e -> problems.add(hard("player error: " + e)));
        r.httpErrors().forEach(e -> problems.add(hard("HTTP: " + e)));
        r.pageErrors().forEach(e -> problems.add(hard("page error: " + e)));

        // every rendition listed, at the advertised size and bandwidth
        Player player = player(r);
        List<ListedRendition> listed = r.renditions().stream()
                .sorted(Comparator.comparingInt(ListedRendition::width).thenComparingInt(ListedRendition::height).reversed())
                .toList();
        List<String> listedSizes = listed.stream().map(ListedRendition::size).toList();
        List<String> advertisedSizes = manifest.renditions().stream().map(Rendition::size).toList();
        if (!listedSizes.equals(advertisedSizes)) {
            problems.add(hard("renditions listed " + listedSizes + ", the manifest advertises " + advertisedSizes));
        } else {
            for (int i = 0; i < listed.size(); i++) {
                ListedRendition l = listed.get(i);
                List<Long> bandwidths = new ArrayList<>();
                List<Long> averages = new ArrayList<>();
                for (Manifest m : bandwidthsFrom) {
                    if (m.renditions().size() == listed.size()) {
                        Rendition a = m.renditions().get(i);
                        bandwidths.add(a.bandwidthListedBy(player, m.kind()));
                        averages.add(a.averageBandwidth());
                    }
                }
                if (!bandwidths.contains(l.bandwidth())) {
                    problems.add(hard("rendition " + l.size() + " listed at " + l.bandwidth() + " bps, the manifest says "
                            + (bandwidths.size() == 1 ? bandwidths.get(0) : "one of " + bandwidths)));
                }
                if (l.averageBandwidth() != null && !averages.contains(l.averageBandwidth())) {
                    problems.add(hard("rendition " + l.size() + " listed with AVERAGE-BANDWIDTH " + l.averageBandwidth()
                            + ", the manifest says " + (averages.size() == 1 ? averages.get(0) : "one of " + averages)));
                }
            }
        }

        // every rendition played at its size
        if (r.checks().size() != r.renditions().size()) {
            boolean startFailed = r.start() == null || !r.start().ok();
            problems.add(new Problem(r.checks().size() + " of " + r.renditions().size() + " renditions checked",
                    startFailed && r.errors().isEmpty()));
        }
        for (Check c : r.checks()) {
            if (!c.ok()) {
                boolean rightSize = c.videoWidth() != null && Math.abs(c.videoWidth() - c.width()) <= Math.max(1, c.width() / 100)
                        && Math.abs(c.videoHeight() - c.height()) <= Math.max(1, c.height() / 100);
                problems.add(new Problem("rendition " + c.width() + "x" + c.height() + " did not play: video " + c.videoWidth()
                        + "x" + c.videoHeight() + ", " + c.from() + " -> " + c.to() + " s"
                        + (c.ended() == null ? "" : ", ended " + c.ended()), rightSize && r.errors().isEmpty()));
            }
        }

        // audio iff the manifest has audio
        boolean listedAudio = r.audio() != null && r.audio().tracks() > 0;
        boolean decodedAudio = r.decoded() != null && r.decoded().audioBytes() > 0;
        if (manifest.audio() && !(listedAudio && r.audio().codecs().stream().anyMatch(c -> c.contains("mp4a")))) {
            problems.add(hard("the player lists no AAC audio: " + r.audio()));
        }
        if (!manifest.audio() && (listedAudio || decodedAudio)) {
            problems.add(hard("audio in a stream without audio: " + r.audio() + ", decoded " + r.decoded()));
        }
        return problems;
    }

    private static Problem hard(String text) {
        return new Problem(text, false);
    }

    private static Problem timing(String text) {
        return new Problem(text, true);
    }

    private static List<String> texts(List<Problem> problems) {
        return problems.stream().map(Problem::text).toList();
    }

    private static Player player(PlaybackReport r) {
        for (Player p : Player.values()) {
            if (p.id().equals(r.player())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown player " + r.player());
    }

    /** Fails with every problem of every report (and the reports of the failing runs). */
    public static void assertNoProblems(List<PlaybackReport> reports, List<List<String>> problems) {
        StringBuilder message = new StringBuilder();
        for (int i = 0; i < reports.size(); i++) {
            if (!problems.get(i).isEmpty()) {
                PlaybackReport r = reports.get(i);
                message.append("\n").append(r.player()).append(" on ").append(r.url()).append(":");
                problems.get(i).forEach(p -> message.append("\n  - ").append(p));
            }
        }
        if (message.length() > 0) {
            for (int i = 0; i < reports.size(); i++) {
                if (!problems.get(i).isEmpty()) {
                    message.append("\n\nreport of ").append(reports.get(i).player()).append(":\n")
                            .append(PlayerHarness.pretty(reports.get(i)));
                }
            }
            fail("playback failed:" + message);
        }
    }

    static String fmt(double seconds) {
        return String.format(Locale.ROOT, "%.3f", seconds);
    }
}
