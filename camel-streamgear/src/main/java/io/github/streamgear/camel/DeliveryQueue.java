package io.github.streamgear.camel;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.github.streamgear.engine.output.OutputEvent;
import io.github.streamgear.engine.output.OutputFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ordered queue between the files that jobs produce and the route of the {@link StreamGearConsumer} they are
 * published to (the sink). Items are delivered one at a time, in the order they were produced, and the head is retried
 * until the sink takes it, so a manifest is never delivered before the segments it lists, even across sink outages.
 * While the sink is down the queue stays small:
 * <ul>
 * <li>a newer version of a manifest or playlist replaces an undelivered older one, at the tail (after the segments
 * the newer version lists), and the job's deletes queued behind the older one follow it there (they may be of files
 * only the older one stopped listing);</li>
 * <li>a file removed from disk before it was delivered (a live window moved on) is dropped together with its removal,
 * and logged;</li>
 * <li>when {@code capacity} items wait, {@link #put} blocks: the producing side waits while the files stay on disk.</li>
 * </ul>
 * A delete the sink refused can be {@link #setAside set aside} so that it does not hold up the files behind it (losing a
 * delete leaves a stale file at the sink; holding up writes would stop publication); a later write of the same file
 * drops it, so that it can never remove the newer file.
 */
final class DeliveryQueue {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryQueue.class);

    /** One file event of one job, with what the consumer needs to know about the job to turn it into a message. */
    record Item(String jobId, PublishedJob job, OutputEvent event) {
    }

    private final Deque<Item> items = new ArrayDeque<>();
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final Condition stopped = lock.newCondition();
    private final Condition drained = lock.newCondition();
    /** Deletes set aside, with how many times each failed. */
    private final Map<Item, Integer> setAside = new LinkedHashMap<>();
    private Item inFlight;
    private boolean closed;

    DeliveryQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("Option 'maxQueueSize' must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Adds an event, coalescing as described above; blocks while the queue is full. False if the queue is closed. */
    boolean put(Item item) throws InterruptedException {
        lock.lock();
        try {
            while (!closed && items.size() >= capacity) {
                notFull.await();
            }
            if (closed) {
                return false;
            }
            OutputFile file = item.event().file();
            if (item.event().type() == OutputEvent.Type.COMPLETED) {
                setAside.keySet().removeIf(delete -> sameFile(delete, item.jobId(), file.name()));
            }
            Item undelivered = undelivered(item.jobId(), file.name());
            List<Item> deletesBehind = List.of();
            if (undelivered != null && undelivered.event().type() == OutputEvent.Type.COMPLETED) {
                if (item.event().type() == OutputEvent.Type.REMOVED) {
                    items.remove(undelivered);
                    LOG.warn("Job {}: {} was removed from disk before it could be delivered (the live window moved on)",
                            item.jobId(), file.path());
                    notFull.signalAll();
                    if (items.isEmpty()) {
                        drained.signalAll();
                    }
                    return true;
                }
                deletesBehind = removeWithDeletesBehind(undelivered);
            }
            items.addLast(item);
            items.addAll(deletesBehind);
            notEmpty.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The next item to deliver (it stays queued until {@link #delivered}); null if closed or none within the wait. */
    Item next(Duration wait) throws InterruptedException {
        lock.lock();
        try {
            long nanos = wait.toNanos();
            while (!closed && items.isEmpty() && nanos > 0) {
                nanos = notEmpty.awaitNanos(nanos);
            }
            inFlight = closed ? null : items.peekFirst();
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    /** The item returned by {@link #next} was delivered (or given up on): it leaves the queue. */
    void delivered(Item item) {
        lock.lock();
        try {
            if (items.peekFirst() == item) {
                items.removeFirst();
            }
            inFlight = null;
            notFull.signalAll();
            if (items.isEmpty()) {
                drained.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The head item, a delete that failed, leaves the queue so that the items behind it go on; see {@link #setAside()}. */
    void setAside(Item item) {
        lock.lock();
        try {
            setAside.put(item, 1);
            delivered(item);
        } finally {
            lock.unlock();
        }
    }

    /** The deletes set aside and not resolved yet, oldest first. */
    List<Item> setAside() {
        lock.lock();
        try {
            return List.copyOf(setAside.keySet());
        } finally {
            lock.unlock();
        }
    }

    /** A set-aside delete failed again: how many times it has failed now (0 if a newer write dropped it meanwhile). */
    int failedAgain(Item delete) {
        lock.lock();
        try {
            Integer failures = setAside.computeIfPresent(delete, (d, n) -> n + 1);
            return failures == null ? 0 : failures;
        } finally {
            lock.unlock();
        }
    }

    /** A set-aside delete was delivered or given up. */
    void resolved(Item delete) {
        lock.lock();
        try {
            setAside.remove(delete);
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every queued item was delivered (not counting the deletes set aside); false if the wait ran out first. */
    boolean awaitDrained(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (!closed && !items.isEmpty()) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = drained.awaitNanos(nanos);
            }
            return items.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** The items queued, including the one being delivered (not the deletes set aside). */
    int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the queue: waiting callers return, and the items not delivered are returned, deletes set aside first (their
     * files stay on disk).
     */
    List<Item> close() {
        lock.lock();
        try {
            closed = true;
            List<Item> left = new ArrayList<>(setAside.keySet());
            left.addAll(items);
            items.clear();
            setAside.clear();
            notEmpty.signalAll();
            notFull.signalAll();
            stopped.signalAll();
            drained.signalAll();
            return left;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes a version being replaced, and returns the deletes of its job queued behind it, removed too: they may be of
     * files that only that version had stopped listing, so they follow the newer version to the tail.
     */
    private List<Item> removeWithDeletesBehind(Item replaced) {
        List<Item> deletes = new ArrayList<>();
        boolean behind = false;
        for (Iterator<Item> it = items.iterator(); it.hasNext();) {
            Item queued = it.next();
            if (queued == replaced) {
                it.remove();
                behind = true;
            } else if (behind && queued != inFlight && queued.jobId().equals(replaced.jobId())
                       && queued.event().type() == OutputEvent.Type.REMOVED) {
                it.remove();
                deletes.add(queued);
            }
        }
        return deletes;
    }

    /** The queued, not in-flight item for the same job and file, if any. */
    private Item undelivered(String jobId, String name) {
        for (Iterator<Item> it = items.descendingIterator(); it.hasNext();) {
            Item queued = it.next();
            if (queued != inFlight && sameFile(queued, jobId, name)) {
                return queued;
            }
        }
        return null;
    }

    private static boolean sameFile(Item item, String jobId, String name) {
        return item.jobId().equals(jobId) && Objects.equals(item.event().file().name(), name);
    }

    /** Waits, for a retry after a failed delivery; false if the queue was closed meanwhile. */
    boolean pause(Duration delay) throws InterruptedException {
        lock.lock();
        try {
            long nanos = delay.toNanos();
            while (!closed && nanos > 0) {
                nanos = stopped.awaitNanos(nanos);
            }
            return !closed;
        } finally {
            lock.unlock();
        }
    }
}
