package io.github.streamgear.playback;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.github.streamgear.playback.PlaybackAssertions.Problem;
import io.github.streamgear.playback.PlaybackReport.AudioSwitch;
import io.github.streamgear.playback.PlaybackReport.Cue;
import io.github.streamgear.playback.PlaybackReport.CueSample;
import io.github.streamgear.playback.PlaybackReport.Track;
import io.github.streamgear.playback.PlaybackReport.Tracks;

/**
 * Judges the report of a track run ({@link PlayerHarness.Run#tracks}) against what the stream should carry.
 * <p>
 * Usage (the product test):
 * <pre>{@code
 * Expected expected = Expected.tracks()
 *         .audio("eng", "English", 2).audio("fra", "Français", 6)   // every audio track, in any order
 *         .text("eng", "English")                                   // every text track
 *         .startsWith("eng")                                        // the audio active before any switch
 *         .cue(2.5, "Cue 2", 2.0)                                   // at 2.5 s "Cue 2" shows, starting at 2.0 s ±0.5
 *         .tones(440, 220)                                          // heard before / after the switch (probeAudio)
 *         .noConsoleErrors();                                       // optional: no console error either
 * TrackScenario scenario = TrackScenario.play().showText("eng").switchAudio("fra", 2.0).sampleCues(2.5).probeAudio();
 * PlaybackReport r = harness.play(Run.tracks(Player.SHAKA, harness.url(manifest), scenario));
 * List<String> problems = TrackAssertions.problems(r, expected);   // empty: all good
 * }</pre>
 * Languages compare by their base language in either ISO 639 form ("eng" = "en" = "en-GB"): Shaka and dash.js list
 * "eng" as "en". A {@code null} label or channel count in an expectation is not checked; a given one must be exactly
 * what the player lists (HLS: NAME and CHANNELS; DASH: {@code <Label>} and AudioChannelConfiguration).
 */
public final class TrackAssertions {

    /** A cue's start on the player's timeline vs the expected one, seconds. */
    public static final double CUE_TOLERANCE = 0.5;
    /** A heard tone vs the expected one, Hz (the analyser's bins are 5.9 Hz wide at 48 kHz). */
    public static final double TONE_TOLERANCE_HZ = 15;
    /** After the switch call the new track must be heard within this much media time (players switch at a segment). */
    public static final double SWITCH_HEARD_WITHIN = 2.5;

    private static final Map<String, String> ISO_639_1 = Map.ofEntries(Map.entry("eng", "en"), Map.entry("fra", "fr"),
            Map.entry("fre", "fr"), Map.entry("deu", "de"), Map.entry("ger", "de"), Map.entry("spa", "es"),
            Map.entry("ita", "it"), Map.entry("por", "pt"), Map.entry("nld", "nl"), Map.entry("dut", "nl"),
            Map.entry("jpn", "ja"), Map.entry("zho", "zh"), Map.entry("chi", "zh"), Map.entry("rus", "ru"),
            Map.entry("ara", "ar"), Map.entry("pol", "pl"), Map.entry("swe", "sv"), Map.entry("nor", "no"),
            Map.entry("dan", "da"), Map.entry("fin", "fi"));

    private TrackAssertions() {
    }

    /** An expected track: language, and (when not null) label and channel count. */
    public record ExpectedTrack(String language, String label, Integer channels) {

        @Override
        public String toString() {
            return language + (label == null ? "" : " '" + label + "'") + (channels == null ? "" : " " + channels + "ch");
        }
    }

    /** At media time {@code at} the active cue says {@code text} and starts at {@code start} (±{@link #CUE_TOLERANCE}). */
    public record ExpectedCue(double at, String text, double start) {
    }

