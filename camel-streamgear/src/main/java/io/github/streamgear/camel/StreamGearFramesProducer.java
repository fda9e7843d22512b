package io.github.streamgear.camel;

import java.io.File;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.streamgear.engine.StreamGearException;
import io.github.streamgear.engine.command.SourceSpec;
import io.github.streamgear.engine.frames.FrameFormat;
import io.github.streamgear.engine.frames.FrameSession;
import io.github.streamgear.engine.frames.FrameSessions;
import io.github.streamgear.engine.frames.Frames;
import io.github.streamgear.engine.frames.PixelFormat;
import io.github.streamgear.engine.protection.KeyProvider;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.file.GenericFile;

/**
 * Frames mode: each exchange carries one raw frame ({@code byte[]}, {@link ByteBuffer} or
 * {@link java.awt.image.BufferedImage}) for the session named by header {@code CamelStreamGearJobId} (default: the
 * endpoint name). The first frame of a session starts FFmpeg; a frame is written synchronously (the exchange waits
 * while FFmpeg's stdin is full: that is the backpressure). An exchange with {@code CamelStreamGearEndOfStream=true}
 * ends the session; its reply, once FFmpeg has finalised the manifests, is the {@code List<Message>} of produced files.
 * When the producer stops (its route stops), the sessions it was sending frames to end the same way.
 */
public class StreamGearFramesProducer extends StreamGearAsyncProducer {

    /** The sessions this producer sent frames to; some may have ended since (end of stream, idle timeout). */
    private final Set<FrameSession> sending = ConcurrentHashMap.newKeySet();

    public StreamGearFramesProducer(StreamGearEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Message in = exchange.getIn();
        String id;
        try {
            id = JobIds.jobId(exchange, getEndpoint().getName());
            Object body = in.getBody();
            refuseSourceBodies(body);
            boolean endOfStream = in.getHeader(StreamGearConstants.END_OF_STREAM, false, Boolean.class);
            if (!endOfStream || isFrame(body)) {
                FrameSession open = getEndpoint().getSessions().get(id);
                FrameFormat format = open != null ? open.format() : frameFormat(exchange);
                ByteBuffer frame = Frames.toBuffer(body, format);
                if (frame == null) {
                    throw new StreamGearException("Endpoint " + getEndpoint().getName() + " is in frames mode and takes"
                            + " byte[], ByteBuffer or BufferedImage frames, not "
                            + (body == null ? "an empty body" : body.getClass().getName()));
                }
                format.checkFrame(id, frame); // before a session (and FFmpeg) is started for it
                FrameSessions sessions = getEndpoint().getSessions();
                KeyProvider[] opened = new KeyProvider[1];
                FrameSession session = sessions.openOrGet(id, () -> newSession(format, id, opened));
                if (sending.add(session)) {
                    sending.removeIf(earlier -> sessions.get(earlier.id()) != earlier);
                }
                // a generated key goes on the reply of the frame that opened the session: the route must store it
                // before viewers ask the key server for it
                ProtectionOptions.reply(opened[0], exchange.getMessage());
                session.write(frame);
            }
            if (!endOfStream) {
                callback.done(true);
                return true;
            }
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        return finishAsync(exchange, callback, id);
    }

    private boolean finishAsync(Exchange exchange, AsyncCallback callback, String id) {
        FrameSession session = getEndpoint().getSessions().end(id);
        if (session == null) {
            exchange.setException(new StreamGearException("End of stream for session " + id + ", but no such session is open"));
            callback.done(true);
            return true;
        }
        return getEndpoint().runJob(exchange, callback, session::finish, session::abort);
    }

    /** A new session's frame format: the options, overridden by the first frame's headers (or image size). */
    private FrameFormat frameFormat(Exchange exchange) {
        StreamGearConfiguration config = getEndpoint().getConfiguration();
        Message in = exchange.getIn();
        int width = in.getHeader(StreamGearConstants.FRAME_WIDTH, config.getFrameWidth(), Integer.class);
        int height = in.getHeader(StreamGearConstants.FRAME_HEIGHT, config.getFrameHeight(), Integer.class);
        String pixelHeader = in.getHeader(StreamGearConstants.PIXEL_FORMAT, String.class);
        PixelFormat pixels = pixelHeader != null ? PixelFormat.parse(pixelHeader) : config.getPixelFormat();
        if ((width <= 0 || height <= 0) && in.getBody() instanceof java.awt.image.BufferedImage image) {
            width = image.getWidth();
            height = image.getHeight();
        }
        return new FrameFormat(width, height, pixels, config.getInputFramerate());
    }

    /** Ends the streams this producer was sending, rather than leaving FFmpeg waiting for {@code idleTimeout}. */
    @Override
    protected void doStop() throws Exception {
        if (getEndpoint().getSessionsOpen() > 0) { // else none is left, or the endpoint stopped and ended them
            FrameSessions sessions = getEndpoint().getSessions();
            for (FrameSession session : sending) {
                sessions.finish(session, "the producer sending its frames stopped");
            }
        }
        sending.clear();
        super.doStop();
    }

    private FrameSession newSession(FrameFormat format, String id, KeyProvider[] keys) {
        StreamGearEndpoint endpoint = getEndpoint();
        StreamGearConfiguration config = endpoint.getConfiguration();
        SourceSpec audio = config.getAudio() == null || config.getAudio().isBlank() ? null : SourceSpec.parse(config.getAudio());
        Path jobDir = Path.of(config.getOutputDir()).resolve(id);
        FrameSession session = new FrameSession(id, format, audio, endpoint.getSettings(), jobDir,
                endpoint.getTranscoder().binaries(), endpoint.getComponent().runner(), event -> endpoint.outputEvent(id, event));
        session.reportProgress(Duration.ofMillis(config.getProgressInterval()), endpoint::progress);
        keys[0] = ProtectionOptions.forJob(config);
        session.encryptWith(keys[0]);
        return session;
    }

    private static boolean isFrame(Object body) {
        return body instanceof byte[] b ? b.length > 0
                : body instanceof ByteBuffer bb ? bb.hasRemaining() : body instanceof java.awt.image.BufferedImage;
    }

    private void refuseSourceBodies(Object body) {
        if (body instanceof File || body instanceof Path || body instanceof GenericFile<?> || body instanceof String
                || body instanceof InputStream) {
            throw new StreamGearException("Endpoint " + getEndpoint().getName() + " is in frames mode ("
                    + getEndpoint().modeReason() + ") and takes raw frames, not a "
                    + body.getClass().getSimpleName() + ": send video files to an endpoint without frame options");
        }
    }
}
