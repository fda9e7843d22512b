package io.github.streamgear.engine.frames;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.streamgear.engine.Durations;
import io.github.streamgear.engine.StreamGearException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frame sessions of one endpoint, by id. A session opens on its first frame and ends on an end-of-stream, after
 * {@code idleTimeout} without a frame, when the producer sending its frames stops, or when the endpoint stops. Frames
 * for a session that ended less than {@code idleTimeout} ago are refused (they are stragglers of that stream); after
 * that the same id starts a new one.
 */
public final class FrameSessions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FrameSessions.class);

    private final Map<String, FrameSession> open = new ConcurrentHashMap<>();
    private final Map<String, Long> ended = new ConcurrentHashMap<>();
    private final Duration idleTimeout;
    private final ScheduledExecutorService sweeper;

    public FrameSessions(Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "streamgear-session-sweeper");
            t.setDaemon(true);
            return t;
        });
        if (!idleTimeout.isZero() && !idleTimeout.isNegative()) {
            long period = Math.max(100, Math.min(1000, idleTimeout.toMillis() / 2));
            sweeper.scheduleWithFixedDelay(this::endIdleSessions, period, period, TimeUnit.MILLISECONDS);
        }
    }

    /** The open session {@code id}, opening one made by {@code factory} if there is none. */
    public FrameSession openOrGet(String id, Supplier<FrameSession> factory) {
        Long endedAt = ended.get(id);
        if (endedAt != null && System.nanoTime() - endedAt < idleTimeout.toNanos()) {
            throw new StreamGearException("Session " + id + " has ended: frames after the end of the stream are refused");
        }
        return open.computeIfAbsent(id, key -> {
            ended.remove(key);
            FrameSession session = factory.get();
            session.open();
            return session;
        });
    }

    /** The open session {@code id}, or null. */
    public FrameSession get(String id) {
        return open.get(id);
    }

    /** Removes the session {@code id} so that it can be finished; null if there is none. */
    public FrameSession end(String id) {
        FrameSession session = open.remove(id);
        if (session != null) {
            ended.put(id, System.nanoTime());
        }
        return session;
    }

    /** Ends and finishes {@code session} if it is still open here (not ended meanwhile, or replaced by a newer one). */
    public void finish(FrameSession session, String why) {
        if (open.remove(session.id(), session)) {
            ended.put(session.id(), System.nanoTime());
            finishQuietly(session, why);
        }
    }

    /** Finishes every open session: each gets its manifests finalised. */
    public void finishAll(String why) {
        for (String id : new ArrayList<>(open.keySet())) {
            finishQuietly(end(id), why);
        }
    }

    public int openCount() {
        return open.size();
    }

    /** Open sessions whose FFmpeg has stopped running. */
    public int brokenCount() {
        return (int) open.values().stream().filter(FrameSession::isBroken).count();
    }

    /** Finishes every open session (each gets its manifest finalised) and stops the idle sweeper. */
    @Override
    public void close() {
        sweeper.shutdownNow();
        finishAll("the endpoint is stopping");
    }

    private void endIdleSessions() {
        ended.values().removeIf(at -> System.nanoTime() - at >= idleTimeout.toNanos());
        for (FrameSession session : List.copyOf(open.values())) {
            if (session.idleFor().compareTo(idleTimeout) >= 0) {
                FrameSession removed = end(session.id());
                if (removed != null) {
                    finishQuietly(removed, "no frame for " + Durations.describe(idleTimeout) + " (option idleTimeout)");
                }
            }
        }
    }

    private static void finishQuietly(FrameSession session, String why) {
        if (session == null) {
            return;
        }
        LOG.info("Session {}: ending because {}", session.id(), why);
        try {
            session.finish();
        } catch (RuntimeException e) {
            LOG.warn("Session {}: could not be finalised: {}", session.id(), e.getMessage());
        }
    }
}
