package io.github.streamgear.camel;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;

import io.github.streamgear.engine.Credentials;
import io.github.streamgear.engine.frames.FrameSessions;
import io.github.streamgear.engine.job.JobProgress;
import io.github.streamgear.engine.job.TranscodeResult;
import io.github.streamgear.engine.job.Transcoder;
import io.github.streamgear.engine.output.OutputEvent;
import io.github.streamgear.engine.settings.TranscodeSettings;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Transcode video into adaptive streams (MPEG-DASH, HLS, CMAF) with FFmpeg: a ladder of renditions cut into aligned
 * segments, with their manifests, each produced file returned as a message.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "streamgear", title = "StreamGear", syntax = "streamgear:name",
             category = { Category.TRANSFORMATION, Category.FILE },
             headersClass = StreamGearConstants.class)
@ManagedResource(description = "StreamGear endpoint: transcoding jobs and live sessions")
public class StreamGearEndpoint extends DefaultEndpoint {

    @UriPath(description = "Name that connects producers and consumers: from(streamgear:NAME) receives the files (or, with events=progress, the progress reports) of the jobs and frame sessions sent to(streamgear:NAME) endpoints of the same name in the CamelContext. In frames mode it is also the default job (session) id, so the output folder outputDir/NAME, when no CamelStreamGearJobId header is set.")
    @Metadata(required = true)
    private String name;

    @UriParam
    private StreamGearConfiguration configuration;
    private volatile LiveSourceChannel liveChannel;

    private TranscodeSettings settings;
    private boolean encodingChecked;
    private PublishedJob publishedJob;
    private Transcoder transcoder;
    private FrameSessions sessions;
    private final List<OutputListener> listeners = new CopyOnWriteArrayList<>();
    private final StreamGearStatistics statistics = new StreamGearStatistics();

