package io.github.streamgear.camel;

import java.util.Locale;

import io.github.streamgear.engine.StreamGearException;
import io.github.streamgear.engine.live.SourceEvent;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops the live source its endpoint names, by message ({@link StreamGearConstants#LIVE_ACTION}), for routes
 * that run channels on demand: {@code toD("streamgear:${header.camera}?videoSource=RAW(${header.url})&livestream=true
 * &outputDir=...")}. The stream's files go to the file consumers of {@code streamgear:NAME}, as a producer job's do,
 * and so do its source events ({@code sourceLost}, {@code sourceResumed}; also logged); the health check follows it as
 * it follows a consumer's live source, until a stop message or a new start. Stopping the route (or the context) stops
 * and finalises a stream it started.
 */
public class StreamGearLiveSourceProducer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(StreamGearLiveSourceProducer.class);

    private LiveSourceChannel channel;

    public StreamGearLiveSourceProducer(StreamGearEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public StreamGearEndpoint getEndpoint() {
        return (StreamGearEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) {
        String action = exchange.getIn().getHeader(StreamGearConstants.LIVE_ACTION, "start", String.class)
                .trim().toLowerCase(Locale.ROOT);
        switch (action) {
            case "start" -> startStream(exchange);
            case "stop" -> stopStream("a message asked for it");
            default -> throw new IllegalArgumentException("Header " + StreamGearConstants.LIVE_ACTION + "=" + action
                    + " is not an action of live source " + getEndpoint().getName() + ": use start or stop");
        }
        exchange.getMessage().setHeader(StreamGearConstants.JOB_ID, JobIds.sanitize(getEndpoint().getName()));
    }

    private synchronized void startStream(Exchange exchange) {
        if (channel != null && channel.isRunning()) {
            LOG.info("Live source {}: already running; start does nothing", channel.jobId());
            return;
        }
        if (channel != null) { // ended by itself (source ended or given up): its DOWN ends with this new start
            component().removeStartedByMessage(channel);
        }
        LiveSourceChannel next = new LiveSourceChannel(getEndpoint(), (what, e) -> LOG.warn("{}: {}", what,
                e.getMessage()), this::sourceEvent);
        try {
            next.startNow();
        } catch (RuntimeException e) {
            next.stop("it could not be started");
            throw e instanceof StreamGearException ? e : new StreamGearException("Live source " + next.jobId()
                    + " could not be started: " + e.getMessage(), e);
        }
        channel = next;
        component().addStartedByMessage(next);
        ProtectionOptions.reply(next.keys(), exchange.getMessage());
    }

    private synchronized void stopStream(String why) {
        LiveSourceChannel running = channel;
        channel = null;
        if (running != null) {
            component().removeStartedByMessage(running);
            running.stop(why);
        }
    }

    /**
     * The exchange that started the stream is long gone when its source drops: the event goes to the log and, as a
     * message, to the file consumers of {@code streamgear:NAME}, the routes that publish the stream's files.
     */
    private void sourceEvent(SourceEvent event) {
        LOG.info("{}", event.detail());
        component().publishSourceEvent(getEndpoint().getName(), event);
    }

    private StreamGearComponent component() {
        return getEndpoint().getComponent();
    }

    @Override
    protected void doStop() throws Exception {
        stopStream("its route stopped");
        super.doStop();
    }
}
