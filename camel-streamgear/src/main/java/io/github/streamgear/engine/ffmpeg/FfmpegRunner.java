package io.github.streamgear.engine.ffmpeg;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.github.streamgear.engine.Credentials;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs FFmpeg and ffprobe through Commons Exec with an argument list (never a shell): stdout and stderr are drained
 * concurrently, a watchdog ends a run that passes its timeout, and every process is reaped. A process that does not
 * exit within {@link #KILL_GRACE} of being asked to stop (SIGTERM, which lets FFmpeg finalise its output) is killed.
 * {@link #stopAll()} ends every process this runner started, for component shutdown; a JVM shutdown hook does the
 * same if the JVM exits first.
 */
public final class FfmpegRunner implements AutoCloseable {

    /** How long a process may take to exit after SIGTERM before it is killed. */
    public static final Duration KILL_GRACE = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(FfmpegRunner.class);
    private static final int LOG_TAIL_LINES = 40;
    private static final int MAX_CAPTURED_STDOUT = 16 * 1024 * 1024;

    private final Set<RunningProcess> running = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "streamgear-process-reaper");
        t.setDaemon(true);
        return t;
    });

    /**
     * Runs a command to its end.
     *
     * @param argv         executable and arguments
     * @param timeout      how long it may run; null or zero for no limit
     * @param stdoutLines  receives stdout (e.g. a {@link ProgressParser}); null to capture stdout into the result
     */
    public ProcessResult run(List<String> argv, Duration timeout, OutputStream stdoutLines) {
        return run(argv, null, timeout, stdoutLines);
    }

    /** {@link #run(List, Duration, OutputStream)} in {@code workingDir} (null: this process's). */
    public ProcessResult run(List<String> argv, Path workingDir, Duration timeout, OutputStream stdoutLines) {
        return start(argv, workingDir, timeout, stdoutLines, false).await();
    }

    /**
     * Starts a command and returns at once. With {@code withStdin} the process's stdin is kept open for the caller
     * ({@link RunningProcess#stdin()}); otherwise it is closed at start.
     */
    public RunningProcess start(List<String> argv, Path workingDir, Duration timeout, OutputStream stdoutLines,
            boolean withStdin) {
        CommandLine command = new CommandLine(argv.get(0));
        argv.subList(1, argv.size()).forEach(arg -> command.addArgument(arg, false));

        ByteArrayOutputStream captured = stdoutLines == null ? new BoundedBuffer(MAX_CAPTURED_STDOUT) : null;
        OutputStream stdout = stdoutLines != null ? stdoutLines : captured;
        LogTail stderr = new LogTail(processName(argv), LOG_TAIL_LINES);
        boolean limited = timeout != null && !timeout.isZero() && !timeout.isNegative();
        ExecuteWatchdog watchdog = ExecuteWatchdog.builder()
                .setTimeout(limited ? timeout : ExecuteWatchdog.INFINITE_TIMEOUT_DURATION).get();
        CompletableFuture<OutputStream> stdin = new CompletableFuture<>();
        PumpStreamHandler streams = new PumpStreamHandler(stdout, stderr) {
            @Override
            public void setProcessInputStream(OutputStream os) {
                if (withStdin) {
                    stdin.complete(os);
                } else {
                    super.setProcessInputStream(os);
                }
            }
        };
        RunningProcess run = new RunningProcess(this, argv.get(0), watchdog, stdin, stderr, captured,
                List.of(stderr, stdout));

        DefaultExecutor.Builder<?> builder = DefaultExecutor.builder().setExecuteStreamHandler(streams);
        if (workingDir != null) {
            builder.setWorkingDirectory(workingDir.toFile());
        }
        DefaultExecutor executor = builder.get();
        executor.setExitValues(null); // every exit code is returned, not thrown
        executor.setWatchdog(watchdog);
        executor.setProcessDestroyer(run);

        LOG.debug("Running {}", Credentials.mask(argv));
        running.add(run);
        if (limited) {
            run.scheduleKill(timeout.plus(KILL_GRACE));
        }
        try {
            executor.execute(command, run);
        } catch (IOException e) {
            finished(run);
            throw new FfmpegStartException("Could not start " + argv.get(0) + ": " + e.getMessage(), e);
        }
        return run;
    }

    void finished(RunningProcess run) {
        running.remove(run);
        run.cancelKill();
    }

    ScheduledExecutorService reaper() {
        return reaper;
    }

    /** Asks every running process to stop (SIGTERM), then kills those still alive after {@link #KILL_GRACE}. */
    public void stopAll() {
        for (RunningProcess run : running) {
            run.stop();
        }
    }

    @Override
    public void close() {
        stopAll();
        reaper.shutdown();
    }

    private static String processName(List<String> argv) {
        String exe = argv.get(0);
        return exe.substring(exe.lastIndexOf('/') + 1);
    }

    /** Keeps at most {@code limit} bytes of stdout so a runaway process cannot fill the heap. */
    static final class BoundedBuffer extends ByteArrayOutputStream {
        private final int limit;

        BoundedBuffer(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            super.write(b, off, Math.max(0, Math.min(len, limit - count)));
        }

        @Override
        public synchronized void write(int b) {
            if (count < limit) {
                super.write(b);
            }
        }
    }
}
