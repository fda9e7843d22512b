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

/**
 * A finished job.
 *
 * @param jobId    the job's name
 * @param jobDir   the folder its files are in
 * @param files    the files it produced, in publication order (segments first, manifests last)
 * @param source   what the source was
 * @param ladder   the renditions encoded, with the planning warnings (rungs dropped or adjusted)
 * @param format   the streaming format
 * @param wallTime how long FFmpeg ran
 * @param outputSeconds how long the output plays (its longest playlist or representation), -1 if unknown
 * @param shortOutput   the output plays shorter than the source and that was allowed ({@code allowShortOutput})
 */
public record TranscodeResult(String jobId, Path jobDir, List<OutputFile> files, MediaInfo source, Ladder ladder,
        StreamFormat format, Duration wallTime, double outputSeconds, boolean shortOutput) {

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
                format.name(), outputSeconds < 0 ? "" : String.format(Locale.ROOT, " %.1f s", outputSeconds), renditions, source.hasAudio() ? " + audio" : "", files.size(), totalBytes() / 1e6,
                wallTime.toMillis() / 1000.0, speed(), jobDir);
        return ladder.warnings().isEmpty() ? text : text + "; " + String.join("; ", ladder.warnings());
    }
}
