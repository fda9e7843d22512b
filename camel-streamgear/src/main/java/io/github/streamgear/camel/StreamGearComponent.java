package io.github.streamgear.camel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;

import io.github.streamgear.engine.ffmpeg.FfmpegBinaries;
import io.github.streamgear.engine.ffmpeg.FfmpegLocator;
import io.github.streamgear.engine.ffmpeg.FfmpegRunner;
import io.github.streamgear.engine.frames.FrameSessions;
import io.github.streamgear.engine.job.JobProgress;
import io.github.streamgear.engine.job.Transcoder;
import io.github.streamgear.engine.live.SourceEvent;
import io.github.streamgear.engine.output.OutputEvent;
import org.apache.camel.Endpoint;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.util.PropertiesHelper;

/**
 * The {@code streamgear:} component: transcodes video into MPEG-DASH, HLS and CMAF adaptive streams with FFmpeg. It owns
 * what its endpoints share: the FFmpeg processes (all ended when the component stops), the located FFmpeg binaries,
 * and the thread pool jobs run on.
 */
@Component("streamgear")
public class StreamGearComponent extends DefaultComponent {

    @Metadata(description = "The options every endpoint starts from (each endpoint gets a copy, which its URI options"
                            + " override), e.g. camel.component.streamgear.ffmpeg-path or .segment-duration.")
    private StreamGearConfiguration configuration = new StreamGearConfiguration();

    @Metadata(defaultValue = "2", description = "How many transcoding jobs may run at once across this component's"
                                                + " endpoints; more wait their turn. FFmpeg itself uses several cores per job.")
    private int maxConcurrentJobs = 2;

