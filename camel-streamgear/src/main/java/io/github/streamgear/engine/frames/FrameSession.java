package io.github.streamgear.engine.frames;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.github.streamgear.engine.Durations;
import io.github.streamgear.engine.StreamGearException;
import io.github.streamgear.engine.command.CommandBuilder;
import io.github.streamgear.engine.command.InputGuard;
import io.github.streamgear.engine.command.SourceSpec;
import io.github.streamgear.engine.ffmpeg.FfmpegBinaries;
import io.github.streamgear.engine.ffmpeg.FfmpegRunner;
import io.github.streamgear.engine.ffmpeg.ProcessResult;
import io.github.streamgear.engine.ffmpeg.ProgressParser;
import io.github.streamgear.engine.ffmpeg.RunningProcess;
import io.github.streamgear.engine.job.JobProgress;
import io.github.streamgear.engine.job.JobRun;
import io.github.streamgear.engine.job.ProgressReporter;
import io.github.streamgear.engine.job.TranscodeResult;
import io.github.streamgear.engine.ladder.Ladder;
import io.github.streamgear.engine.ladder.LadderPlanner;
import io.github.streamgear.engine.output.DiskSpace;
import io.github.streamgear.engine.output.OutputEvent;
import io.github.streamgear.engine.output.OutputFile;
import io.github.streamgear.engine.output.OutputLayout;
import io.github.streamgear.engine.output.OutputVerifier;
import io.github.streamgear.engine.output.PreviewPage;
import io.github.streamgear.engine.probe.MediaInfo;
import io.github.streamgear.engine.probe.MediaProbe;
import io.github.streamgear.engine.protection.JobProtection;
import io.github.streamgear.engine.protection.KeyProvider;
import io.github.streamgear.engine.tracks.TrackPlan;
import io.github.streamgear.engine.tracks.TrackPlanner;
import io.github.streamgear.engine.settings.TranscodeSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream of raw frames transcoded by one FFmpeg process that reads them from its stdin. FFmpeg starts when the
 * session is opened (on the first frame); {@link #finish()} closes stdin so FFmpeg finalises the manifests, and waits a
 * bounded time for it. Writes go straight to FFmpeg's stdin: a producer faster than FFmpeg blocks on the pipe (whose
 * buffer is the only queue), it never piles frames up in the heap. Every file FFmpeg completes or removes is reported
 * to the listener as it happens. Thread-safe: frames from several threads are written one at a time.
 */
public final class FrameSession {

    /** How long FFmpeg may take to finalise after its input ended, before it is stopped. */
    public static final Duration FINISH_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(FrameSession.class);
    private static final int WRITE_SLICE = 64 * 1024;

    private final String id;
    private final FrameFormat format;
    private final SourceSpec audio;
    private final TranscodeSettings settings;
    private final Path jobDir;
    private final FfmpegBinaries binaries;
    private final FfmpegRunner runner;
    private final Consumer<OutputEvent> listener;
    private Consumer<JobProgress> progressListener;
    private Duration progressInterval = Duration.ZERO;
    private KeyProvider keys;
    private JobProtection protection;

    private Ladder ladder;
    private TrackPlan tracks = TrackPlan.NONE;
    private JobRun run;
    private RunningProcess process;
    private OutputStream stdin;
    private final byte[] slice = new byte[WRITE_SLICE];
    private long frames;
    private volatile long lastFrameNanos = System.nanoTime();
    private volatile State state = State.NEW;
    private TranscodeResult result;

    enum State { NEW, OPEN, FINISHED, FAILED }

    /**
     * @param audio    an external audio source muxed with the frames, or null
     * @param listener receives every file completed or removed while the session runs (on the watcher thread); may be
     *                 null
     */
    public FrameSession(String id, FrameFormat format, SourceSpec audio, TranscodeSettings settings, Path jobDir,
            FfmpegBinaries binaries, FfmpegRunner runner, Consumer<OutputEvent> listener) {
        this.id = id;
        this.format = format;
        this.audio = audio;
        this.settings = settings;
        this.jobDir = jobDir.toAbsolutePath();
        this.binaries = binaries;
        this.runner = runner;
        this.listener = listener;
    }

