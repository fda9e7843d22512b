package io.github.streamgear.engine.tracks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import io.github.streamgear.engine.StreamGearException;
import io.github.streamgear.engine.probe.AudioStream;
import io.github.streamgear.engine.probe.MediaInfo;
import io.github.streamgear.engine.probe.SubtitleStream;
import io.github.streamgear.engine.settings.Encoding;
import io.github.streamgear.engine.settings.TrackSelection;

/**
 * Decides which audio and subtitle tracks of a source are published, and how each is named and flagged, from what
 * ffprobe found, the options and the side-car subtitle files of the job.
 */
public final class TrackPlanner {

    /** Channel layouts up to 5.1 are kept; AAC in players goes no further. */
    static final int MAX_CHANNELS = 6;

    private final TrackSelection selection;
    private final Encoding encoding;

    public TrackPlanner(TrackSelection selection, Encoding encoding) {
        this.selection = selection;
        this.encoding = encoding;
    }

    /** The tracks of a single-source job. */
    public TrackPlan plan(MediaInfo media, List<SidecarSubtitle> sidecars) {
        List<String> warnings = new ArrayList<>();
        List<AudioStream> audio = select(media.audioStreams(), selection.audioTracks(), AudioStream::index,
                AudioStream::language, "audioTracks", "audio", warnings);
        if (audio.isEmpty() && !media.audioStreams().isEmpty() && !selection.audioTracks().equals(TrackSelection.NONE)) {
            throw new StreamGearException("Option audioTracks=" + selection.audioTracks() + " selects none of the source's"
                    + " audio streams (" + describe(media.audioStreams()) + "): the film would be published silent");
        }
        List<AudioRendition> audioRenditions = audioRenditions(audio, media.audioStreams());

        List<SubtitleStream> text = new ArrayList<>();
        for (SubtitleStream s : media.subtitleStreams()) {
            if (s.isText()) {
                text.add(s);
            } else {
                warnings.add("subtitle stream #0:" + s.index() + " (" + s.codec() + (s.language() == null ? "" : ", "
                        + s.language()) + ") is a bitmap or teletext track that cannot become WebVTT text: skipped");
            }
        }
        List<SubtitleStream> chosen = select(text, selection.subtitleTracks(), SubtitleStream::index,
                SubtitleStream::language, "subtitleTracks", "subtitle", warnings);
        List<SubtitleRendition> subtitles = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> labels = new HashSet<>();
        for (SubtitleStream s : chosen) {
            subtitles.add(subtitle(s.index(), null, s.language(), s.title(), s.forced(), s.isDefault(), names, labels));
        }
        if (!selection.subtitleTracks().equals(TrackSelection.NONE)) {
            for (SidecarSubtitle car : sidecars) {
                if (selects(selection.subtitleTracks(), -1, car.language())) {
                    subtitles.add(subtitle(-1, car.file(), car.language(), null, car.forced(), false, names, labels));
                }
            }
        }
        return new TrackPlan(audioRenditions, subtitles, warnings);
    }

    /** Frames mode: the one external audio track, if any. */
    public TrackPlan external(AudioStream stream) {
        if (stream == null) {
            return TrackPlan.NONE;
        }
        AudioStream only = new AudioStream(-1, stream.language(), stream.title(), stream.channels(), true, false, false);
        AudioRendition r = audioRenditions(List.of(only), List.of(only)).get(0);
        return new TrackPlan(List.of(new AudioRendition(r.name(), "1:a:0", r.language(), r.label(), r.channels(), r.role(),
                true, r.downmix())), List.of(), List.of());
    }

