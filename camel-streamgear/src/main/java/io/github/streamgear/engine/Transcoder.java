package io.github.streamgear.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import io.github.streamgear.engine.command.CommandBuilder;
import io.github.streamgear.engine.command.InputGuard;
import io.github.streamgear.engine.command.SourceSpec;
import io.github.streamgear.engine.ffmpeg.FfmpegBinaries;
import io.github.streamgear.engine.ffmpeg.FfmpegRunner;
import io.github.streamgear.engine.ffmpeg.ProcessResult;
import io.github.streamgear.engine.ffmpeg.ProgressParser;
import io.github.streamgear.engine.ladder.Ladder;
import io.github.streamgear.engine.ladder.LadderPlanner;
import io.github.streamgear.engine.output.DashManifest;
import io.github.streamgear.engine.output.HlsMasterPlaylist;
import io.github.streamgear.engine.output.OutputCollector;
import io.github.streamgear.engine.output.OutputEvent;
import io.github.streamgear.engine.output.OutputFile;
import io.github.streamgear.engine.output.OutputLayout;
import io.github.streamgear.engine.output.OutputWatcher;
import io.github.streamgear.engine.output.PreviewPage;
import io.github.streamgear.engine.output.VodPublication;
import io.github.streamgear.engine.probe.MediaInfo;
import io.github.streamgear.engine.probe.MediaProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs single-source jobs: probe the source, plan the ladder, build the FFmpeg command, run it, and report the files it
 * wrote. A job that fails leaves none of its files behind and no process running. Thread-safe: jobs may run
 * concurrently.
 */
public final class Transcoder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Transcoder.class);

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
     * Runs a job.
     *
     * @param listener receives every file as soon as FFmpeg completes it (and, if the job fails, every reported file
     *                 that is removed again); may be null
     * @param progress receives a report every progress interval and FFmpeg's last one; may be null
     */
    public TranscodeResult transcode(TranscodeJob job, Consumer<OutputEvent> listener, Consumer<JobProgress> progress) {
        TranscodeSettings settings = job.settings();
        checkSource(job.source());
        MediaInfo media = probe.probe(InputGuard.options(job.source(), settings), job.source().location());
        Ladder ladder = new LadderPlanner(settings.bitsPerPixel()).plan(media.width(), media.height(), media.fps(), 0,
                settings.extraRenditions());
        ladder.warnings().forEach(w -> LOG.warn("Job {}: {}", job.jobId(), w));
        OutputLayout layout = new OutputLayout(settings.format(), settings.hlsSegmentType(), settings.manifestName(), ladder,
                media.hasAudio());

        Path jobDir = job.jobDir().toAbsolutePath();
        boolean created = prepareFolder(jobDir, settings.clearPrevAssets(), job.jobId());
        Map<String, String> before = OutputCollector.snapshot(jobDir);
        List<String> argv = CommandBuilder.forSource(binaries.ffmpeg(), job.source(), media, ladder, layout, settings, jobDir);
        LOG.info("Job {}: transcoding {} ({}) into {} {} rendition(s) at {}", job.jobId(), job.source().location(), media,
                settings.format(), ladder.size(), jobDir);

        VodPublication publication = listener == null ? null : new VodPublication(listener, layout.manifests());
        OutputWatcher watcher = listener == null ? null : new OutputWatcher(jobDir, layout, publication);
        if (watcher != null) {
            watcher.start();
        }
        try {
            ProgressReporter reporter = new ProgressReporter(job.jobId(), media.durationSeconds(), progressInterval, progress);
            ProcessResult result = runner.run(argv, settings.timeout(), new ProgressParser(reporter));
            if (!result.succeeded()) {
                throw new StreamGearException(failureMessage(job, result, settings.timeout()), null, result.logTail());
            }
            if (settings.format().writesDash()) {
                Path mpd = jobDir.resolve(layout.dashManifest());
                if (Files.exists(mpd)) {
                    DashManifest.finish(mpd);
                }
            }
            if (settings.format().writesHls()) {
                Path master = jobDir.resolve(layout.hlsMaster());
                if (Files.exists(master)) {
                    HlsMasterPlaylist.finish(master);
                }
            }
            if (settings.previewPage()) {
                PreviewPage.write(jobDir, job.jobId(), settings.format(), layout, settings.previewPlayerUrl());
            }
            List<OutputFile> files = OutputCollector.collect(jobDir, layout, before);
            for (String manifest : layout.manifests()) {
                if (files.stream().noneMatch(f -> f.name().equals(manifest))) {
                    throw new StreamGearException("Job " + job.jobId() + ": FFmpeg exited normally but did not write "
                            + manifest, null, result.logTail());
                }
            }
            TranscodeResult done = new TranscodeResult(job.jobId(), jobDir, files, media, ladder, settings.format(),
                    result.wallTime());
            if (watcher != null) {
                watcher.close(); // after the final manifest rewrite, so every file is reported
                publication.release();
            }
            LOG.info(done.summary());
            return done;
        } catch (RuntimeException e) {
            OutputCollector.removeRunOutput(jobDir, before, created);
            if (watcher != null) {
                watcher.close(); // after the clean-up, so what was reported is reported removed
                publication.discard();
            }
            throw e;
        }
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

    /** Creates the folder if needed and clears earlier assets when asked; returns whether it was created. */
    private static boolean prepareFolder(Path jobDir, boolean clear, String jobId) {
        try {
            boolean created = !Files.isDirectory(jobDir);
            Files.createDirectories(jobDir);
            if (clear) {
                int n = OutputCollector.clearPreviousAssets(jobDir);
                if (n > 0) {
                    LOG.info("Job {}: cleared {} asset(s) of an earlier run from {}", jobId, n, jobDir);
                }
            }
            return created;
        } catch (IOException e) {
            throw new StreamGearException("Cannot create output folder " + jobDir + ": " + e.getMessage(), e);
        }
    }

    private static String failureMessage(TranscodeJob job, ProcessResult result, Duration timeout) {
        if (result.timedOut()) {
            return "Job " + job.jobId() + ": FFmpeg did not finish within the timeout of " + timeout + " and was stopped";
        }
        if (result.cancelled()) {
            return "Job " + job.jobId() + ": FFmpeg was stopped because the endpoint is shutting down";
        }
        return String.format(Locale.ROOT, "Job %s: FFmpeg failed with exit code %d transcoding %s", job.jobId(),
                result.exitCode(), job.source().location());
    }

    /** Stops every FFmpeg process still running (SIGTERM, then kill after a grace period). */
    public void stopAll() {
        runner.stopAll();
    }

    @Override
    public void close() {
        runner.close();
    }
}