    /**
     * What a track run must show; built with {@link #tracks()} and the fluent methods. Empty lists and nulls are not
     * checked.
     */
    public record Expected(List<ExpectedTrack> audio, List<ExpectedTrack> text, String startsWith, List<ExpectedCue> cues,
            Integer toneBefore, Integer toneAfter, boolean cleanConsole) {

        public static Expected tracks() {
            return new Expected(List.of(), List.of(), null, List.of(), null, null, false);
        }

        /**
         * No console error in the page either (players log some stream defects only there, e.g. Shaka's "Missing
         * EXT-X-PROGRAM-DATE-TIME for stream [...] Expect AV sync issues!" for a subtitle playlist without the program
         * date times its media playlists have).
         */
        public Expected noConsoleErrors() {
            return new Expected(audio, text, startsWith, cues, toneBefore, toneAfter, true);
        }

        /** An audio track the player must list (all of them: the list must have exactly these). */
        public Expected audio(String language, String label, Integer channels) {
            return new Expected(plus(audio, new ExpectedTrack(language, label, channels)), text, startsWith, cues,
                    toneBefore, toneAfter, cleanConsole);
        }

        /** A text track the player must list (all of them). */
        public Expected text(String language, String label) {
            return new Expected(audio, plus(text, new ExpectedTrack(language, label, null)), startsWith, cues, toneBefore,
                    toneAfter, cleanConsole);
        }

        /** The audio language active once loaded (the stream's default). */
        public Expected startsWith(String language) {
            return new Expected(audio, text, language, cues, toneBefore, toneAfter, cleanConsole);
        }

        /** A cue sample: the scenario must sample {@code at} ({@code TrackScenario.sampleCues}). */
        public Expected cue(double at, String cueText, double start) {
            return new Expected(audio, text, startsWith, plus(cues, new ExpectedCue(at, cueText, start)), toneBefore,
                    toneAfter, cleanConsole);
        }

        /** The tones heard before and after the audio switch (the scenario must {@code probeAudio()}). */
        public Expected tones(int before, int after) {
            return new Expected(audio, text, startsWith, cues, before, after, cleanConsole);
        }

        private static <T> List<T> plus(List<T> list, T item) {
            List<T> l = new ArrayList<>(list);
            l.add(item);
            return List.copyOf(l);
        }
    }

    /** Everything wrong with a track run (empty: it showed what was expected). */
    public static List<String> problems(PlaybackReport r, Expected e) {
        return check(r, e).stream().map(Problem::text).toList();
    }

    /** True when all problems only say "too slow / stuck" (a starved machine): worth one more try. */
    public static boolean onlyTiming(PlaybackReport r, Expected e) {
        List<Problem> problems = check(r, e);
        return !problems.isEmpty() && problems.stream().allMatch(Problem::timing);
    }

    /** Same base language: "eng", "en" and "en-GB" are the same; "fra", "fre" and "fr" too. */
    public static boolean sameLanguage(String a, String b) {
        return a != null && b != null && base(a).equals(base(b));
    }

    private static String base(String language) {
        String b = language.toLowerCase(Locale.ROOT).split("[-_]")[0];
        return ISO_639_1.getOrDefault(b, b);
    }

    static List<Problem> check(PlaybackReport r, Expected e) {
        List<Problem> problems = new ArrayList<>();
        r.failures().forEach(f -> problems.add(new Problem("harness: " + f, r.timingFailures().contains(f))));
        r.errors().forEach(x -> problems.add(hard("player error: " + x)));
        r.httpErrors().forEach(x -> problems.add(hard("HTTP: " + x)));
        r.pageErrors().forEach(x -> problems.add(hard("page error: " + x)));
        if (e.cleanConsole() && r.console() != null) {
            r.console().stream().filter(l -> l.startsWith("error: ")).forEach(l -> problems.add(hard("console " + l)));
        }
        Tracks t = r.tracks();
        if (t == null) {
            problems.add(hard("not a track run (no tracks in the report)"));
            return problems;
        }
        listed("audio", t.audio(), e.audio(), problems);
        listed("text", t.text(), e.text(), problems);
        if (e.startsWith() != null) {
            List<Track> active = t.audio().stream().filter(Track::active).toList();
            if (active.size() != 1 || !sameLanguage(active.get(0).language(), e.startsWith())) {
                problems.add(hard("starts with audio " + active + ", expected " + e.startsWith()));
            }
        }
        if (t.textSelection() != null && !t.textSelection().ok()) {
            problems.add(hard("text " + t.textSelection().language() + " could not be selected: " + t.textSelection().error()));
        }
        AudioSwitch sw = t.audioSwitch();
        if (sw != null) {
            if (!sw.ok()) {
                problems.add(new Problem("audio switch to " + sw.language() + " at " + sw.at() + " s failed: reported active "
                        + sw.activeReported() + ", advanced " + sw.advanced() + " s after it, ended " + sw.ended()
                        + (sw.error() == null ? "" : ", " + sw.error()), sw.error() == null && sw.activeReported()
                        && r.errors().isEmpty()));
            }
            List<Track> after = t.audioAfter().stream().filter(Track::active).toList();
            if (after.size() != 1 || !sameLanguage(after.get(0).language(), sw.language())) {
                problems.add(hard("after the switch to " + sw.language() + " the active audio is " + after));
            }
        }
        for (ExpectedCue c : e.cues()) {
            CueSample sample = t.cueSamples().stream().filter(s -> Math.abs(s.at() - c.at()) < 1e-6).findFirst().orElse(null);
            if (sample == null) {
                problems.add(hard("no cue sample at " + c.at() + " s (add it to the scenario's sampleCues)"));
            } else if (Boolean.TRUE.equals(sample.missed())) {
                problems.add(timing("playback never reached " + c.at() + " s to sample the cues"));
            } else {
                Cue match = sample.active().stream().filter(x -> Objects.equals(x.text(), c.text())).findFirst().orElse(null);
                if (match == null || Math.abs(match.start() - c.start()) > CUE_TOLERANCE) {
                    // where the expected cue is on the player's timeline, if anywhere
                    Cue placed = match != null ? match
                            : t.cues().stream().filter(x -> Objects.equals(x.text(), c.text())).findFirst().orElse(null);
                    problems.add(hard("at " + sample.time() + " s (track '" + sample.track() + "') the active cues are "
                            + sample.active() + ", expected '" + c.text() + "' starting at " + c.start() + " s ±"
                            + CUE_TOLERANCE + (placed == null ? "; the player holds no such cue"
                                    : ": the player has it at " + placed.start() + "-" + placed.end() + " s, "
                                            + fmt(placed.start() - c.start()) + " s off")
                            + "; all cues: " + t.cues()));
                }
            }
        }
        if (e.toneBefore() != null || e.toneAfter() != null) {
            tones(t, e, problems);
        }
        return problems;
    }

