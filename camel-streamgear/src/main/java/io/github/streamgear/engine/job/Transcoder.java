package io.github.streamgear.engine.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.function.Consumer;

import io.github.streamgear.engine.Credentials;
import io.github.streamgear.engine.Durations;
import io.github.streamgear.engine.StreamGearException;
import io.github.streamgear.engine.command.CommandBuilder;
import io.github.streamgear.engine.command.InputGuard;
import io.github.streamgear.engine.command.SourceSpec;
import io.github.streamgear.engine.ffmpeg.FfmpegBinaries;
import io.github.streamgear.engine.ffmpeg.FfmpegRunner;
import io.github.streamgear.engine.ffmpeg.ProcessResult;
import io.github.streamgear.engine.ffmpeg.ProgressParser;
import io.github.streamgear.engine.ladder.Ladder;
import io.github.streamgear.engine.output.DiskSpace;
import io.github.streamgear.engine.output.OutputEvent;
import io.github.streamgear.engine.output.OutputFile;
import io.github.streamgear.engine.output.OutputLayout;
import io.github.streamgear.engine.output.OutputVerifier;
import io.github.streamgear.engine.output.PreviewPage;
import io.github.streamgear.engine.output.SourceRecord;
import io.github.streamgear.engine.probe.MediaInfo;
import io.github.streamgear.engine.protection.JobProtection;
import io.github.streamgear.engine.protection.KeyProvider;
import io.github.streamgear.engine.probe.MediaProbe;
import io.github.streamgear.engine.settings.Encoding;
import io.github.streamgear.engine.settings.TranscodeSettings;
import io.github.streamgear.engine.tracks.SidecarSubtitle;
import io.github.streamgear.engine.tracks.TrackPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs single-source jobs: probe the source, plan the ladder, build the FFmpeg command, run it, and report the files it
 * wrote. A job that fails leaves none of its files behind and no process running. Thread-safe: jobs may run
 * concurrently. The {@link FfmpegRunner} is shared (the component's, which stops it): a transcoder never closes it.
 */
public final class Transcoder {

    private static final Logger LOG = LoggerFactory.getLogger(Transcoder.class);
    /** How much shorter than its source an output may play: encoders and containers round the last frames. */
    private static final double SHORT_OUTPUT_TOLERANCE_SECONDS = 1.0;
    private static final double SHORT_OUTPUT_TOLERANCE_SHARE = 0.01;
    private static final Duration ENCODING_CHECK_TIMEOUT = Duration.ofSeconds(30);

    private final FfmpegBinaries binaries;
    private final FfmpegRunner runner;
    private final MediaProbe probe;
    private final Duration progressInterval;

    public Transcoder(FfmpegBinaries binaries, FfmpegRunner runner, Duration progressInterval) {
        this.binaries = binaries;
        this.runner = runner;
        this.probe = new MediaProbe(binaries, runner);
        this.progressInterval = progressInterval;
    }

    public FfmpegBinaries binaries() {
        return binaries;
    }

    /**
     * Fails now, naming the options, when this FFmpeg refuses the encoders, presets, bitrates or raw output options
     * (an encoder it lacks, {@code preset=superfast2}, {@code audioBitrate=lots}, {@code ffmpeg.tune=flim}), rather
     * than on the first real upload, which a watch folder would then move to {@code .failed}.
     */
    public void checkEncoding(TranscodeSettings settings) {
        ProcessResult result = runner.run(CommandBuilder.forEncodingCheck(binaries.ffmpeg(), settings), ENCODING_CHECK_TIMEOUT,
                null);
        if (!result.succeeded()) {
            Encoding e = settings.encoding();
            throw new StreamGearException(String.format(Locale.ROOT, "FFmpeg %s refuses these encoding options:"
                    + " videoCodec=%s, preset=%s, audioCodec=%s, audioBitrate=%s, audioChannels=%d, raw output options %s",
                    binaries.ffmpeg(), e.videoCodec(), e.preset(), e.audioCodec(), e.audioBitrate(), e.audioChannels(),
                    e.outputOptions()), null, result.logTail());
        }
    }

    /**
     * Runs a job.
     *
     * @param listener receives every file as soon as FFmpeg completes it (and, if the job fails, every reported file
     *                 that is removed again); may be null
     * @param progress receives a report every progress interval and FFmpeg's last one; may be null
     */
    public TranscodeResult transcode(TranscodeJob job, Consumer<OutputEvent> listener, Consumer<JobProgress> progress) {
        return transcode(job, listener, progress, null);
    }

    /**
     * Runs a job whose output may be encrypted (option {@code encryption}): the key comes from {@code keys}, asked
     * before anything is written; the private key folder is removed when the job ends, whatever its outcome.
     *
     * @param keys the job's key provider; needed only when the settings encrypt
     */
    public TranscodeResult transcode(TranscodeJob job, Consumer<OutputEvent> listener, Consumer<JobProgress> progress,
            KeyProvider keys) {
        TranscodeSettings settings = job.settings();
        checkSource(job.source());
        SourcePlan plan = SourcePlan.of("Job " + job.jobId(), job.source(), settings, sidecars(job), probe, binaries);
        List<String> argv = plan.argv();

        // before the folder is touched (clearPrevAssets would remove the other source's stream)
        SourceRecord.check(job.jobDir().toAbsolutePath(), job.jobId(), job.sourceName());
        try (JobProtection protection = JobProtection.prepare(job.jobId(), settings, keys)) {
            if (protection != null) {
                argv = protection.arguments(argv, plan.layout().ffmpegTarget());
                LOG.info("Job {}: encrypting with {}, key id {}, key URI {}", job.jobId(),
                        settings.protection().encryption().option(), protection.key().keyIdHex(),
                        Credentials.mask(protection.key().keyUri()));
            }
            return run(job, plan.media(), plan.ladder(), plan.tracks(), plan.layout(), argv, listener, progress,
                    protection);
        }
    }

    private TranscodeResult run(TranscodeJob job, MediaInfo media, Ladder ladder, TrackPlan tracks, OutputLayout layout,
            List<String> argv, Consumer<OutputEvent> listener, Consumer<JobProgress> progress, JobProtection protection) {
        TranscodeSettings settings = job.settings();
        JobRun run = JobRun.begin(job.jobId(), job.source().display(), job.jobDir(), layout, tracks, settings, media.fps(),
                listener, protection != null && protection.cenc() ? protection.key() : null);
        if (protection != null) {
            protection.startRotation(run.jobDir(), layout.hlsMaster());
        }
        LOG.info("Job {}: transcoding {} ({}) into {} {} rendition(s) at {}", job.jobId(), job.source().display(), media,
                settings.segmenting().format(), ladder.size(), run.jobDir());
        try {
            ProgressReporter reporter = new ProgressReporter(job.jobId(), media.durationSeconds(), progressInterval, progress);
            ProcessResult result = runner.run(argv, run.jobDir(), settings.output().timeout(), new ProgressParser(reporter));
            if (!result.succeeded()) {
                throw new StreamGearException(failureMessage(job, result, settings.output().timeout())
                        + DiskSpace.fullDiskHint(run.jobDir(), result.logTail()), null, result.logTail());
            }
            run.finishManifests(result.logTail());
            if (settings.output().previewPage()) {
                PreviewPage.write(run.jobDir(), job.jobId(), layout, settings.output());
            }
            List<OutputFile> files = run.verifiedOutput(result.logTail());
            double played = OutputVerifier.duration(run.jobDir(), files).orElse(-1);
            boolean shortOutput = checkLength(job, media, played, result.logTail());
            TranscodeResult done = new TranscodeResult(job.jobId(), run.jobDir(), files, media, ladder, tracks,
                    settings.segmenting().format(), result.wallTime(), played, shortOutput);
            SourceRecord.write(run.jobDir(), job.sourceName());
            run.succeeded();
            LOG.info(done.summary());
            return done;
        } catch (RuntimeException e) {
            run.failed();
            throw e;
        }
    }

    /**
     * A source that is cut short (an upload still being written, a damaged file) decodes without an error: FFmpeg only
     * warns about "corrupt input packets" and stops at the damage. So the output's length is compared with the probed
     * one. Returns whether the output is short and that was allowed; fails otherwise.
     */
    private static boolean checkLength(TranscodeJob job, MediaInfo media, double played, List<String> log) {
        TranscodeSettings s = job.settings();
        if (media.durationSeconds() <= 0 || played < 0 || trims(s)) {
            return false;
        }
        double missing = media.durationSeconds() - played;
        if (missing <= Math.max(SHORT_OUTPUT_TOLERANCE_SECONDS, media.durationSeconds() * SHORT_OUTPUT_TOLERANCE_SHARE)) {
            return false;
        }
        String what = String.format(Locale.ROOT, "Job %s: the output plays %.1f s, %.1f s shorter than the source %s"
                + " (%.1f s): the source is truncated or damaged", job.jobId(), played, missing, job.source().display(),
                media.durationSeconds());
        if (!s.output().allowShortOutput()) {
            throw new StreamGearException(what + ". Set allowShortOutput=true to publish what could be decoded", null, log);
        }
        LOG.warn("{}; published as it is (allowShortOutput=true)", what);
        return true;
    }

    /** Raw options that cut the source on purpose: the output is then meant to be shorter. */
    private static boolean trims(TranscodeSettings s) {
        return s.encoding().outputOptions().stream().anyMatch(o -> o.equals("-t") || o.equals("-to"))
                || s.input().inputOptions().stream().anyMatch(o -> o.equals("-t") || o.equals("-to") || o.equals("-ss")
                        || o.equals("-sseof"));
    }

    /**
     * The side-car subtitles of a job: those given with it, and (option {@code sidecarSubtitles}) those next to a
     * source file. A file ffprobe cannot read as subtitles is left out with a warning: it must not cost the film.
     */
    private List<SidecarSubtitle> sidecars(TranscodeJob job) {
        Set<SidecarSubtitle> candidates = new LinkedHashSet<>(job.subtitles());
        if (job.settings().tracks().sidecarSubtitles() && job.source().local()) {
            candidates.addAll(SidecarSubtitle.besides(Path.of(job.source().location())));
        }
        List<SidecarSubtitle> usable = new ArrayList<>();
        for (SidecarSubtitle car : candidates) {
            String codec = Files.isReadable(car.file()) ? probe.subtitleCodec(InputGuard.SUBTITLE_FILE, car.file().toString())
                    : null;
            if (codec == null) {
                LOG.warn("Job {}: side-car subtitle file {} is missing, unreadable or not a subtitle file: skipped",
                        job.jobId(), car.file());
            } else {
                usable.add(car);
            }
        }
        return usable;
    }

    private static void checkSource(SourceSpec source) {
        if (!source.local()) {
            return;
        }
        Path path = Path.of(source.location());
        if (!Files.exists(path)) {
            throw new StreamGearException("Source file " + path + " does not exist");
        }
        if (!Files.isRegularFile(path)) {
            throw new StreamGearException("Source " + path + " is not a regular file");
        }
        if (!Files.isReadable(path)) {
            throw new StreamGearException("Source file " + path + " is not readable");
        }
        try {
            if (Files.size(path) == 0) {
                throw new StreamGearException("Source file " + path + " is empty");
            }
        } catch (IOException e) {
            throw new StreamGearException("Cannot read source file " + path + ": " + e.getMessage(), e);
        }
    }

    private static String failureMessage(TranscodeJob job, ProcessResult result, Duration timeout) {
        if (result.timedOut()) {
            return "Job " + job.jobId() + ": FFmpeg did not finish within the timeout of " + Durations.describe(timeout) + " (option timeout) and was stopped";
        }
        if (result.cancelled()) {
            return "Job " + job.jobId() + ": FFmpeg was stopped because the endpoint is shutting down";
        }
        return String.format(Locale.ROOT, "Job %s: FFmpeg failed with exit code %d transcoding %s.", job.jobId(),
                result.exitCode(), job.source().display());
    }
}
