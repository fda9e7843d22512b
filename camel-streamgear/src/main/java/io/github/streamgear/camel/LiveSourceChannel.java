package io.github.streamgear.camel;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BiConsumer;

import io.github.streamgear.engine.command.SourceSpec;
import io.github.streamgear.engine.job.TranscodeResult;
import io.github.streamgear.engine.live.LiveSource;
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
 * handler when it failed). There is no reconnect yet: the route has to be restarted.
 */
final class LiveSourceChannel {

    private static final Logger LOG = LoggerFactory.getLogger(LiveSourceChannel.class);

    private final StreamGearEndpoint endpoint;
    private final String jobId;
    private final BiConsumer<String, Throwable> failure;
    private LiveSource live;
    private boolean stopped;
    private Thread starter;

    /** @param failure told when the source cannot be opened or the stream fails; the message has the URL masked */
    LiveSourceChannel(StreamGearEndpoint endpoint, BiConsumer<String, Throwable> failure) {
        this.endpoint = endpoint;
        this.jobId = JobIds.sanitize(endpoint.getName());
        this.failure = failure;
    }

    String jobId() {
        return jobId;
    }

    /** Opens the source and starts FFmpeg, on a thread of its own; returns at once. */
    synchronized void start() {
        StreamGearConfiguration c = endpoint.getConfiguration();
        SourceSpec source = SourceSpec.parse(c.getVideoSource());
        Path jobDir = Path.of(c.getOutputDir()).resolve(jobId);
        live = new LiveSource(jobId, source, c.isLiveLoop(), endpoint.getSettings(), jobDir,
                endpoint.getTranscoder().binaries(), endpoint.getComponent().runner(),
                event -> endpoint.outputEvent(jobId, event));
        live.reportProgress(Duration.ofMillis(c.getProgressInterval()), endpoint::progress);
        LiveSource stream = live;
        starter = new Thread(() -> open(stream), "streamgear-live-start-" + jobId);
        starter.setDaemon(true);
        starter.start();
    }

    private void open(LiveSource stream) {
        synchronized (this) {
            if (stopped) {
                return;
            }
            try {
                stream.start();
            } catch (RuntimeException e) {
                failure.accept("Live source " + jobId + " (" + stream.source().display() + ") could not be started", e);
                return;
            }
        }
        stream.ended().whenComplete((result, e) -> ended(stream, result, e));
    }

    private void ended(LiveSource stream, TranscodeResult result, Throwable e) {
        if (e != null) {
            failure.accept("Live source " + jobId + " (" + stream.source().display() + ") failed", e);
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

    boolean isRunning() {
        LiveSource stream = live;
        return stream != null && stream.isRunning();
    }
}