    /**
     * Reports how far FFmpeg is every {@code interval} (as an INFO log line and to {@code listener}); call before
     * {@link #open()}. Without it, a session reports no progress.
     */
    public synchronized void reportProgress(Duration interval, Consumer<JobProgress> listener) {
        this.progressInterval = interval;
        this.progressListener = listener;
    }

    /**
     * The key provider of an encrypted session (option {@code encryption}); call before {@link #open()}. The key is
     * asked for when the session opens, before anything is written; the private key folder lives as long as the
     * session and is removed when it ends, whatever the outcome.
     */
    public synchronized void encryptWith(KeyProvider provider) {
        this.keys = provider;
    }

    /** Starts FFmpeg. */
    public synchronized void open() {
        if (state != State.NEW) {
            throw new IllegalStateException("Session " + id + " is already " + state);
        }
        try {
            openEncrypted();
        } catch (RuntimeException e) {
            closeProtection();
            throw e;
        }
    }

    private void openEncrypted() {
        if (audio != null) {
            tracks = new TrackPlanner(settings.tracks(), settings.encoding()).external(
                    new MediaProbe(binaries, runner).requireAudio(InputGuard.options(audio, settings.input()), audio.location()));
        }
        ladder = new LadderPlanner(settings.encoding().bitsPerPixel()).plan(format.width(), format.height(),
                format.framerate(), settings.encoding().extraRenditions());
        ladder.warnings().forEach(w -> LOG.warn("Session {}: {}", id, w));
        if (!ladder.notes().isEmpty()) {
            LOG.info("Session {}: {}", id, String.join("; ", ladder.notes()));
        }
        OutputLayout layout = OutputLayout.of(settings, ladder, tracks);
        List<String> argv = CommandBuilder.forFrames(binaries.ffmpeg(), format.asInput(settings.input().inputOptions()),
                audio, ladder, tracks, layout, settings);
        protection = JobProtection.prepare(id, settings, keys);
        if (protection != null) {
            argv = protection.arguments(argv, layout.ffmpegTarget());
            protection.logUse("Session " + id, settings);
        }
        run = JobRun.begin(id, format + " frames", jobDir, layout, tracks, settings, format.framerate(), listener,
                protection != null && protection.cenc() ? protection.key() : null);
        if (protection != null) {
            protection.startRotation(jobDir, layout.hlsMaster());
        }
        LOG.info("Session {}: {} frames into {}{}, {} rendition(s), at {}", id, format, settings.isLive() ? "live " : "",
                settings.segmenting().format(), ladder.size(), jobDir);
        try {
            if (settings.output().previewPage()) {
                PreviewPage.write(jobDir, id, layout, settings.output());
            }
            ProgressReporter reporter = new ProgressReporter(id, 0, progressInterval, progressListener);
            process = runner.start(argv, jobDir, Duration.ZERO, new ProgressParser(reporter), true);
            stdin = process.stdin();
        } catch (RuntimeException e) {
            run.failed();
            state = State.FAILED;
            throw e;
        }
        state = State.OPEN;
    }

    /** Writes one frame; it must be exactly one frame of the session's format. */
    public void write(byte[] frame) {
        write(ByteBuffer.wrap(frame));
    }

    /** Writes one frame from the buffer's remaining bytes (the buffer's position is not changed). */
    public synchronized void write(ByteBuffer frame) {
        checkOpen();
        String unpublishable = run.failure();
        if (unpublishable != null) {
            abort(); // a live stream whose segments can no longer be published must not go on as if it were
            throw new StreamGearException("Session " + id + ": " + unpublishable + "; nothing more was published", null,
                    List.of());
        }
        format.checkFrame(id, frame);
        ByteBuffer data = frame.duplicate();
        try {
            writeFully(data);
            frames++;
            lastFrameNanos = System.nanoTime();
        } catch (IOException e) {
            state = State.FAILED;
            ProcessResult ended = awaitEnd();
            abortOutput();
            throw new StreamGearException("Session " + id + ": FFmpeg stopped reading frames after " + frames
                    + " frame(s) (exit code " + ended.exitCode() + ")", e, ended.logTail());
        }
    }