    /** Streams are mapped by their place among the source's audio streams ({@code 0:a:1}). */
    private List<AudioRendition> audioRenditions(List<AudioStream> audio, List<AudioStream> sourceAudio) {
        AudioStream main = audio.stream().filter(AudioStream::isDefault).findFirst().orElse(audio.isEmpty() ? null : audio.get(0));
        List<AudioRendition> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> labels = new HashSet<>();
        for (int i = 0; i < audio.size(); i++) {
            AudioStream a = audio.get(i);
            String language = Languages.tag(a.language());
            String name = i == 0 ? "audio" : unique("audio_" + (language == null ? Integer.toString(i + 1) : language), names);
            names.add(name);
            String role = a == main ? "main" : a.commentary() ? "commentary" : a.describesVideo() ? "description" : "alternate";
            String label = a.title() != null ? a.title() : language != null ? Languages.nativeName(language) : "Audio";
            if (labels.contains(label) && a.commentary()) {
                label += " (commentary)";
            }
            label = unique(label, labels);
            labels.add(label);
            int channels = channels(a.channels());
            out.add(new AudioRendition(name, "0:a:" + sourceAudio.indexOf(a), language, label, channels, role, a == main,
                    encoding.audioChannels() == 0 && a.channels() > channels));
        }
        return out;
    }

    private int channels(int source) {
        if (encoding.audioChannels() > 0) {
            return encoding.audioChannels();
        }
        return source <= 0 ? 0 : Math.min(source, MAX_CHANNELS);
    }

    private static SubtitleRendition subtitle(int index, java.nio.file.Path file, String language, String title,
            boolean forced, boolean isDefault, Set<String> names, Set<String> labels) {
        String tag = Languages.tag(language);
        String name = tag == null ? "und" : tag;
        if (names.contains(name) && forced) {
            name += "-forced";
        }
        name = unique(name, names);
        names.add(name);
        String label = title != null ? title : tag != null ? Languages.nativeName(tag) : "Subtitles";
        if (forced && title == null) {
            label += " (forced)";
        }
        label = unique(label, labels);
        labels.add(label);
        return new SubtitleRendition(name, index, file, tag, label, forced, isDefault);
    }

    /** {@code base}, or {@code base-2}, {@code base-3}... (labels: {@code base 2}) when taken. */
    private static String unique(String base, Set<String> taken) {
        if (!taken.contains(base)) {
            return base;
        }
        String separator = base.matches("[A-Za-z0-9_-]+") ? "-" : " ";
        for (int n = 2;; n++) {
            if (!taken.contains(base + separator + n)) {
                return base + separator + n;
            }
        }
    }

    private static <T> List<T> select(List<T> streams, String option, Function<T, Integer> index,
            Function<T, String> language, String optionName, String what, List<String> warnings) {
        if (option.equals(TrackSelection.NONE) || streams.isEmpty()) {
            return List.of();
        }
        if (option.equals(TrackSelection.ALL)) {
            return List.copyOf(streams);
        }
        if (option.equals(TrackSelection.FIRST)) {
            return List.of(streams.get(0));
        }
        List<String> selectors = TrackSelection.selectors(option);
        List<T> chosen = streams.stream()
                .filter(s -> selectors.stream().anyMatch(sel -> matches(sel, index.apply(s), language.apply(s)))).toList();
        for (String selector : selectors) {
            if (streams.stream().noneMatch(s -> matches(selector, index.apply(s), language.apply(s)))) {
                warnings.add(optionName + ": '" + selector + "' matches no " + what + " stream of the source");
            }
        }
        return chosen;
    }

    private static boolean selects(String option, int index, String language) {
        if (option.equals(TrackSelection.ALL) || option.equals(TrackSelection.FIRST)) {
            return true; // side-cars are files the user gave: "first" limits the source's own streams
        }
        return TrackSelection.selectors(option).stream().anyMatch(s -> matches(s, index, language));
    }

    private static boolean matches(String selector, int index, String language) {
        if (selector.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(selector) == index;
        }
        return Languages.same(selector, language);
    }

    private static String describe(List<AudioStream> streams) {
        List<String> parts = new ArrayList<>();
        for (AudioStream s : streams) {
            parts.add("#0:" + s.index() + (s.language() == null ? "" : " " + s.language().toLowerCase(Locale.ROOT)));
        }
        return String.join(", ", parts);
    }
}
