package io.github.streamgear.engine.live;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.github.streamgear.engine.Credentials;
import io.github.streamgear.engine.Durations;
import io.github.streamgear.engine.StreamGearException;
import io.github.streamgear.engine.command.CommandBuilder;
import io.github.streamgear.engine.command.InputGuard;
import io.github.streamgear.engine.command.PipedSourceInput;
import io.github.streamgear.engine.command.SourceSpec;
import io.github.streamgear.engine.ffmpeg.FfmpegBinaries;
import io.github.streamgear.engine.ffmpeg.FfmpegRunner;
import io.github.streamgear.engine.ffmpeg.ProcessResult;
import io.github.streamgear.engine.ffmpeg.ProgressParser;
import io.github.streamgear.engine.ffmpeg.RunningProcess;
import io.github.streamgear.engine.job.JobProgress;
import io.github.streamgear.engine.job.JobRun;
import io.github.streamgear.engine.job.SourcePlan;
import io.github.streamgear.engine.job.ProgressReporter;
import io.github.streamgear.engine.job.TranscodeResult;
import io.github.streamgear.engine.ladder.Ladder;
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
import io.github.streamgear.engine.settings.InputPolicy;
import io.github.streamgear.engine.settings.SourceRecovery;
import io.github.streamgear.engine.settings.TrackSelection;
import io.github.streamgear.engine.settings.TranscodeSettings;
import io.github.streamgear.engine.tracks.TrackPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live stream made from one source that FFmpeg opens itself: a camera or encoder ({@code rtsp://}, {@code srt://},
 * {@code rtmp://}, {@code udp://}, an {@code http(s)://} HLS playlist) or a file played out in real time ({@code -re},
 * looped with {@code -stream_loop -1} when asked). The source is probed (its video size and rate, its audio tracks),
 * then one FFmpeg process runs with the same live muxer options, sliding window and output watching as a live frame
 * session; every file it completes or removes goes to the listener as it happens.
 * <p>
 * A network source is not opened by that FFmpeg but by an ingest FFmpeg that copies its streams as MPEG-TS to the
 * transcoder's stdin ({@link PipedSourceInput}). When the source drops (the ingest exits, or nothing comes for
 * {@link SourceRecovery#stallTimeout()}), only the ingest is ended and started again, after 1 s, then 2, 4 ... 30 s,
 * while the transcoder waits: its segment numbers, timeline and window go on when the source is back, and the listener
 * of {@link #onSourceEvents} hears {@link SourceEvent.Type#LOST} and {@link SourceEvent.Type#RESUMED}. A source lost
 * for longer than {@link SourceRecovery#lostLimit()} ends the stream.
 * <p>
 * A folder is a linear channel ({@link ChannelFolder}): its files are relayed the same way, one ingest per file, so the
 * transcoder's stream goes on from file to file.
 * <p>
 * The stream ends when the source ends (a file or folder played once, a network source lost for good) or when
 * {@link #stop(String)} is called (SIGTERM: FFmpeg writes its last segments and manifests). Either
 * way the stream is finalised like a frame session's: HLS playlists get {@code #EXT-X-ENDLIST}, the MPD becomes static,
 * unless {@code removeAtExit}. Source URLs are masked in every log line and message ({@link SourceSpec#display()}).
 */
public final class LiveSource {

    /** How long FFmpeg may take to finalise after it was asked to stop, before {@link #stop} gives up waiting. */
    public static final Duration FINISH_TIMEOUT = FfmpegRunner.KILL_GRACE.plusSeconds(20);

    /** Whether {@code source} is a local folder, whose files are played one after another as a linear channel. */
    public static boolean isChannel(SourceSpec source) {
        return ChannelFolder.isFolder(source);
    }

    /**
     * How many times FFmpeg is started when it fails before publishing anything: a source that serves one caller at a
     * time (an encoder in SRT or RTMP listener mode) may need a moment to take the next caller after the probe.
     */
    static final int CONNECT_ATTEMPTS = 5;
    private static final Duration CONNECT_RETRY_DELAY = Duration.ofSeconds(1);

    /** The first wait before a lost source is opened again; each failed attempt doubles it, up to {@link #MAX_BACKOFF}. */
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final long POLL_MS = 100;
    /**
     * What a new ingest may take, besides the stall timeout, before its first bytes: connecting, and reading the source
     * for its streams (analyzeduration, 1 s for an ingest).
     */
    static final Duration OPENING = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(LiveSource.class);

    private final String id;
    private final SourceSpec source;
    private final boolean loop;
    private final TranscodeSettings settings;
    private final Path jobDir;
    private final FfmpegBinaries binaries;
    private final FfmpegRunner runner;
    private final Consumer<OutputEvent> listener;
    private final CompletableFuture<TranscodeResult> ended = new CompletableFuture<>();
    private Consumer<JobProgress> progressListener;
    private Duration progressInterval = Duration.ZERO;
    private KeyProvider keys;
    private volatile JobProtection protection;

    private MediaInfo media;
    private Ladder ladder;
    private TrackPlan tracks;
    private JobRun run;
    private RunningProcess process;
    private volatile boolean stopping;
    private volatile String stopReason;
    private volatile boolean published;
    private List<String> argv;

    private final SourceRecovery recovery;
    private final boolean piped;
    /** A folder played as a linear channel, one file after another; null for one file or a URL. */
    private final ChannelFolder channel;
    private final Object wakeUp = new Object();
    private Consumer<SourceEvent> sourceListener = e -> { };
    private List<String> ingestArgv;
    private volatile RunningProcess ingest;
    private volatile SourcePump pump;
    private volatile Instant lostSince;
    private volatile boolean givenUp;

    /**
     * @param source   a live URL or a file (played out in real time)
     * @param loop     a file source is played again and again ({@code -stream_loop -1}); refused for other sources
     * @param settings live settings ({@link TranscodeSettings#isLive()})
     * @param listener receives every file completed or removed while the stream runs; may be null
     */
    public LiveSource(String id, SourceSpec source, boolean loop, TranscodeSettings settings, Path jobDir,
            FfmpegBinaries binaries, FfmpegRunner runner, Consumer<OutputEvent> listener) {
        this(id, source, loop, settings, SourceRecovery.DEFAULTS, jobDir, binaries, runner, listener);
    }

    /** @param recovery how a network source that drops is reconnected (not used for a file source) */
    public LiveSource(String id, SourceSpec source, boolean loop, TranscodeSettings settings, SourceRecovery recovery,
            Path jobDir, FfmpegBinaries binaries, FfmpegRunner runner, Consumer<OutputEvent> listener) {
        if (!settings.isLive()) {
            throw new IllegalArgumentException("A live source needs live settings (livestream=true)");
        }
        if (loop && !source.local()) {
            throw new StreamGearException("Option 'liveLoop' applies to a file source only, not to " + source.display()
                    + ": a live URL is played as it comes");
        }
        this.id = id;
        this.source = source;
        this.recovery = recovery;
        this.channel = ChannelFolder.isFolder(source) ? new ChannelFolder(Path.of(source.location())) : null;
        this.piped = !source.local() || channel != null;
        this.loop = loop;
        this.settings = forLive(settings, source, loop);
        this.jobDir = jobDir.toAbsolutePath();
        this.binaries = binaries;
        this.runner = runner;
        this.listener = event -> {
            published = true;
            if (listener != null) {
                listener.accept(event);
            }
        };
    }

    /**
     * The settings FFmpeg runs with: a file is read at its native rate ({@code -re}, and looped if asked); subtitles are
     * not carried (a live stream publishes video and audio only).
     */
    static TranscodeSettings forLive(TranscodeSettings settings, SourceSpec source, boolean loop) {
        InputPolicy policy = settings.input();
        List<String> options = new ArrayList<>();
        if (source.local()) {
            options.add("-re");
            if (loop && !ChannelFolder.isFolder(source)) { // a channel loops over its folder, not over each file
                options.addAll(List.of("-stream_loop", "-1"));
            }
        }
        options.addAll(policy.inputOptions());
        TrackSelection t = settings.tracks();
        return settings.withInput(new InputPolicy(policy.allowedProtocols(), policy.allowedDemuxers(), options))
                .withTracks(new TrackSelection(t.audioTracks(), TrackSelection.NONE, false));
    }

    /** Receives {@link SourceEvent}s, on the stream's own thread; call before {@link #start()}. */
    public synchronized void onSourceEvents(Consumer<SourceEvent> listener) {
        this.sourceListener = listener;
    }

    /** Reports progress every {@code interval} to {@code listener}; call before {@link #start()}. */
    public synchronized void reportProgress(Duration interval, Consumer<JobProgress> listener) {
        this.progressInterval = interval;
        this.progressListener = listener;
    }

    /**
     * The key provider of an encrypted stream (option {@code encryption}); call before {@link #start()}. The key is
     * asked for before anything is written; the private key folder lives as long as the stream and is removed when it
     * has ended, whatever the outcome (source ended, stop, failure).
     */
    public synchronized void encryptWith(KeyProvider provider) {
        this.keys = provider;
    }

    /**
     * Probes the source and starts FFmpeg; returns once it runs. Fails (nothing left running) when the source cannot be
     * read or the folder is taken.
     */
    public synchronized void start() {
        if (run != null) {
            throw new IllegalStateException("Live source " + id + " was already started");
        }
        if (source.local() && !Files.isReadable(Path.of(source.location()))) {
            throw new StreamGearException("Live source " + id + ": the file " + source.display()
                    + " does not exist or is not readable");
        }
        // a channel's streams are planned from its first file; the others must have the same codecs (see playable())
        SourceSpec planned = channel == null ? source : SourceSpec.file(channel.files().stream().findFirst()
                .orElseThrow(() -> new StreamGearException("Live source " + id + ": the channel folder "
                        + source.display() + " holds no file to play")));
        SourcePlan plan = SourcePlan.of("Live source " + id, planned, settings, List.of(), new MediaProbe(binaries, runner),
                binaries, channel != null);
        media = plan.media();
        ladder = plan.ladder();
        tracks = plan.tracks();
        OutputLayout layout = plan.layout();
        argv = piped ? CommandBuilder.forPipedSource(binaries.ffmpeg(), media, ladder, tracks, layout, settings)
                : plan.argv();
        ingestArgv = channel == null ? PipedSourceInput.ingest(binaries.ffmpeg(), source, settings.input()) : null;
        // closed by every end of the stream (completed, failed), after FFmpeg has exited, and by a start that fails
        protection = JobProtection.prepare(id, settings, keys);
        try {
            if (protection != null) {
                argv = protection.arguments(argv, layout.ffmpegTarget());
                protection.logUse("Live source " + id, settings);
            }
            run = JobRun.begin(id, source.display(), jobDir, layout, tracks, settings, media.fps(), listener,
                    protection != null && protection.cenc() ? protection.key() : null);
            if (protection != null) {
                protection.startRotation(jobDir, layout.hlsMaster());
            }
        } catch (RuntimeException e) {
            failed(e);
            throw e;
        }
        LOG.info("Live source {}: {} ({}, {} audio track(s)) into live {}, {} rendition(s), at {}{}", id, source.display(),
                media, tracks.audio().size(), settings.segmenting().format(), ladder.size(), jobDir,
                channel != null ? ", a channel of the folder's files in name order" + (loop ? ", looped" : ", played once")
                : loop ? ", looped" : source.local() ? ", played once in real time" : "");
        try {
            if (settings.output().previewPage()) {
                PreviewPage.write(jobDir, id, layout, settings.output());
            }
            ProgressReporter reporter = new ProgressReporter(id, 0, progressInterval, progressListener);
            process = runner.start(argv, jobDir, Duration.ZERO, new ProgressParser(reporter), piped);
            if (piped) {
                pump = new SourcePump(process.stdin());
            }
        } catch (RuntimeException e) {
            if (process != null) {
                process.stop();
            }
            run.abandoned();
            failed(e);
            throw e;
        }
        Thread waiter = new Thread(piped ? this::relay : this::awaitEnd, "streamgear-live-" + id);
        waiter.setDaemon(true);
        waiter.start();
    }

    /**
     * Stops the stream: FFmpeg is asked to stop (SIGTERM) and finalises the manifests; waits for that, at most
     * {@link #FINISH_TIMEOUT}. Returns the result, or null if the stream had failed or did not end in time. Idempotent.
     */
    public TranscodeResult stop(String why) {
        RunningProcess p;
        synchronized (this) {
            p = process;
            if (p == null) {
                return null;
            }
            if (!stopping) {
                stopping = true; // also ends a retry in progress
                stopReason = why;
                RunningProcess in = ingest;
                if (in != null) {
                    in.stop();
                }
                if (p.isAlive()) {
                    LOG.info("Live source {}: stopping because {}", id, why);
                    p.stop();
                }
                synchronized (wakeUp) {
                    wakeUp.notifyAll();
                }
            }
        }
        try {
            return ended.get(FINISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("Live source {}: not finalised within {}", id, Durations.describe(FINISH_TIMEOUT));
            return null;
        } catch (ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * FFmpeg failed before it published anything (the source refused the connection, or was not ready): it is started
     * again after a second, at most {@value #CONNECT_ATTEMPTS} times in all. Returns whether it was.
     */
    private boolean retry(ProcessResult result, int attempt) {
        if (result.exitCode() == 0 || published || attempt > CONNECT_ATTEMPTS) {
            return false;
        }
        LOG.info("Live source {}: FFmpeg could not read {} (exit code {}); trying again in {} (attempt {} of {})", id,
                source.display(), result.exitCode(), Durations.describe(CONNECT_RETRY_DELAY), attempt, CONNECT_ATTEMPTS);
        try {
            Thread.sleep(CONNECT_RETRY_DELAY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        synchronized (this) {
            if (stopping) {
                return false;
            }
            process = runner.start(argv, jobDir, Duration.ZERO, new ProgressParser(new ProgressReporter(id, 0,
                    progressInterval, progressListener)), false);
        }
        return true;
    }

    /** The stream has ended: the key folder goes before anyone waiting on {@link #ended()} is told. */
    private void completed(TranscodeResult result) {
        closeProtection();
        ended.complete(result);
    }

    private void failed(Throwable e) {
        closeProtection();
        ended.completeExceptionally(e);
    }

    private void closeProtection() {
        JobProtection p = protection;
        if (p != null) {
            p.close();
        }
    }

    /** Completes when the stream has ended and was finalised (or failed). */
    public CompletableFuture<TranscodeResult> ended() {
        return ended;
    }

    public boolean isRunning() {
        RunningProcess p = process;
        return p != null && p.isAlive();
    }

    public String id() {
        return id;
    }

    /** Since when the source has been lost while the stream waits for it; null while it sends (or before it started). */
    public Instant lostSince() {
        return lostSince;
    }

    /** Whether the stream ended because the source stayed lost for longer than {@link SourceRecovery#lostLimit()}. */
    public boolean sourceGivenUp() {
        return givenUp;
    }

    public SourceSpec source() {
        return source;
    }

    /** The argument list would show the source URL: only its masked form is ever logged. */
    @Override
    public String toString() {
        return "LiveSource[" + id + ", " + source.display() + "]";
    }

    private void awaitEnd() {
        ProcessResult result;
        try {
            result = process.await();
            for (int attempt = 2; retry(result, attempt); attempt++) {
                result = process.await();
            }
        } catch (RuntimeException e) {
            run.abandoned();
            failed(e);
            return;
        }
        finish(result);
    }

    /**
     * A network source: ingests are started, watched and replaced until the stream is stopped, the transcoder fails or
     * the source stays lost past the limit; then the transcoder's stdin is closed, and it finalises the stream.
     */
    private void relay() {
        try {
            superviseSource();
        } catch (RuntimeException e) {
            LOG.warn("Live source {}: the source {} could not be relayed: {}", id, source.display(),
                    Credentials.mask(String.valueOf(e.getMessage())));
        } finally {
            RunningProcess in = ingest;
            if (in != null) {
                end(in);
            }
            pump.endOfInput();
        }
        ProcessResult result;
        try {
            result = process.await();
        } catch (RuntimeException e) {
            run.abandoned();
            failed(e);
            return;
        }
        finish(result);
    }

    private void superviseSource() {
        Duration backoff = FIRST_BACKOFF;
        boolean everSent = false;
        boolean lostAnnounced = false;
        int failedInARow = 0;
        while (!stopping && process.isAlive()) {
            List<String> command = ingestArgv;
            Path file = null;
            if (channel != null) {
                file = nextChannelFile();
                if (file == null) {
                    LOG.info("Live source {}: every file of the channel folder {} has been played", id, source.display());
                    return;
                }
                command = PipedSourceInput.ingest(binaries.ffmpeg(), SourceSpec.file(file), settings.input());
            }
            long before = pump.bytes();
            RunningProcess in;
            synchronized (this) {
                if (stopping) {
                    return;
                }
                pump.restartClock();
                in = runner.start(command, jobDir, Duration.ZERO, pump, false);
                ingest = in;
            }
            String why = watch(in, before, lostAnnounced);
            if (channel != null && why != null && !stopping && process.isAlive()) {
                // the next file follows at once: its timestamps are cut onto the end of this one's, as after a reconnect
                if (in.result().exitCode() == 0) {
                    LOG.info("Live source {}: played {}", id, file.getFileName());
                    failedInARow = 0;
                    continue;
                }
                LOG.warn("Live source {}: skipped {} of the channel: {}", id, file.getFileName(), why);
                if (++failedInARow < Math.max(1, channel.files().size())) {
                    continue;
                }
                givenUp = true;
                LOG.warn("Live source {}: no file of the channel folder {} could be played: the stream is finalised", id,
                        source.display());
                return;
            }
            if (pump.bytes() > before) {
                everSent = true;
                lostAnnounced = false;
                backoff = FIRST_BACKOFF;
            }
            if (why == null || stopping || !process.isAlive()) {
                return;
            }
            Instant now = Instant.now();
            if (lostSince == null) { // a stall is timed from the last bytes, not from when it was noticed
                lostSince = now.minusNanos(Math.min(pump.quietNanos(), recovery.stallTimeout().toNanos()));
            }
            Duration lostFor = Duration.between(lostSince, now);
            if (lostFor.compareTo(recovery.lostLimit()) >= 0) {
                givenUp = true;
                LOG.warn("Live source {}: {} ({}); lost for {}, longer than sourceLostLimit {}: the stream is finalised",
                        id, source.display(), why, Durations.describe(lostFor), Durations.describe(recovery.lostLimit()));
                return;
            }
            Duration wait = min(backoff, recovery.lostLimit().minus(lostFor));
            if (everSent && !lostAnnounced) {
                lostAnnounced = true;
                LOG.warn("Live source {}: lost {} ({}); the stream waits and the source is opened again in {} (the stream"
                        + " is finalised if it stays lost for {})", id, source.display(), why, Durations.describe(wait),
                        Durations.describe(recovery.lostLimit()));
                announce(new SourceEvent(SourceEvent.Type.LOST, now, Duration.ZERO, "Live source " + id + ": lost "
                        + source.display() + " (" + why + ")"));
            } else {
                LOG.info("Live source {}: {} ({}); trying again in {}", id, source.display(), why,
                        Durations.describe(wait));
            }
            pause(wait);
            backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
        }
    }

    /**
     * Watches one ingest until it ends, stalls, or the stream stops; says why the source was lost, or null when the
     * stream is stopping. The source counts as back at the ingest's first bytes.
     */
    private String watch(RunningProcess in, long before, boolean lostAnnounced) {
        long stall = recovery.stallTimeout().toNanos();
        boolean back = false;
        while (true) {
            if (in.awaitFor(Duration.ofMillis(POLL_MS))) {
                ProcessResult r = in.result();
                List<String> tail = r.logTail();
                String last = tail.isEmpty() ? "" : ": " + Credentials.mask(tail.get(tail.size() - 1).trim());
                return r.exitCode() == 0 ? "the source ended" : "FFmpeg could not read it, exit code " + r.exitCode() + last;
            }
            if (stopping || !process.isAlive()) {
                end(in);
                return null;
            }
            if (!back && pump.bytes() > before) {
                back = true;
                Instant since = lostSince;
                lostSince = null;
                if (lostAnnounced && since != null) {
                    Duration gone = Duration.between(since, Instant.now());
                    LOG.info("Live source {}: {} is back after {}; the stream goes on", id, source.display(),
                            Durations.describe(gone));
                    announce(new SourceEvent(SourceEvent.Type.RESUMED, Instant.now(), gone, "Live source " + id + ": "
                            + source.display() + " is back after " + Durations.describe(gone)));
                }
            }
            if (pump.quietNanos() > stall + (back ? 0 : OPENING.toNanos())) {
                end(in);
                return "nothing came for " + Durations.describe(back ? recovery.stallTimeout()
                        : recovery.stallTimeout().plus(OPENING));
            }
            Instant since = lostSince;
            if (!back && since != null && Duration.between(since, Instant.now()).compareTo(recovery.lostLimit()) >= 0) {
                end(in);
                return "it could not be opened again";
            }
        }
    }

    /**
     * The channel's next file that the running transcoder can take: the same video codec and the same audio streams as
     * the file the stream was planned from (the relayed MPEG-TS must keep its streams); others are skipped with a
     * warning. Null when the folder has been played through.
     */
    private Path nextChannelFile() {
        MediaProbe probe = new MediaProbe(binaries, runner);
        for (int tries = Math.max(1, channel.files().size()); tries > 0; tries--) {
            Optional<Path> next = channel.next(loop);
            if (next.isEmpty()) {
                return null;
            }
            Path file = next.get();
            try {
                SourceSpec spec = SourceSpec.file(file);
                MediaInfo m = probe.probe(InputGuard.options(spec, settings.input()), spec.location());
                String mismatch = mismatch(m);
                if (mismatch == null) {
                    return file;
                }
                LOG.warn("Live source {}: skipped {} of the channel: {}", id, file.getFileName(), mismatch);
            } catch (StreamGearException e) {
                LOG.warn("Live source {}: skipped {} of the channel: {}", id, file.getFileName(), e.getMessage());
            }
        }
        return null;
    }

    private String mismatch(MediaInfo m) {
        if (!m.videoCodec().equals(media.videoCodec())) {
            return "its video is " + m.videoCodec() + ", the channel's is " + media.videoCodec();
        }
        if (m.audioStreams().size() != media.audioStreams().size() || !String.valueOf(m.audioCodec())
                .equals(String.valueOf(media.audioCodec()))) {
            return "it has " + m.audioStreams().size() + " audio stream(s) (" + m.audioCodec() + "), the channel "
                   + media.audioStreams().size() + " (" + media.audioCodec() + ")";
        }
        return null;
    }

    /** Ends an ingest and waits until it is reaped (SIGTERM, then killed after the grace). */
    private static void end(RunningProcess in) {
        in.stop();
        in.awaitFor(FfmpegRunner.KILL_GRACE.plusSeconds(2));
    }

    private void announce(SourceEvent event) {
        try {
            sourceListener.accept(event);
        } catch (RuntimeException e) {
            LOG.warn("Live source {}: a listener failed on {}: {}", id, event.type(), e.getMessage());
        }
    }

    private void pause(Duration wait) {
        long end = System.nanoTime() + wait.toNanos();
        synchronized (wakeUp) {
            while (!stopping && System.nanoTime() < end) {
                try {
                    wakeUp.wait(Math.max(1, (end - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void finish(ProcessResult result) {
        // a stop asked for (SIGTERM: exit code 255) is a normal end, as is the source ending (exit code 0)
        boolean normal = result.exitCode() == 0 || (stopping && !result.timedOut());
        try {
            if (!normal) {
                throw new StreamGearException("Live source " + id + ": FFmpeg ended with exit code " + result.exitCode()
                        + " reading " + source.display() + " (the source could not be read, or it dropped)."
                        + DiskSpace.fullDiskHint(jobDir, result.logTail()), null, result.logTail());
            }
            run.finishManifests(result.logTail());
            List<OutputFile> files = run.verifiedOutput(result.logTail());
            run.succeeded();
            TranscodeResult done = new TranscodeResult(id, jobDir, files, media, ladder, tracks,
                    settings.segmenting().format(), result.wallTime(), OutputVerifier.duration(jobDir, files).orElse(-1),
                    false);
            LOG.info("Live source {}: ended ({}) and finalised; {}", id, stopping ? stopReason
                    : givenUp ? "the source stayed lost" : "the source ended",
                    done.summary());
            completed(done);
        } catch (RuntimeException e) {
            LOG.warn(e.getMessage());
            run.abandoned();
            failed(e);
        }
    }
}
