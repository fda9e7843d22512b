package io.github.streamgear.camel;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

import io.github.streamgear.engine.job.TranscodeResult;
import io.github.streamgear.engine.output.FileKind;

/** Counters of one endpoint's jobs and sessions, shown over JMX by {@link StreamGearEndpoint}. */
final class StreamGearStatistics {

    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong segments = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final DoubleAdder mediaSeconds = new DoubleAdder();
    private final DoubleAdder wallSeconds = new DoubleAdder();
    private volatile double lastSpeed;

    void recordSuccess(TranscodeResult result) {
        succeeded.incrementAndGet();
        segments.addAndGet(result.files().stream().filter(f -> f.kind() == FileKind.SEGMENT).count());
        bytes.addAndGet(result.totalBytes());
        mediaSeconds.add(result.source().durationSeconds());
        wallSeconds.add(result.wallTime().toMillis() / 1000.0);
        lastSpeed = result.speed();
    }

    void recordFailure() {
        failed.incrementAndGet();
    }

    long succeeded() {
        return succeeded.get();
    }

    long failed() {
        return failed.get();
    }

    long segments() {
        return segments.get();
    }

    long bytes() {
        return bytes.get();
    }

    double lastSpeed() {
        return lastSpeed;
    }

    /** Media seconds encoded per wall-clock second, over all successful jobs. */
    double averageSpeed() {
        double wall = wallSeconds.sum();
        return wall == 0 ? 0 : mediaSeconds.sum() / wall;
    }
}
