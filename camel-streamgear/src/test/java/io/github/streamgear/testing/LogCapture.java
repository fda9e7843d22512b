package io.github.streamgear.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** Keeps the events logged at WARN and above while a test runs: {@link #attach()} before, {@link #detach()} after. */
public final class LogCapture extends AbstractAppender {

    /** Captures of test cases that run at the same time must not replace (or detach) each other: a name each. */
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final List<LogEvent> events = new CopyOnWriteArrayList<>();

    public LogCapture() {
        super("capture-" + COUNT.incrementAndGet(), null, null, true, Property.EMPTY_ARRAY);
    }

    public void attach() {
        attach(Level.WARN);
    }

    /** Captures the events at {@code level} and above. */
    public void attach(Level level) {
        start();
        LoggerContext logging = (LoggerContext) LogManager.getContext(false);
        logging.getConfiguration().getRootLogger().addAppender(this, level, null);
        logging.updateLoggers();
    }

    public void detach() {
        LoggerContext logging = (LoggerContext) LogManager.getContext(false);
        logging.getConfiguration().getRootLogger().removeAppender(getName());
        logging.updateLoggers();
        stop();
    }

    @Override
    public void append(LogEvent event) {
        events.add(event.toImmutable());
    }

    /** "logger: message" of the events at exactly {@code level} whose message contains {@code text}. */
    public List<String> lines(Level level, String text) {
        return events.stream().filter(e -> e.getLevel() == level)
                .map(e -> e.getLoggerName() + ": " + e.getMessage().getFormattedMessage())
                .filter(l -> l.contains(text)).toList();
    }

    /** Every captured event as "logger: message" followed by its exception's chain (class and message), if any. */
    public List<String> all() {
        return events.stream().map(e -> {
            StringBuilder line = new StringBuilder(e.getLoggerName()).append(": ")
                    .append(e.getMessage().getFormattedMessage());
            for (Throwable t = e.getThrown(); t != null; t = t.getCause()) {
                line.append(" | ").append(t);
            }
            return line.toString();
        }).toList();
    }
}
