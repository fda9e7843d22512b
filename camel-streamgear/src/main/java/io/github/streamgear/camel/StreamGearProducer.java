package io.github.streamgear.camel;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import io.github.streamgear.engine.StreamGearException;
import io.github.streamgear.engine.job.TranscodeJob;
import io.github.streamgear.engine.job.TranscodeResult;
import io.github.streamgear.engine.protection.KeyProvider;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;

/**
 * Runs one single-source job per exchange. Jobs run on the component's job pool, so a long transcode does not pin the
 * route's thread; the exchange continues when FFmpeg is done. The reply body is a {@code List<Message>}, one per
 * produced file, segments first and manifests last.
 */
public class StreamGearProducer extends StreamGearAsyncProducer {

    public StreamGearProducer(StreamGearEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        return getEndpoint().runJob(exchange, callback, () -> transcode(exchange), () -> { });
    }

    private TranscodeResult transcode(Exchange exchange) throws Exception {
        StreamGearEndpoint endpoint = getEndpoint();
        refuseFrames(exchange);
        try (ResolvedSource source = SourceResolver.resolve(exchange, endpoint.getConfiguration().videoSourceUrl())) {
            String jobId = JobIds.jobId(exchange, source.baseName());
            Path jobDir = Path.of(endpoint.getConfiguration().getOutputDir()).resolve(jobId);
            String chosenId = exchange.getIn().getHeader(StreamGearConstants.JOB_ID, String.class);
            boolean named = chosenId != null && !chosenId.isBlank();
            try {
                TranscodeJob job = new TranscodeJob(jobId, source.spec(), jobDir, endpoint.getSettings(),
                        named ? null : source.fileName(), SidecarHeader.subtitles(exchange));
                KeyProvider keys = ProtectionOptions.forJob(endpoint.getConfiguration());
                TranscodeResult result = endpoint.getTranscoder().transcode(job,
                        endpoint.hasOutputListeners() ? event -> endpoint.outputEvent(jobId, event) : null,
                        endpoint::progress, keys);
                ProtectionOptions.reply(keys, exchange.getMessage());
                return result;
            } catch (StreamGearException e) {
                if (exchange.getIn().getBody() instanceof byte[] && e.getMessage().startsWith("ffprobe could not read")) {
                    throw new StreamGearException("Endpoint " + endpoint.getName() + " is in single-source mode ("
                            + endpoint.modeReason() + "), so a byte[] body must hold a whole video file; if it is a raw"
                            + " frame, configure mode=frames with frameWidth and frameHeight. " + e.getMessage(), e);
                }
                throw e;
            }
        }
    }

    /** Frames sent to a single-source endpoint fail with a message that says why the endpoint is in that mode. */
    private void refuseFrames(Exchange exchange) {
        Object body = exchange.getIn().getBody();
        boolean frameHeaders = exchange.getIn().getHeader(StreamGearConstants.END_OF_STREAM) != null
                || exchange.getIn().getHeader(StreamGearConstants.FRAME_WIDTH) != null;
        if (body instanceof ByteBuffer || body instanceof java.awt.image.BufferedImage || frameHeaders) {
            throw new StreamGearException("Endpoint " + getEndpoint().getName() + " is in single-source mode ("
                    + getEndpoint().modeReason() + ") and takes whole video files, not raw frames: configure mode=frames"
                    + " with frameWidth and frameHeight to stream frames");
        }
    }
}
