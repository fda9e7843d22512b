package io.github.streamgear.engine.tracks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.streamgear.engine.StreamGearException;
import io.github.streamgear.engine.probe.AudioStream;
import io.github.streamgear.engine.probe.MediaInfo;
import io.github.streamgear.engine.probe.SubtitleStream;
import io.github.streamgear.engine.settings.Encoding;
import io.github.streamgear.engine.settings.TrackSelection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrackPlannerTest {

    /** English 5.1 (not flagged default), English commentary, French (default), German 7.1; SubRip, PGS, ASS forced. */
    private static final MediaInfo FILM = new MediaInfo(1920, 1080, 24, 100, "h264", true, "aac", "matroska,webm",
            List.of(new AudioStream(1, "eng", null, 6, false, false, false),
                    new AudioStream(2, "eng", "Director", 2, false, true, false),
                    new AudioStream(3, "fre", null, 2, true, false, false),
                    new AudioStream(4, "ger", null, 8, false, false, false)),
            List.of(new SubtitleStream(5, "subrip", "eng", null, false, false),
                    new SubtitleStream(6, "hdmv_pgs_subtitle", "eng", null, false, false),
                    new SubtitleStream(7, "ass", "eng", null, true, false)));

    private static TrackPlan plan(String audio, String subtitles, int channels, List<SidecarSubtitle> sidecars) {
        Encoding e = Encoding.DEFAULTS;
        Encoding encoding = new Encoding(e.extraRenditions(), e.bitsPerPixel(), e.videoCodec(), e.preset(), e.audioCodec(),
                e.audioBitrate(), channels, e.gop(), e.outputOptions());
        return new TrackPlanner(new TrackSelection(audio, subtitles, true), encoding).plan(FILM, sidecars);
    }

    @Test
    void everyAudioTrackNamedFlaggedAndLabelled() {
        List<AudioRendition> audio = plan("all", "all", 0, List.of()).audio();
        assertEquals(List.of("audio", "audio_en", "audio_fr", "audio_de"), audio.stream().map(AudioRendition::name).toList());
        assertEquals(List.of("0:a:0", "0:a:1", "0:a:2", "0:a:3"), audio.stream().map(AudioRendition::input).toList());
        assertEquals(List.of("English", "Director", "Français", "Deutsch"), audio.stream().map(AudioRendition::label).toList());
        assertEquals(List.of("alternate", "commentary", "main", "alternate"), audio.stream().map(AudioRendition::role).toList());
        assertEquals(List.of(false, false, true, false), audio.stream().map(AudioRendition::isDefault).toList());
        assertEquals(List.of(6, 2, 2, 6), audio.stream().map(AudioRendition::channels).toList(), "7.1 is kept as 5.1");
        assertEquals(List.of(false, false, false, true), audio.stream().map(AudioRendition::downmix).toList());
    }

    @Test
    void selectorsTakeAnyIso639FormAndIndexes() {
        assertEquals(List.of("fr"), plan("fra", "none", 0, List.of()).audio().stream().map(AudioRendition::language).toList());
        assertEquals(List.of("fr"), plan("fre", "none", 0, List.of()).audio().stream().map(AudioRendition::language).toList());
        assertEquals(List.of("en", "en"), plan("en", "none", 0, List.of()).audio().stream().map(AudioRendition::language)
                .toList());
        assertEquals(List.of("de"), plan("4", "none", 0, List.of()).audio().stream().map(AudioRendition::language).toList());
        TrackPlan first = plan("first", "none", 0, List.of());
        assertEquals(1, first.audio().size());
        assertTrue(first.audio().get(0).isDefault(), "the only track is the default one");
        TrackPlan partly = plan("fra,ita", "none", 0, List.of());
        assertTrue(partly.warnings().contains("audioTracks: 'ita' matches no audio stream of the source"), partly.warnings().toString());
    }

    @Test
    void nothingSelectedFailsNamingTheSourcesTracks() {
        StreamGearException e = assertThrows(StreamGearException.class, () -> plan("ita", "all", 0, List.of()));
        assertTrue(e.getMessage().contains("#0:1 eng, #0:2 eng, #0:3 fre, #0:4 ger"), e.getMessage());
        assertTrue(plan("none", "all", 0, List.of()).audio().isEmpty(), "none is meant");
    }

    @Test
    void audioChannelsOptionAppliesToEveryTrack() {
        assertEquals(List.of(2, 2, 2, 2), plan("all", "none", 2, List.of()).audio().stream().map(AudioRendition::channels)
                .toList());
    }

    @Test
    void bitmapSubtitlesSkippedWithAWarningForcedOnesNamedApart(@TempDir Path dir) throws Exception {
        Path german = Files.writeString(dir.resolve("film.de.srt"), "1\n00:00:01,000 --> 00:00:02,000\nHallo\n");
        TrackPlan plan = plan("all", "all", 0, List.of(new SidecarSubtitle(german, "de", false)));
        assertEquals(List.of("en", "en-forced", "de"), plan.subtitles().stream().map(SubtitleRendition::name).toList());
        assertEquals(List.of("English", "English (forced)", "Deutsch"), plan.subtitles().stream()
                .map(SubtitleRendition::label).toList());
        assertTrue(plan.warnings().stream().anyMatch(w -> w.contains("#0:6 (hdmv_pgs_subtitle, eng)") && w.contains("skipped")),
                plan.warnings().toString());
        assertEquals(List.of("de"), plan("all", "de", 0, List.of(new SidecarSubtitle(german, "de", false))).subtitles().stream()
                .map(SubtitleRendition::name).toList(), "a language list selects side-cars too");
    }

    @Test
    void sidecarsAreFoundBesideTheSourceByName(@TempDir Path dir) throws Exception {
        Path movie = Files.createFile(dir.resolve("movie.mp4"));
        for (String name : List.of("movie.de.srt", "movie.fr.forced.srt", "movie.srt", "movie.en-US.vtt", "movie2.srt",
                "other.de.srt", "movie.de.txt")) {
            Files.writeString(dir.resolve(name), "x");
        }
        List<String> found = SidecarSubtitle.besides(movie).stream()
                .map(s -> s.file().getFileName() + "|" + s.language() + "|" + s.forced()).toList();
        assertEquals(List.of("movie.de.srt|de|false", "movie.en-US.vtt|en-US|false", "movie.fr.forced.srt|fr|true",
                "movie.srt|null|false"), found);
        assertEquals("es", SidecarSubtitle.parse("es=/subs/spanish.srt").language());
        assertEquals("it", SidecarSubtitle.parse("/subs/film.it.srt").language());
    }

    @Test
    void languageTagsAndNames() {
        assertEquals("en", Languages.tag("eng"));
        assertEquals("de", Languages.tag("ger"));
        assertEquals("zh", Languages.tag("chi"));
        assertEquals("pt-BR", Languages.tag("pt_BR"));
        assertEquals("Français", Languages.nativeName("fre"));
        assertEquals("Deutsch", Languages.nativeName("deu"));
        assertEquals("English", Languages.nativeName("en"));
        assertEquals("xyz", Languages.nativeName("xyz"), "an unknown code stays as it is");
        assertTrue(Languages.same("fre", "fra") && Languages.same("fr", "fre") && !Languages.same("fr", "eng"));
    }
}
