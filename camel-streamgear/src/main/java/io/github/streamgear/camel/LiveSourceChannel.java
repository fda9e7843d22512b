package io.github.streamgear.camel;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.github.streamgear.engine.StreamGearException;
import io.github.streamgear.engine.command.SourceSpec;
import io.github.streamgear.engine.job.TranscodeResult;
import io.github.streamgear.engine.live.LiveSource;
import io.github.streamgear.engine.live.SourceEvent;
import io.github.streamgear.engine.protection.KeyProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live stream of a consumer whose endpoint names a live source
 * ({@code from("streamgear:cam1?videoSource=srt://...&livestream=true&outputDir=...")}): started when the consumer
 * starts, stopped and finalised when it stops. Its files are published like a producer job's, to every file consumer
 * of {@code streamgear:NAME}, under the job id NAME (folder {@code outputDir/NAME}).
 * <p>
 * The source is opened on a thread of its own, so that a camera that is down does not hold up the CamelContext's start:
 * a source that cannot be opened, or that ends, ends the stream (it is logged, and passed to the consumer's exception
 * handler when it failed). A network source that drops is opened again while the stream waits ({@link LiveSource}); the
 * consumer hears of it ({@code sourceLost}, {@code sourceResumed}), and the health check reports the stream DOWN once
 * the source has been lost for longer than {@code sourceLostGrace}, or when the stream was finalised because the source
 * stayed lost for longer than {@code sourceLostLimit}.
 */
final class LiveSourceChannel {

    private static final Logger LOG = LoggerFactory.getLogger(LiveSourceChannel.class);

    private final StreamGearEndpoint endpoint;
    private final String jobId;
    private final BiConsumer<String, Throwable> failure;
    private final Consumer<SourceEvent> sourceEvents;
    private volatile boolean sourceGivenUp;
    private volatile boolean failed;
    private LiveSource live;
    private boolean stopped;
    private Thread starter;
    private KeyProvider keys;

    /**
     * @param failure      told when the source cannot be opened or the stream fails; the message has the URL masked
     * @param sourceEvents told when the source is lost and when it is back, on the stream's own thread
     */
    LiveSourceChannel(StreamGearEndpoint endpoint, BiConsumer<String, Throwable> failure,
            Consumer<SourceEvent> sourceEvents) {
        this.endpoint = endpoint;
        this.jobId = JobIds.sanitize(endpoint.getName());
        this.failure = failure;
        this.sourceEvents = sourceEvents;
        endpoint.liveChannel(this);
    }

    /** The key provider of the current stream (a generated key goes on the reply of a start), null when not encrypted. */
    synchronized KeyProvider keys() {
        return keys;
    }

    String jobId() {
        return jobId;
    }

    /** Opens the source and starts FFmpeg, on a thread of its own; returns at once. */
    synchronized void start() {
        LiveSource stream = newStream();
        starter = new Thread(() -> open(stream), "streamgear-live-start-" + jobId);
        starter.setDaemon(true);
        starter.start();
    }

    /**
     * Opens the source and starts FFmpeg on the caller's thread, for a stream started by message
     * ({@link StreamGearLiveSourceProducer}): a source that cannot be opened fails the caller.
     */
    synchronized void startNow() {
        LiveSource stream = newStream();
        stream.start();
        stream.ended().whenComplete((result, e) -> ended(stream, result, e));
    }

    /** The stream of this channel's endpoint, its files published under the job id, not started yet. */
    private LiveSource newStream() {
        StreamGearConfiguration c = endpoint.getConfiguration();
        Path jobDir = Path.of(c.getOutputDir()).resolve(jobId);
        sourceGivenUp = false;
        failed = false;
        live = new LiveSource(jobId, SourceSpec.parse(c.videoSourceUrl()), c.isLiveLoop(), endpoint.getSettings(),
                c.toSourceRecovery(), jobDir, endpoint.getTranscoder().binaries(), endpoint.getComponent().runner(),
                event -> endpoint.outputEvent(jobId, event));
        live.reportProgress(Duration.ofMillis(c.getProgressInterval()), endpoint::progress);
        keys = ProtectionOptions.forJob(c);
        live.encryptWith(keys);
        live.onSourceEvents(sourceEvents);
        return live;
    }

