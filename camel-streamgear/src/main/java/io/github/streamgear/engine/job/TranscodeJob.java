package io.github.streamgear.engine.job;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import io.github.streamgear.engine.command.SourceSpec;
import io.github.streamgear.engine.settings.TranscodeSettings;
import io.github.streamgear.engine.tracks.SidecarSubtitle;

/**
 * One single-source job: read {@code source}, write the streaming assets into {@code jobDir}.
 *
 * @param jobId    name of the job, used in logs (and by the Camel layer as the output sub-folder)
 * @param source   the file or URL to transcode
 * @param jobDir   the folder the manifests and segments are written into; created if missing
 * @param settings   how to encode and segment
 * @param sourceName the source's file name when the job id was derived from it (then the folder may not hold another
 *                   source's stream), null when the id was chosen
 * @param subtitles  side-car subtitle files given with the job (those beside a source file are found on their own)
 */
public record TranscodeJob(String jobId, SourceSpec source, Path jobDir, TranscodeSettings settings, String sourceName,
        List<SidecarSubtitle> subtitles) {

    public TranscodeJob(String jobId, SourceSpec source, Path jobDir, TranscodeSettings settings) {
        this(jobId, source, jobDir, settings, null);
    }

    public TranscodeJob(String jobId, SourceSpec source, Path jobDir, TranscodeSettings settings, String sourceName) {
        this(jobId, source, jobDir, settings, sourceName, List.of());
    }

    public TranscodeJob {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(jobDir, "jobDir");
        Objects.requireNonNull(settings, "settings");
        subtitles = List.copyOf(subtitles);
    }
}