    private final Map<String, Transcoder> transcoders = new ConcurrentHashMap<>();
    private final Map<String, List<StreamGearConsumer>> consumers = new ConcurrentHashMap<>();
    private final List<FrameSessions> frameSessions = new CopyOnWriteArrayList<>();
    /** Live sources started by message (StreamGearLiveSourceProducer): followed by the health check as consumers' are. */
    private final List<LiveSourceChannel> startedByMessage = new CopyOnWriteArrayList<>();
    private StreamGearHealthCheck healthCheck;
    private FfmpegRunner runner;
    private ExecutorService jobExecutor;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("A streamgear endpoint needs a name: streamgear:NAME?outputDir=...");
        }
        StreamGearConfiguration configuration = this.configuration.copy();
        StreamGearEndpoint endpoint = new StreamGearEndpoint(uri, this, configuration);
        endpoint.setName(remaining);
        Map<String, Object> output = PropertiesHelper.extractProperties(parameters, "ffmpeg.");
        Map<String, Object> input = PropertiesHelper.extractProperties(parameters, "input.");
        setProperties(endpoint, parameters);
        configuration.getFfmpegOptions().putAll(output);
        configuration.getInputOptions().putAll(input);
        configuration.validate(); // fail now, naming the option, rather than on the first exchange
        return endpoint;
    }

    /** The transcoder for these FFmpeg/ffprobe settings, locating and checking the binaries on first use. */
    Transcoder transcoder(String ffmpeg, String ffprobe, Duration progressInterval) {
        String key = Objects.toString(ffmpeg, "") + '|' + Objects.toString(ffprobe, "") + '|' + progressInterval.toMillis();
        return transcoders.computeIfAbsent(key, k -> {
            FfmpegRunner shared = runner();
            FfmpegBinaries binaries = new FfmpegLocator(shared).locate(ffmpeg, ffprobe);
            return new Transcoder(binaries, shared, progressInterval);
        });
    }

    void register(String name, StreamGearConsumer consumer) {
        consumers.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(consumer);
    }

    void unregister(String name, StreamGearConsumer consumer) {
        List<StreamGearConsumer> list = consumers.get(name);
        if (list != null) {
            list.remove(consumer);
        }
    }

    /** Whether a consumer of {@code streamgear:name} takes files (so the jobs must watch their output). */
    boolean hasConsumers(String name) {
        List<StreamGearConsumer> list = consumers.get(name);
        return list != null && list.stream().anyMatch(c -> !c.receivesProgress());
    }

    /** Hands a file event of endpoint {@code name}'s jobs to the file consumers of {@code streamgear:name}. */
    void publish(String name, String jobId, PublishedJob job, OutputEvent event) {
        List<StreamGearConsumer> list = consumers.get(name);
        if (list != null) {
            for (StreamGearConsumer consumer : list) {
                if (!consumer.receivesProgress()) {
                    consumer.offer(jobId, job, event);
                }
            }
        }
    }

    /**
     * Hands a source event of a live stream started by message on endpoint {@code name} to the file consumers of
     * {@code streamgear:name}: the routes that publish its files, the only ones that outlive the starting exchange.
     */
    void publishSourceEvent(String name, SourceEvent event) {
        List<StreamGearConsumer> list = consumers.get(name);
        if (list != null) {
            for (StreamGearConsumer consumer : list) {
                if (!consumer.receivesProgress()) {
                    consumer.offerSourceEvent(event);
                }
            }
        }
    }

    void addStartedByMessage(LiveSourceChannel channel) {
        startedByMessage.add(channel);
    }

    void removeStartedByMessage(LiveSourceChannel channel) {
        startedByMessage.remove(channel);
    }

    /** Hands a progress report of endpoint {@code name}'s jobs to the consumers of {@code streamgear:name?events=progress}. */
    void publishProgress(String name, JobProgress progress) {
        List<StreamGearConsumer> list = consumers.get(name);
        if (list != null) {
            for (StreamGearConsumer consumer : list) {
                if (consumer.receivesProgress()) {
                    consumer.offerProgress(progress);
                }
            }
        }
    }

    void addSessions(FrameSessions sessions) {
        frameSessions.add(sessions);
    }

    void removeSessions(FrameSessions sessions) {
        frameSessions.remove(sessions);
    }

    int openSessions() {
        return frameSessions.stream().mapToInt(FrameSessions::openCount).sum();
    }

    /**
     * Why live network sources of this component's consumers, and those started by message, count as down (see
     * sourceLostGrace); empty if none.
     */
    List<String> liveSourcesDown() {
        Instant now = Instant.now();
        List<String> down = new ArrayList<>();
        for (LiveSourceChannel channel : startedByMessage) {
            String why = channel.sourceDown(now);
            if (why != null) {
                down.add(why);
            }
        }
        for (List<StreamGearConsumer> list : consumers.values()) {
            for (StreamGearConsumer consumer : list) {
                String why = consumer.liveSourceDown(now);
                if (why != null) {
                    down.add(why);
                }
            }
        }
        return down;
    }

    int brokenSessions() {
        return frameSessions.stream().mapToInt(FrameSessions::brokenCount).sum();
    }

    /**
     * The runner of every FFmpeg process of this component, made on first use: endpoints of several routes may start
     * on several threads while the component itself is still starting.
     */
    synchronized FfmpegRunner runner() {
        if (runner == null) {
            runner = new FfmpegRunner();
        }
        return runner;
    }

    /** The pool jobs run on, made on first use (see {@link #runner()}). */
    synchronized ExecutorService jobExecutor() {
        if (jobExecutor == null) {
            jobExecutor = getCamelContext().getExecutorServiceManager().newFixedThreadPool(this, "StreamGearJob",
                    maxConcurrentJobs);
        }
        return jobExecutor;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        HealthCheckRegistry registry = HealthCheckRegistry.get(getCamelContext());
        if (registry != null) {
            healthCheck = new StreamGearHealthCheck(this);
            registry.register(healthCheck);
        }
    }

    @Override
    protected void doStop() throws Exception {
        synchronized (this) {
            // end every FFmpeg process first, so that the job threads waiting on them return
            if (runner != null) {
                runner.close();
                runner = null;
            }
            if (jobExecutor != null) {
                getCamelContext().getExecutorServiceManager().shutdownGraceful(jobExecutor);
                jobExecutor = null;
            }
        }
        transcoders.clear();
        if (healthCheck != null) {
            HealthCheckRegistry registry = HealthCheckRegistry.get(getCamelContext());
            if (registry != null) {
                registry.unregister(healthCheck);
            }
            healthCheck = null;
        }
        super.doStop();
    }

    public StreamGearConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(StreamGearConfiguration configuration) {
        this.configuration = configuration;
    }

    /** The FFmpeg every endpoint uses unless its own {@code ffmpegPath} says otherwise (the configuration's option). */
    public String getFfmpegPath() {
        return configuration.getFfmpegPath();
    }

    public void setFfmpegPath(String ffmpegPath) {
        configuration.setFfmpegPath(ffmpegPath);
    }

    public String getFfprobePath() {
        return configuration.getFfprobePath();
    }

    public void setFfprobePath(String ffprobePath) {
        configuration.setFfprobePath(ffprobePath);
    }

    public int getMaxConcurrentJobs() {
        return maxConcurrentJobs;
    }

    public void setMaxConcurrentJobs(int maxConcurrentJobs) {
        this.maxConcurrentJobs = maxConcurrentJobs;
    }
}
