package io.github.streamgear.engine.ffmpeg;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.streamgear.engine.StreamGearException;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteResultHandler;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.ProcessDestroyer;
import org.apache.commons.exec.ShutdownHookProcessDestroyer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process started by {@link FfmpegRunner}. Commons Exec hands us the {@link Process} through the
 * {@link ProcessDestroyer} callbacks and its end through the {@link ExecuteResultHandler} callbacks, which lets us
 * write to its stdin, stop it (SIGTERM, then kill after {@link FfmpegRunner#KILL_GRACE}) and wait for it.
 */
public final class RunningProcess implements ProcessDestroyer, ExecuteResultHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RunningProcess.class);
    private static final ProcessDestroyer JVM_EXIT_DESTROYER = new ShutdownHookProcessDestroyer();

    private final FfmpegRunner runner;
    private final String executable;
    private final ExecuteWatchdog watchdog;
    private final CompletableFuture<OutputStream> stdin;
    private final LogTail stderr;
    private final ByteArrayOutputStream captured;
    private final List<OutputStream> sinks;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final long started = System.nanoTime();
    private volatile Process process;
    private volatile boolean cancelled;
    private volatile ScheduledFuture<?> kill;

    RunningProcess(FfmpegRunner runner, String executable, ExecuteWatchdog watchdog, CompletableFuture<OutputStream> stdin,
            LogTail stderr, ByteArrayOutputStream captured, List<OutputStream> sinks) {
        this.runner = runner;
        this.executable = executable;
        this.watchdog = watchdog;
        this.stdin = stdin;
        this.stderr = stderr;
        this.captured = captured;
        this.sinks = sinks;
    }

    /** The process's stdin (only when started with stdin kept open). Closing it tells FFmpeg the input has ended. */
    public OutputStream stdin() {
        try {
            return stdin.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamGearException("Interrupted while starting " + executable, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new StreamGearException("No stdin from " + executable + ": it did not start", e);
        }
    }

    /** Waits for the process to end, however long it takes (the watchdog enforces the timeout). */
    public ProcessResult await() {
        try {
            exit.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new StreamGearException("Interrupted while waiting for " + executable, e);
        } catch (ExecutionException e) {
            throw new StreamGearException("Could not run " + executable + ": " + e.getCause().getMessage(), e.getCause());
        }
        return result();
    }

    /** Waits at most {@code wait} for the process to end; returns whether it has ended. */
    public boolean awaitFor(Duration wait) {
        try {
            exit.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    /** How the process ended; call after it ended. */
    public ProcessResult result() {
        int code = exit.getNow(-1);
        String out = captured == null ? "" : captured.toString(StandardCharsets.UTF_8);
        return new ProcessResult(code, out, stderr.lines(), watchdog.killedProcess() && !cancelled, cancelled,
                Duration.ofNanos(System.nanoTime() - started));
    }

    public boolean isAlive() {
        return !exit.isDone();
    }

    /** The last lines the process wrote to stderr. */
    public List<String> logTail() {
        return stderr.lines();
    }

    /** Asks the process to stop (SIGTERM, so FFmpeg can finalise) and kills it if it is still alive after the grace. */
    public void stop() {
        if (!isAlive()) {
            return;
        }
        cancelled = true;
        watchdog.destroyProcess();
        scheduleKill(FfmpegRunner.KILL_GRACE);
    }

    void scheduleKill(Duration after) {
        try {
            kill = runner.reaper().schedule(this::killIfAlive, after.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            killIfAlive();
        }
    }

    void cancelKill() {
        ScheduledFuture<?> k = kill;
        if (k != null) {
            k.cancel(false);
        }
    }

    private void killIfAlive() {
        Process p = process;
        if (p != null && p.isAlive()) {
            LOG.warn("{} (pid {}) did not exit after SIGTERM: killing it", executable, p.pid());
            p.destroyForcibly();
        }
    }

    // ---- Commons Exec callbacks

    @Override
    public boolean add(Process p) {
        process = p;
        return JVM_EXIT_DESTROYER.add(p);
    }

    @Override
    public boolean remove(Process p) {
        return JVM_EXIT_DESTROYER.remove(p);
    }

    @Override
    public int size() {
        return process == null ? 0 : 1;
    }

    @Override
    public void onProcessComplete(int exitValue) {
        end();
        LOG.debug("Ended {} with exit code {} after {} ms", executable, exitValue,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        exit.complete(exitValue);
    }

    @Override
    public void onProcessFailed(ExecuteException e) {
        end();
        LOG.debug("Ended {} with exit code {} after {} ms", executable, e.getExitValue(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        if (e.getExitValue() != org.apache.commons.exec.Executor.INVALID_EXITVALUE) {
            exit.complete(e.getExitValue());
        } else {
            exit.completeExceptionally(e.getCause() != null ? e.getCause() : e);
        }
    }

    private void end() {
        runner.finished(this);
        stdin.cancel(false);
        for (OutputStream sink : sinks) {
            try {
                sink.close();
            } catch (IOException e) {
                LOG.debug("Closing a process stream failed", e);
            }
        }
    }
}