    private static void listed(String what, List<Track> listed, List<ExpectedTrack> expected, List<Problem> problems) {
        if (expected.isEmpty()) {
            return;
        }
        List<Track> left = new ArrayList<>(listed);
        List<ExpectedTrack> missing = new ArrayList<>();
        for (ExpectedTrack x : expected) {
            Track found = left.stream().filter(l -> sameLanguage(l.language(), x.language())
                    && (x.label() == null || x.label().equals(l.label()))
                    && (x.channels() == null || x.channels().toString().equals(l.channels()))).findFirst().orElse(null);
            if (found == null) {
                missing.add(x);
            } else {
                left.remove(found);
            }
        }
        if (!missing.isEmpty() || !left.isEmpty()) {
            problems.add(hard(what + " tracks listed " + listed + ", expected " + expected
                    + (missing.isEmpty() ? "" : "; none matches " + missing)
                    + (left.isEmpty() ? "" : "; not expected " + left)));
        }
    }

    private static void tones(Tracks t, Expected e, List<Problem> problems) {
        if (t.tones() == null || t.tones().isEmpty()) {
            problems.add(hard("no tones heard: the scenario must probeAudio() (and Web Audio must run)"));
            return;
        }
        AudioSwitch sw = t.audioSwitch();
        double switchAt = sw == null || sw.at() == null ? Double.MAX_VALUE : sw.at();
        if (e.toneBefore() != null) {
            // every tone heard before the switch (silence, 0 Hz, is not a tone: the start, a busy machine)
            List<List<Double>> before = t.tones().stream().filter(x -> x.get(0) < switchAt).toList();
            if (before.stream().noneMatch(x -> near(x.get(1), e.toneBefore()))
                    || before.stream().anyMatch(x -> x.get(1) > 0 && !near(x.get(1), e.toneBefore()))) {
                problems.add(hard("before the switch heard " + before + " ([media time, Hz]), expected " + e.toneBefore()
                        + " Hz (and no other tone)"));
            }
        }
        if (e.toneAfter() != null && sw != null && sw.at() != null) {
            List<List<Double>> after = t.tones().stream().filter(x -> x.get(0) >= switchAt).toList();
            int first = -1;
            for (int i = 0; i < after.size(); i++) {
                if (near(after.get(i).get(1), e.toneAfter())) {
                    first = i;
                    break;
                }
            }
            boolean stays = first >= 0 && after.subList(first, after.size()).stream()
                    .allMatch(x -> x.get(1) == 0 || near(x.get(1), e.toneAfter()));
            if (first < 0 || !stays || after.get(first).get(0) - switchAt > SWITCH_HEARD_WITHIN) {
                problems.add(hard("after the switch at " + switchAt + " s heard " + after + " ([media time, Hz]), expected "
                        + e.toneAfter() + " Hz within " + SWITCH_HEARD_WITHIN + " s and no other tone from then on"));
            }
        }
    }

    /** Media time from the switch call until the new track's tone was heard (null: never, or no probe). */
    public static Double switchHeardAfter(PlaybackReport r, int toneAfter) {
        Tracks t = r.tracks();
        if (t == null || t.tones() == null || t.audioSwitch() == null || t.audioSwitch().at() == null) {
            return null;
        }
        double at = t.audioSwitch().at();
        return t.tones().stream().filter(x -> x.get(0) >= at && near(x.get(1), toneAfter)).map(x -> x.get(0) - at)
                .findFirst().orElse(null);
    }

    private static boolean near(double hz, int expected) {
        return Math.abs(hz - expected) <= TONE_TOLERANCE_HZ;
    }

    private static Problem hard(String text) {
        return new Problem(text, false);
    }

    private static Problem timing(String text) {
        return new Problem(text, true);
    }

    private static String fmt(double seconds) {
        return String.format(Locale.ROOT, "%+.3f", seconds);
    }
}
