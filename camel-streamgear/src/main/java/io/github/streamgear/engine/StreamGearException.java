package io.github.streamgear.engine;

import java.util.List;

/**
 * A transcoding job that could not be done. When FFmpeg or ffprobe ran, {@link #getProcessLog()} holds the last
 * lines it wrote, which are also appended to the message so that they show up in the route's error log. Source URLs in
 * the message and the log are masked ({@link Credentials}): the message travels to logs and dead-letter queues.
 */
public class StreamGearException extends RuntimeException {

    private final List<String> processLog;

    public StreamGearException(String message) {
        this(message, null, List.of());
    }

    public StreamGearException(String message, Throwable cause) {
        this(message, cause, List.of());
    }

    public StreamGearException(String message, Throwable cause, List<String> processLog) {
        super(Credentials.mask(withLog(message, processLog)), cause);
        this.processLog = processLog == null ? List.of() : processLog.stream().map(Credentials::mask).toList();
    }

    /** The last lines FFmpeg/ffprobe wrote to stderr before the failure, oldest first; empty if it never ran. */
    public List<String> getProcessLog() {
        return processLog;
    }

    private static String withLog(String message, List<String> log) {
        if (log == null || log.isEmpty()) {
            return message;
        }
        return message + System.lineSeparator() + "Last FFmpeg log lines:" + System.lineSeparator() + "  "
                + String.join(System.lineSeparator() + "  ", log);
    }
}
