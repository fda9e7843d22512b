package io.github.streamgear.camel;

import java.time.Duration;

import io.github.streamgear.engine.TranscodeSettings;
import io.github.streamgear.engine.Transcoder;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
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
             producerOnly = true, category = { Category.TRANSFORMATION, Category.FILE },
             headersClass = StreamGearConstants.class)
public class StreamGearEndpoint extends DefaultEndpoint {

    @UriPath(description = "Name of the endpoint.")
    @Metadata(required = true)
    private String name;

    @UriParam
    private StreamGearConfiguration configuration;

    private TranscodeSettings settings;
    private Transcoder transcoder;

    public StreamGearEndpoint(String uri, StreamGearComponent component, StreamGearConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public StreamGearComponent getComponent() {
        return (StreamGearComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new StreamGearProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("The streamgear endpoint " + name + " does not support consumers yet");
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        settings = configuration.toSettings();
    }

    /** Locates FFmpeg: a missing or broken FFmpeg fails here, when the endpoint starts, naming every place looked at. */
    @Override
    protected void doStart() throws Exception {
        super.doStart();
        transcoder = getComponent().transcoder(configuration.getFfmpegPath(), configuration.getFfprobePath(),
                Duration.ofMillis(configuration.getProgressInterval()));
    }

    TranscodeSettings getSettings() {
        return settings;
    }

    Transcoder getTranscoder() {
        return transcoder;
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
