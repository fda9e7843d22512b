package io.github.streamgear.engine.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.github.streamgear.engine.ladder.Ladder;
import io.github.streamgear.engine.output.OutputFile;
import io.github.streamgear.engine.probe.MediaInfo;
import io.github.streamgear.engine.settings.StreamFormat;
import io.github.streamgear.engine.tracks.SubtitleRendition;
import io.github.streamgear.engine.tracks.TrackPlan;

/**
 * A finished job.
 *
 * @param jobId    the job's name
 * @param jobDir   the folder its files are in
 * @param files    the files it produced, in publication order (segments first, manifests last)
 * @param source   what the source was
 * @param ladder   the renditions encoded, with the planning warnings (rungs dropped or adjusted)
 * @param tracks   the audio and subtitle tracks carried, with what was skipped
 * @param format   the streaming format
 * @param wallTime how long FFmpeg ran
 * @param outputSeconds how long the output plays (its longest playlist or representation), -1 if unknown
 * @param shortOutput   the output plays shorter than the source and that was allowed ({@code allowShortOutput})
 */
public record TranscodeResult(String jobId, Path jobDir, List<OutputFile> files, MediaInfo source, Ladder ladder,
        TrackPlan tracks, StreamFormat format, Duration wallTime, double outputSeconds, boolean shortOutput) {

    public TranscodeResult {
        files = List.copyOf(files);
    }

    /** Media seconds encoded per wall-clock second. */
    public double speed() {
        return wallTime.toMillis() == 0 ? 0 : source.durationSeconds() / (wallTime.toMillis() / 1000.0);
    }

    public long totalBytes() {
        return files.stream().mapToLong(OutputFile::size).sum();
    }

    /** One line that says what the job did, for the log. */
    public String summary() {
        String renditions = ladder.renditions().stream().map(Object::toString).collect(Collectors.joining(", "));
        String text = String.format(Locale.ROOT,
                "Job %s: %s %dx%d %.2f fps %.1f s -> %s%s [%s]%s, %d files, %.1f MB in %.1f s (%.2fx real time), output %s",
                jobId, source.videoCodec(), source.width(), source.height(), source.fps(), source.durationSeconds(),
                format.name(), outputSeconds < 0 ? "" : String.format(Locale.ROOT, " %.1f s", outputSeconds), renditions,
                tracksSummary(), files.size(), totalBytes() / 1e6, wallTime.toMillis() / 1000.0, speed(), jobDir);
        List<String> warnings = new java.util.ArrayList<>(ladder.warnings());
        warnings.addAll(tracks.warnings());
        return warnings.isEmpty() ? text : text + "; " + String.join("; ", warnings);
    }

    /** {@code  + audio}, {@code  + audio [en, fr 6ch] + subtitles [en, fr, de]}. */
    private String tracksSummary() {
        if (tracks.audio().size() <= 1 && tracks.subtitles().isEmpty()) {
            return tracks.hasAudio() ? " + audio" : "";
        }
        String audio = tracks.audio().stream().map(a -> (a.language() == null ? a.name() : a.language())
                + (a.channels() > 2 ? " " + a.channels() + "ch" : "")).collect(Collectors.joining(", ", " + audio [", "]"));
        return (tracks.hasAudio() ? audio : "") + (tracks.subtitles().isEmpty() ? ""
                : tracks.subtitles().stream().map(SubtitleRendition::name).collect(Collectors.joining(", ", " + subtitles [", "]")));
    }
}