    public StreamGearEndpoint(String uri, StreamGearComponent component, StreamGearConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    /** A {@code videoSource} URL may carry a password, URL-encoded in the endpoint URI where Camel does not mask it. */
    @Override
    public String toString() {
        return Credentials.mask(super.toString());
    }

    @Override
    public StreamGearComponent getComponent() {
        return (StreamGearComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        if (configuration.getOutputDir() == null || configuration.getOutputDir().isBlank()) {
            throw new IllegalArgumentException("Option 'outputDir' is required to produce: the folder the streaming assets"
                                               + " are written to (streamgear:" + name + "?outputDir=...)");
        }
        if (configuration.isLiveSource()) {
            return new StreamGearLiveSourceProducer(this);
        }
        return configuration.isFramesMode() ? new StreamGearFramesProducer(this) : new StreamGearProducer(this);
    }

    /** Why the endpoint is in the mode it is in, for error messages. */
    String modeReason() {
        if (configuration.getMode() != null) {
            return "mode=" + configuration.getMode().name().toLowerCase(java.util.Locale.ROOT);
        }
        return configuration.isFramesMode() ? "frameWidth/frameHeight are set" : "no frame options are set";
    }

    /** A consumer of every file the producers of endpoints named like this one complete or remove. */
    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (configuration.isLiveSource()) {
            if (configuration.getOutputDir() == null || configuration.getOutputDir().isBlank()) {
                throw new IllegalArgumentException("Option 'outputDir' is required for a live source (videoSource with"
                        + " livestream=true): the folder the stream is written to (streamgear:" + name + "?outputDir=...)");
            }
            if (configuration.receivesProgress()) {
                throw new IllegalArgumentException("A live source consumer (videoSource with livestream=true) receives"
                        + " files: events=progress is not supported on it; add another route from(\"streamgear:" + name
                        + "?events=progress\") for its progress reports");
            }
        }
        StreamGearConsumer consumer = new StreamGearConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        settings = configuration.toSettings();
        publishedJob = new PublishedJob(settings.isLive(), settings.segmenting().segmentDuration());
    }

    /** Locates FFmpeg: a missing or broken FFmpeg fails here, when the endpoint starts, naming every place looked at. */
    @Override
    protected void doStart() throws Exception {
        super.doStart();
        transcoder = getComponent().transcoder(configuration.getFfmpegPath(), configuration.getFfprobePath(),
                Duration.ofMillis(configuration.getProgressInterval()));
        if (configuration.isFramesMode()) {
            sessions = new FrameSessions(Duration.ofMillis(configuration.getIdleTimeout()));
            getComponent().addSessions(sessions);
        }
    }

    /** Ends every frame session: stdin closed, FFmpeg finalises the manifests, then exits. */
    @Override
    protected void doStop() throws Exception {
        if (sessions != null) {
            getComponent().removeSessions(sessions);
            sessions.close();
            sessions = null;
        }
        super.doStop();
    }

    /** Registers a listener for every file this endpoint's jobs and sessions complete or remove. */
    public void addOutputListener(OutputListener listener) {
        listeners.add(listener);
    }

    public void removeOutputListener(OutputListener listener) {
        listeners.remove(listener);
    }

    boolean hasOutputListeners() {
        return !listeners.isEmpty() || getComponent().hasConsumers(name);
    }

    void outputEvent(String jobId, OutputEvent event) {
        for (OutputListener listener : listeners) {
            listener.onOutput(jobId, event);
        }
        getComponent().publish(name, jobId, publishedJob, event);
    }

    /** Hands a progress report of one of this endpoint's jobs or sessions to the consumers with events=progress. */
    void progress(JobProgress progress) {
        getComponent().publishProgress(name, progress);
    }

    /** A job that produces files: a single-source transcode, or the end of a frame session. */
    @FunctionalInterface
    interface Job {
        TranscodeResult run() throws Exception;
    }

    /**
     * Runs a job on the component's job pool, so the route's thread is not pinned while FFmpeg works, then replies with
     * the files it produced (or the failure) and continues the exchange.
     *
     * @param rejected what to undo when the pool refuses the job (it is stopping)
     */
    boolean runJob(Exchange exchange, AsyncCallback callback, Job job, Runnable rejected) {
        try {
            getComponent().jobExecutor().execute(() -> {
                try {
                    TranscodeResult result = job.run();
                    statistics.recordSuccess(result);
                    ReplyMessages.reply(exchange, result);
                } catch (Throwable e) {
                    statistics.recordFailure();
                    exchange.setException(e);
                } finally {
                    callback.done(false);
                }
            });
            return false;
        } catch (RejectedExecutionException e) {
            rejected.run();
            exchange.setException(e);
            callback.done(true);
            return true;
        }
    }

    @ManagedAttribute(description = "Jobs and sessions that finished and produced their output")
    public long getJobsSucceeded() {
        return statistics.succeeded();
    }

    @ManagedAttribute(description = "Jobs and sessions that failed")
    public long getJobsFailed() {
        return statistics.failed();
    }

    @ManagedAttribute(description = "Media segments produced by finished jobs and sessions")
    public long getSegmentsProduced() {
        return statistics.segments();
    }

    @ManagedAttribute(description = "Bytes of output produced by finished jobs and sessions")
    public long getBytesProduced() {
        return statistics.bytes();
    }

    @ManagedAttribute(description = "Encoding speed of the last finished job (media seconds per wall-clock second)")
    public double getLastEncodeSpeed() {
        return statistics.lastSpeed();
    }

    @ManagedAttribute(description = "Average encoding speed over the finished jobs (media seconds per wall-clock second)")
    public double getAverageEncodeSpeed() {
        return statistics.averageSpeed();
    }

    /** The live-source channel last made for this endpoint (by its consumer, or a start message); null if none. */
    void liveChannel(LiveSourceChannel channel) {
        liveChannel = channel;
    }

    @ManagedAttribute(description = "The live source of this endpoint (option videoSource with livestream=true), a"
                                    + " password in it masked; null when the endpoint has none")
    public String getLiveSource() {
        return configuration.isLiveSource() ? Credentials.mask(configuration.getVideoSource()) : null;
    }

    @ManagedAttribute(description = "The live source's channel: none (not started), starting, running, source lost,"
                                    + " source given up, failed, ended or stopped")
    public String getLiveSourceState() {
        LiveSourceChannel channel = liveChannel;
        return channel == null ? "none" : channel.state();
    }

    @ManagedAttribute(description = "How long the live source has been lost, in seconds; 0 when it is not lost")
    public long getLiveSourceLostSeconds() {
        LiveSourceChannel channel = liveChannel;
        java.time.Instant since = channel == null ? null : channel.lostSince();
        return since == null ? 0 : java.time.Duration.between(since, java.time.Instant.now()).toSeconds();
    }

    @ManagedAttribute(description = "Frame sessions (live or not) open now")
    public int getSessionsOpen() {
        return sessions == null ? 0 : sessions.openCount();
    }

    FrameSessions getSessions() {
        if (sessions == null) {
            throw new IllegalStateException("Endpoint " + name + " is not started");
        }
        return sessions;
    }

    TranscodeSettings getSettings() {
        return settings;
    }

    Transcoder getTranscoder() {
        return transcoder;
    }

    /**
     * When its first producer starts, the endpoint's encoding options are tried on this FFmpeg: a bad encoder, preset,
     * bitrate or raw option fails the route's start, naming the options, instead of the first real upload.
     */
    synchronized void checkEncodingOnce() {
        if (!encodingChecked) {
            transcoder.checkEncoding(settings);
            encodingChecked = true;
        }
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public StreamGearConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(StreamGearConfiguration configuration) {
        this.configuration = configuration;
    }
}