    /**
     * Ends the input and waits for FFmpeg to finalise the manifests (live: the last window stays, HLS gets
     * {@code #EXT-X-ENDLIST} and DASH becomes static, unless {@code removeAtExit}). Returns the files produced.
     */
    public synchronized TranscodeResult finish() {
        if (state == State.FINISHED) {
            return result;
        }
        checkOpen();
        try {
            stdin.close();
        } catch (IOException e) {
            LOG.debug("Session {}: closing FFmpeg's stdin failed", id, e);
        }
        if (!process.awaitFor(FINISH_TIMEOUT)) {
            LOG.warn("Session {}: FFmpeg did not finish within {} of its input ending: stopping it", id,
                    Durations.describe(FINISH_TIMEOUT));
            process.stop();
        }
        ProcessResult ended = process.await();
        closeProtection(); // FFmpeg has exited: it reads no key any more
        List<OutputFile> files;
        try {
            if (ended.exitCode() != 0 || frames == 0) {
                throw new StreamGearException("Session " + id + ": FFmpeg failed with exit code " + ended.exitCode()
                        + " after " + frames + " frame(s)." + DiskSpace.fullDiskHint(jobDir, ended.logTail()), null,
                        ended.logTail());
            }
            run.finishManifests(ended.logTail());
            files = run.verifiedOutput(ended.logTail());
        } catch (RuntimeException e) {
            state = State.FAILED;
            abortOutput();
            throw e;
        }
        run.succeeded();
        MediaInfo media = new MediaInfo(format.width(), format.height(), format.framerate(), frames / format.framerate(),
                "rawvideo", audio != null, null, "rawvideo");
        result = new TranscodeResult(id, jobDir, files, media, ladder, tracks, settings.segmenting().format(), ended.wallTime(),
                OutputVerifier.duration(jobDir, files).orElse(-1), false);
        state = State.FINISHED;
        LOG.info(result.summary());
        return result;
    }

    /** Stops FFmpeg at once; a VOD session's partial output is removed, a live stream's is kept (see abortOutput). */
    public synchronized void abort() {
        if (state == State.OPEN) {
            state = State.FAILED;
            process.stop();
            process.await();
            abortOutput();
        }
    }

    public String id() {
        return id;
    }

    public FrameFormat format() {
        return format;
    }

    public long frames() {
        return frames;
    }

    public boolean isOpen() {
        return state == State.OPEN;
    }

    /** An open session whose FFmpeg is no longer running: it can take no more frames. */
    public boolean isBroken() {
        return state == State.OPEN && process != null && !process.isAlive();
    }

    /** How long since the last frame (or since the session was created). */
    public Duration idleFor() {
        return Duration.ofNanos(System.nanoTime() - lastFrameNanos);
    }

    /**
     * Writes in 64 KiB slices: large enough for few system calls, small enough that the JDK copies each slice through
     * a cheap buffer (a whole frame of several MiB would be copied through a fresh native allocation every time).
     */
    private void writeFully(ByteBuffer data) throws IOException {
        if (data.hasArray()) {
            byte[] array = data.array();
            int offset = data.arrayOffset() + data.position();
            int end = offset + data.remaining();
            for (int i = offset; i < end; i += WRITE_SLICE) {
                stdin.write(array, i, Math.min(WRITE_SLICE, end - i));
            }
        } else {
            while (data.hasRemaining()) {
                int n = Math.min(WRITE_SLICE, data.remaining());
                data.get(slice, 0, n);
                stdin.write(slice, 0, n);
            }
        }
    }

    private void checkOpen() {
        if (state != State.OPEN) {
            throw new StreamGearException("Session " + id + " is " + state.name().toLowerCase()
                    + (state == State.FINISHED ? ": it ended, frames after the end of the stream are refused" : ""));
        }
    }

    private void closeProtection() {
        if (protection != null) {
            protection.close();
        }
    }

    private ProcessResult awaitEnd() {
        if (!process.awaitFor(Duration.ofSeconds(5))) {
            process.stop();
        }
        return process.await();
    }

    /**
     * After a failure: a VOD session's partial output is removed (it is not a valid result), but a live stream's is kept
     * — viewers may be watching it, and its segments and last manifest are what was published.
     */
    private void abortOutput() {
        closeProtection();
        if (settings.isLive()) {
            run.abandoned();
        } else {
            run.failed();
        }
    }
}
