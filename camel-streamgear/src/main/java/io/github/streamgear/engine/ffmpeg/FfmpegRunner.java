package io.github.streamgear.engine.ffmpeg;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.ProcessDestroyer;
import org.apache.commons.exec.PumpStreamHandler;
import org.apache.commons.exec.ShutdownHookProcessDestroyer;
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
    private static final ProcessDestroyer JVM_EXIT_DESTROYER = new ShutdownHookProcessDestroyer();
    private static final int LOG_TAIL_LINES = 40;
    private static final int MAX_CAPTURED_STDOUT = 16 * 1024 * 1024;

    private final Set<Run> running = ConcurrentHashMap.newKeySet();
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
        CommandLine command = new CommandLine(argv.get(0));
        argv.subList(1, argv.size()).forEach(arg -> command.addArgument(arg, false));

        ByteArrayOutputStream captured = stdoutLines == null ? new BoundedBuffer(MAX_CAPTURED_STDOUT) : null;
        LogTail stderr = new LogTail(processName(argv), LOG_TAIL_LINES);
        boolean limited = timeout != null && !timeout.isZero() && !timeout.isNegative();
        ExecuteWatchdog watchdog = ExecuteWatchdog.builder()
                .setTimeout(limited ? timeout : ExecuteWatchdog.INFINITE_TIMEOUT_DURATION).get();
        Run run = new Run(watchdog);

        DefaultExecutor executor = DefaultExecutor.builder()
                .setExecuteStreamHandler(new PumpStreamHandler(stdoutLines != null ? stdoutLines : captured, stderr))
                .get();
        executor.setExitValues(null); // every exit code is returned, not thrown
        executor.setWatchdog(watchdog);
        executor.setProcessDestroyer(run);

        LOG.debug("Running {}", argv);
        long start = System.nanoTime();
        running.add(run);
        if (limited) {
            run.scheduleKill(reaper, timeout.plus(KILL_GRACE));
        }
        int exit;
        try {
            exit = executor.execute(command);
        } catch (IOException e) {
            throw new FfmpegStartException("Could not start " + argv.get(0) + ": " + e.getMessage(), e);
        } finally {
            running.remove(run);
            run.cancelKill();
            closeQuietly(stderr);
            closeQuietly(stdoutLines);
        }
        String out = captured == null ? "" : captured.toString(StandardCharsets.UTF_8);
        return new ProcessResult(exit, out, stderr.lines(), watchdog.killedProcess() && !run.cancelled, run.cancelled,
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** Asks every running process to stop (SIGTERM), then kills those still alive after {@link #KILL_GRACE}. */
    public void stopAll() {
        for (Run run : running) {
            run.cancel(reaper);
        }
    }

    /** Number of processes running now. */
    public int runningCount() {
        return running.size();
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

    private static void closeQuietly(OutputStream stream) {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                LOG.debug("Closing a process stream failed", e);
            }
        }
    }

    /** One running process: Commons Exec hands it to us through the {@link ProcessDestroyer} callbacks. */
    private static final class Run implements ProcessDestroyer {
        private final ExecuteWatchdog watchdog;
        private volatile Process process;
        private volatile boolean cancelled;
        private volatile java.util.concurrent.ScheduledFuture<?> kill;

        Run(ExecuteWatchdog watchdog) {
            this.watchdog = watchdog;
        }

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

        void cancel(ScheduledExecutorService reaper) {
            cancelled = true;
            watchdog.destroyProcess();
            scheduleKill(reaper, KILL_GRACE);
        }

        void scheduleKill(ScheduledExecutorService reaper, Duration after) {
            try {
                kill = reaper.schedule(this::killIfAlive, after.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                killIfAlive();
            }
        }

        void cancelKill() {
            java.util.concurrent.ScheduledFuture<?> k = kill;
            if (k != null) {
                k.cancel(false);
            }
        }

        private void killIfAlive() {
            Process p = process;
            if (p != null && p.isAlive()) {
                LOG.warn("FFmpeg process {} did not exit after SIGTERM: killing it", p.pid());
                p.destroyForcibly();
            }
        }
    }

    /** Keeps at most {@code limit} bytes of stdout so a runaway process cannot fill the heap. */
    private static final class BoundedBuffer extends ByteArrayOutputStream {
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
