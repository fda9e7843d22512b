package io.github.streamgear.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * Listens to the engine's {@code FfmpegRunner} DEBUG line "Running [argv]", logged just before it starts FFmpeg or
 * ffprobe: when each process was started and with which exact command line.
 */
public final class CommandLog implements AutoCloseable {

    private static final String RUNNER = "io.github.streamgear.engine.ffmpeg.FfmpegRunner";
    private static final String PROCESS = "io.github.streamgear.engine.ffmpeg.RunningProcess";

    /** One process end: {@code System.nanoTime()} of the engine's "Ended EXECUTABLE ..." line. */
    public record Ended(long nanos, String executable) {
        public boolean isFfmpeg() {
            return executable.endsWith("ffmpeg");
        }
    }

    /** One process start: {@code System.nanoTime()} of the log line, and the argv as the engine logged it. */
    public record Started(long nanos, String argv) {
        public boolean isFfprobe() {
            return executable().endsWith("ffprobe");
        }

        public boolean isFfmpeg() {
            return executable().endsWith("ffmpeg") && !argv.contains(", -version");
        }

        private String executable() {
            int end = argv.indexOf(',');
            return argv.substring(1, end < 0 ? argv.length() - 1 : end);
        }
    }

    private final List<Started> started = new ArrayList<>();
    private final List<Ended> ended = new ArrayList<>();
    private final AbstractAppender appender;
    private volatile Consumer<Started> listener = s -> { };

    public CommandLog() {
        appender = new AbstractAppender("bench-command-log", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                long now = System.nanoTime();
                String message = event.getMessage().getFormattedMessage();
                if (message.startsWith("Running [")) {
                    Started s = new Started(now, message.substring("Running ".length()));
                    synchronized (started) {
                        started.add(s);
                    }
                    listener.accept(s);
                } else if (message.startsWith("Ended ")) {
                    String rest = message.substring("Ended ".length());
                    synchronized (started) {
                        ended.add(new Ended(now, rest.substring(0, rest.indexOf(' '))));
                    }
                }
            }
        };
        appender.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getLoggerConfig(RUNNER).addAppender(appender, Level.DEBUG, null);
        context.getConfiguration().getLoggerConfig(PROCESS).addAppender(appender, Level.DEBUG, null);
        context.updateLoggers();
    }

    /** Called on the thread that starts the process, right before it starts it. */
    public void onStart(Consumer<Started> listener) {
        this.listener = listener;
    }

    public List<Started> drain() {
        synchronized (started) {
            List<Started> copy = new ArrayList<>(started);
            started.clear();
            ended.clear();
            return copy;
        }
    }

    /** The process ends logged since the last {@link #drain()}. */
    public List<Ended> ended() {
        synchronized (started) {
            return new ArrayList<>(ended);
        }
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getLoggerConfig(RUNNER).removeAppender(appender.getName());
        context.getConfiguration().getLoggerConfig(PROCESS).removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