    private void open(LiveSource stream) {
        synchronized (this) {
            if (stopped) {
                return;
            }
            try {
                stream.start();
            } catch (RuntimeException e) {
                failed = true;
                failure.accept("Live source " + jobId + " (" + stream.source().display() + ") could not be started", e);
                return;
            }
        }
        stream.ended().whenComplete((result, e) -> ended(stream, result, e));
    }

    private void ended(LiveSource stream, TranscodeResult result, Throwable e) {
        if (e != null) {
            failed = true;
            failure.accept("Live source " + jobId + " (" + stream.source().display() + ") failed", e);
        } else if (stream.sourceGivenUp() && !isStopped()) {
            sourceGivenUp = true;
            failure.accept("Live source " + jobId + " (" + stream.source().display() + ")", new StreamGearException(
                    "Live source " + jobId + ": the source " + stream.source().display() + " stayed lost for longer than"
                    + " sourceLostLimit (" + endpoint.getConfiguration().getSourceLostLimit() + " ms): the stream was"
                    + " finalised (restart the route to start it again)"));
        } else if (!isStopped()) {
            LOG.info("Live source {}: the source {} ended; the stream is finalised (restart the route to start it again)",
                    jobId, stream.source().display());
        }
    }

    private synchronized boolean isStopped() {
        return stopped;
    }

    /**
     * Stops the stream and waits for FFmpeg to finalise it, so that the last segments and manifests are published
     * before the consumer stops. Idempotent.
     */
    void stop(String why) {
        LiveSource stream;
        synchronized (this) { // waits for a start in progress: FFmpeg never starts after the stop
            if (stopped) {
                return;
            }
            stopped = true;
            stream = live;
        }
        if (stream != null) {
            stream.stop(why);
        }
    }

    /** {@link #sourceDown(Instant, Duration)} with the endpoint's {@code sourceLostGrace}. */
    String sourceDown(Instant now) {
        return sourceDown(now, Duration.ofMillis(endpoint.getConfiguration().getSourceLostGrace()));
    }

    /**
     * Why the health check should report this stream DOWN, or null: its source has been lost for longer than
     * {@code grace}, or the stream was finalised because the source stayed lost. The URL in it is masked.
     */
    String sourceDown(Instant now, Duration grace) {
        LiveSource stream = live;
        if (stream == null || isStopped()) {
            return null;
        }
        if (sourceGivenUp) {
            return "live source " + jobId + " (" + stream.source().display() + ") was lost for good; the stream ended";
        }
        Instant since = stream.lostSince();
        if (since != null && stream.isRunning() && Duration.between(since, now).compareTo(grace) > 0) {
            return "live source " + jobId + " (" + stream.source().display() + ") lost for "
                    + Duration.between(since, now).toSeconds() + " s";
        }
        return null;
    }

    /**
     * What the channel is doing, for JMX: {@code starting} (the source is being opened), {@code running},
     * {@code source lost} (waiting for it to come back), {@code source given up} (lost for longer than
     * {@code sourceLostLimit}: the stream was finalised), {@code failed} (it could not be opened, or FFmpeg failed),
     * {@code ended} (the source ended) or {@code stopped}.
     */
    synchronized String state() {
        LiveSource stream = live;
        if (stopped) {
            return "stopped";
        }
        if (failed) {
            return "failed";
        }
        if (stream == null) {
            return "starting";
        }
        if (stream.ended().isDone()) {
            return stream.sourceGivenUp() ? "source given up" : "ended";
        }
        if (stream.lostSince() != null) {
            return "source lost";
        }
        return stream.isRunning() ? "running" : "starting";
    }

    /** Since when the source has been lost, or null. */
    Instant lostSince() {
        LiveSource stream = live;
        return stream == null || isStopped() ? null : stream.lostSince();
    }

    boolean isRunning() {
        LiveSource stream = live;
        return stream != null && stream.isRunning();
    }
}
