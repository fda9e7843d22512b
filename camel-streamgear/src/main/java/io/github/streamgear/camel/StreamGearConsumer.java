package io.github.streamgear.camel;

import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.github.streamgear.engine.job.JobProgress;
import io.github.streamgear.engine.live.SourceEvent;
import io.github.streamgear.engine.output.OutputEvent;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.ShutdownRunningTask;
import org.apache.camel.spi.ShutdownAware;
import org.apache.camel.spi.ShutdownStrategy;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code from("streamgear:NAME")}: one exchange per file that the jobs and sessions of {@code to("streamgear:NAME...")}
 * endpoints complete or remove, as soon as it happens. Delivery is ordered and synchronous: a file's exchange must go
 * through the route before the next one is sent, so a manifest never reaches the sink before the segments it lists. A
 * failed write (after Camel's error handler and its redeliveries) is retried every {@code retryDelay} until the sink
 * takes it, while the job goes on; see {@link DeliveryQueue} for how the backlog stays bounded. A failed delete is set
 * aside instead, so that a sink that cannot delete never holds up the writes: it is retried after the sink took a file,
 * and given up after {@value #DELETE_ATTEMPTS} failures.
 * <p>
 * In a graceful shutdown the consumer keeps running until the routes being stopped have finished their exchanges (and
 * so their jobs) and its queue is delivered; when the whole context stops, it first ends the frame sessions of its
 * endpoints, so that their final manifests are published too.
 * <p>
 * When its endpoint names a live source ({@code videoSource} with {@code livestream=true}, see {@link LiveSourceChannel}),
 * the consumer also runs that live stream: started with the consumer, stopped and finalised (its last files delivered)
 * when the route or the context stops.
 * <p>
 * With {@code events=progress} it receives the progress reports of those jobs and sessions instead, best effort: one
 * exchange per report, never retried, the oldest dropped when the route falls behind.
 */
public class StreamGearConsumer extends DefaultConsumer implements ShutdownAware {

    private static final Logger LOG = LoggerFactory.getLogger(StreamGearConsumer.class);

    /**
     * How many times a delete may fail before it is given up: its first attempt, then one retry after each of the next
     * files the sink takes. While the sink is down it takes no file, so an outage does not use up a delete's attempts; a
     * sink that refuses deletes costs {@value} failed exchanges and one WARN per delete.
     */
    static final int DELETE_ATTEMPTS = 3;

    /** Most progress reports waiting for the route. */
    private static final int PROGRESS_BACKLOG = 100;

    private final DeliveryQueue queue;
    private final VersionFiles versions;
    private final boolean progress;
    private final BlockingQueue<JobProgress> progressQueue = new ArrayBlockingQueue<>(PROGRESS_BACKLOG);
    private ExecutorService deliverer;
    /** The live stream this consumer runs when its endpoint names a live source; null otherwise. */
    private LiveSourceChannel live;
    /** Delivers the sourceLost and sourceResumed messages of the live stream; null when there is none. */
    private volatile ExecutorService sourceEvents;

    public StreamGearConsumer(StreamGearEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.queue = new DeliveryQueue(endpoint.getConfiguration().getMaxQueueSize());
        this.versions = new VersionFiles(endpoint.getName());
        this.progress = endpoint.getConfiguration().receivesProgress();
    }

    /** Whether this consumer takes progress reports (events=progress) rather than files. */
    boolean receivesProgress() {
        return progress;
    }

    @Override
    public StreamGearEndpoint getEndpoint() {
        return (StreamGearEndpoint) super.getEndpoint();
    }

    /** Called by the component on the producing side's thread; blocks while the queue is full. */
    void offer(String jobId, PublishedJob job, OutputEvent event) {
        try {
            if (!queue.put(new DeliveryQueue.Item(jobId, job, event))) {
                LOG.warn("Job {}: {} not delivered: consumer {} is stopped (the file is at {})", jobId, event.type(),
                        getEndpoint().getName(), event.file().path());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Called by the component on FFmpeg's output reading thread: never blocks. Reports go through the route one at a
     * time, in order; when {@value #PROGRESS_BACKLOG} are waiting, the oldest is dropped (a newer one says more).
     */
    void offerProgress(JobProgress report) {
        while (!progressQueue.offer(report)) {
            progressQueue.poll();
        }
    }

    @Override
    protected void doStart() throws Exception {
        if (getEndpoint().getConfiguration().isLiveSource()) {
            ProtectionOptions.checkLiveSourceConsumer(getEndpoint().getConfiguration()); // before any thread starts
        }
        super.doStart();
        progressQueue.clear();
        deliverer = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadExecutor(this, "StreamGearConsumer[" + getEndpoint().getName() + "]");
        deliverer.execute(progress ? this::progressLoop : this::deliverLoop);
        getEndpoint().getComponent().register(getEndpoint().getName(), this);
        if (!progress) { // the source events of a live stream started here, or by message on this name
            sourceEvents = getEndpoint().getCamelContext().getExecutorServiceManager()
                    .newSingleThreadExecutor(this, "StreamGearConsumer[" + getEndpoint().getName() + "]-source");
        }
        if (getEndpoint().getConfiguration().isLiveSource()) {
            live = new LiveSourceChannel(getEndpoint(), (what, e) -> getExceptionHandler().handleException(what, e),
                    this::offerSourceEvent);
            live.start();
        }
    }

    /**
     * A live source was lost or came back: one message, on a thread of its own so that a slow route never holds up the
     * reconnect, in the order they happened. Not retried (the next event says more); not ordered with the file messages,
     * whose timestamps tell which came first.
     */
    void offerSourceEvent(SourceEvent event) {
        ExecutorService executor = sourceEvents;
        if (executor == null || executor.isShutdown()) {
            return;
        }
        try {
            executor.execute(() -> deliverSourceEvent(event));
        } catch (RejectedExecutionException e) {
            LOG.debug("Source event {} not delivered: the consumer is stopping", event.type());
        }
    }

    private void deliverSourceEvent(SourceEvent event) {
        Exchange exchange = createExchange(false);
        String jobId = JobIds.sanitize(getEndpoint().getName());
        try {
            Message in = exchange.getIn();
            in.setBody(event.detail());
            in.setHeader(StreamGearConstants.JOB_ID, jobId);
            in.setHeader(StreamGearConstants.OPERATION,
                    event.type() == SourceEvent.Type.LOST ? "sourceLost" : "sourceResumed");
            in.setHeader(StreamGearConstants.TIMESTAMP, event.at().toEpochMilli());
            if (event.type() == SourceEvent.Type.RESUMED) {
                in.setHeader(StreamGearConstants.SOURCE_LOST_FOR, event.lostFor().toMillis());
            }
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("Delivering " + event.type() + " of live source " + jobId, exchange,
                    exchange.getException());
        }
        releaseExchange(exchange, false);
    }

    /** Why the health check should report this consumer's live stream DOWN, or null (see LiveSourceChannel). */
    String liveSourceDown(Instant now) {
        LiveSourceChannel channel = live;
        return channel == null ? null
                : channel.sourceDown(now, Duration.ofMillis(getEndpoint().getConfiguration().getSourceLostGrace()));
    }

    /** Stops this consumer's live stream (if it runs one) and waits until FFmpeg has finalised it. */
    private void stopLive(String why) {
        LiveSourceChannel channel = live;
        if (channel != null) {
            channel.stop(why);
        }
    }

    private void progressLoop() {
        try {
            while (isRunAllowed()) {
                JobProgress report = progressQueue.poll(1, TimeUnit.SECONDS);
                if (report != null) {
                    deliverProgress(report);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliverProgress(JobProgress report) {
        Exchange exchange = createExchange(false);
        try {
            Message in = exchange.getIn();
            in.setBody(report.toString());
            in.setHeader(StreamGearConstants.JOB_ID, report.jobId());
            in.setHeader(StreamGearConstants.OPERATION, "progress");
            if (report.fraction() >= 0) {
                in.setHeader(StreamGearConstants.PROGRESS, report.fraction());
            }
            in.setHeader(StreamGearConstants.ENCODED_SECONDS, report.encodedSeconds());
            in.setHeader(StreamGearConstants.SPEED, report.speed());
            in.setHeader(StreamGearConstants.FRAME, report.frame());
            in.setHeader(StreamGearConstants.ENCODING_ENDED, report.ended());
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("Delivering progress of job " + report.jobId(), exchange,
                    exchange.getException());
        }
        releaseExchange(exchange, false);
    }

    /**
     * Kept running through a graceful shutdown: the jobs of the routes being stopped complete meanwhile, and their files
     * must still be published. Progress reports are best effort: not waited for.
     */
    @Override
    public boolean deferShutdown(ShutdownRunningTask shutdownRunningTask) {
        return !progress;
    }

    /** Camel's shutdown waits while this is above zero: the files queued, including the one being delivered. */
    @Override
    public int getPendingExchangesSize() {
        return progress ? 0 : queue.size();
    }

    /**
     * Called once the routes being stopped have no exchange in flight and the queue was seen empty. When the whole context
     * stops, the frame sessions of this consumer's endpoints are ended now, while it still runs, rather than by their
     * endpoints after it stopped; then whatever they and the jobs that just ended queued is delivered. The shutdown
     * timeout bounds the wait (Camel interrupts it); what is left is logged when the consumer stops.
     */
    @Override
    public void prepareShutdown(boolean suspendOnly, boolean forced) {
        if (!suspendOnly) {
            stopLive(getEndpoint().getCamelContext().isStopping() ? "the CamelContext is stopping" : "its route is stopping");
        }
        if (progress || suspendOnly || forced) {
            return;
        }
        CamelContext context = getEndpoint().getCamelContext();
        if (context.isStopping()) {
            finishSessions();
        }
        ShutdownStrategy shutdown = context.getShutdownStrategy();
        try {
            queue.awaitDrained(Duration.of(shutdown.getTimeout(), shutdown.getTimeUnit().toChronoUnit()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void finishSessions() {
        for (Endpoint endpoint : getEndpoint().getCamelContext().getEndpoints()) {
            if (endpoint instanceof StreamGearEndpoint producing && producing.getName().equals(getEndpoint().getName())
                    && producing.getSessionsOpen() > 0) {
                producing.getSessions().finishAll("the CamelContext is stopping");
            }
        }
    }

    @Override
    protected void doStop() throws Exception {
        stopLive("its consumer is stopping"); // when stopped without a graceful shutdown
        live = null;
        if (sourceEvents != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(sourceEvents);
            sourceEvents = null;
        }
        getEndpoint().getComponent().unregister(getEndpoint().getName(), this);
        for (DeliveryQueue.Item left : queue.close()) {
            LOG.warn("Job {}: {} of {} not delivered because consumer {} stopped; the file is at {}", left.jobId(),
                    left.event().type(), left.event().file().name(), getEndpoint().getName(), left.event().file().path());
        }
        if (deliverer != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(deliverer);
            deliverer = null;
        }
        versions.close();
        super.doStop();
    }

    private void deliverLoop() {
        Duration retryDelay = Duration.ofMillis(getEndpoint().getConfiguration().getRetryDelay());
        try {
            while (isRunAllowed()) {
                DeliveryQueue.Item item = queue.next(Duration.ofSeconds(1));
                if (item == null) {
                    continue;
                }
                if (item.event().type() == OutputEvent.Type.REMOVED) {
                    if (deliver(item, 0) == null) {
                        queue.delivered(item);
                        retryDeletes();
                    } else {
                        queue.setAside(item);
                    }
                    continue;
                }
                boolean taken = false;
                for (int attempt = 1; !taken; attempt++) {
                    taken = deliver(item, attempt) == null;
                    if (!taken && !queue.pause(retryDelay)) {
                        return;
                    }
                    if (!taken && !item.event().file().path().toFile().exists()) {
                        LOG.warn("Job {}: {} was removed from disk before it could be delivered", item.jobId(),
                                item.event().file().path());
                        break;
                    }
                }
                queue.delivered(item);
                if (taken) {
                    retryDeletes();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The sink just took a file, so it is up: a set-aside delete that fails now is refused, not caught in an outage. */
    private void retryDeletes() {
        for (DeliveryQueue.Item delete : queue.setAside()) {
            Exception failure = deliver(delete, 0);
            if (failure == null) {
                queue.resolved(delete);
                continue;
            }
            int failures = queue.failedAgain(delete);
            if (failures >= DELETE_ATTEMPTS) {
                queue.resolved(delete);
                LOG.warn("Job {}: gave up deleting {} after {} failed attempts while the sink took other files ({}); the"
                        + " file stays at the sink. A sink that cannot delete should get writes only, e.g."
                        + " .filter(header(\"CamelStreamGearOperation\").isEqualTo(\"write\"))", delete.jobId(),
                        FileMessages.relativeName(delete.jobId(), delete.event().file().name()), failures, failure.getMessage());
            }
        }
    }

    /**
     * Sends one file's exchange through the route; null if the route took it, else why not. The first failure of a write
     * goes to the consumer's exception handler (with its stack trace); while the sink stays down, every tenth retry logs
     * one line. Deletes ({@code attempt} 0) log at DEBUG only: {@link #retryDeletes()} says when one is given up.
     */
    private Exception deliver(DeliveryQueue.Item item, int attempt) {
        Exchange exchange = createExchange(false);
        try {
            FileMessages.publish(exchange.getIn(), item.jobId(), item.job(), item.event(),
                    getEndpoint().getConfiguration());
            if (item.event().version() != null) { // a live manifest: the version this message is for, not the file's
                File version = versions.write(item.event().file().name(), item.event().version());
                exchange.getIn().setBody(version);
                exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                    @Override
                    public void onDone(Exchange done) {
                        versions.delete(version);
                    }
                });
            }
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        Exception failure = exchange.getException();
        if (failure != null && attempt == 0) {
            LOG.debug("Job {}: delete of {} failed: {}", item.jobId(), item.event().file().name(), failure.getMessage());
        } else if (failure != null && attempt == 1) {
            LOG.warn("Job {}: delivering {} {} failed, retrying every {} ms while the job goes on: {}", item.jobId(),
                    item.event().type(), item.event().file().name(), getEndpoint().getConfiguration().getRetryDelay(),
                    failure.getMessage());
            getExceptionHandler().handleException("Delivering " + item.event().file().path(), exchange, failure);
        } else if (failure != null && attempt % 10 == 0) {
            LOG.warn("Job {}: {} {} still not delivered after {} attempts: {}", item.jobId(), item.event().type(),
                    item.event().file().name(), attempt, failure.getMessage());
        }
        releaseExchange(exchange, false);
        return failure;
    }
}
