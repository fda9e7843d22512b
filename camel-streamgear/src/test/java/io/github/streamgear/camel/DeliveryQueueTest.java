package io.github.streamgear.camel;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.streamgear.engine.output.FileKind;
import io.github.streamgear.engine.output.OutputEvent;
import io.github.streamgear.engine.output.OutputFile;
import io.github.streamgear.testing.Processes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deletes set aside never hold up the queue, and never remove a file written again after them. */
class DeliveryQueueTest {

    private final DeliveryQueue queue = new DeliveryQueue(10);

    @AfterEach
    void noProcessLeft() {
        assertEquals(List.of(), Processes.leftoverFfmpeg(), "FFmpeg processes left running");
    }

    @Test
    void aDeleteSetAsideLetsTheNextItemGoAndCountsItsFailures() throws Exception {
        DeliveryQueue.Item delete = item("job", "seg-1.ts", OutputEvent.Type.REMOVED);
        DeliveryQueue.Item write = item("job", "seg-9.ts", OutputEvent.Type.COMPLETED);
        queue.put(delete);
        queue.put(write);

        queue.setAside(queue.next(Duration.ZERO));

        assertEquals(write, queue.next(Duration.ZERO), "the write behind the failed delete goes on");
        assertEquals(List.of(delete), queue.setAside());
        assertEquals(1, queue.size(), "a delete set aside is not pending in the queue");
        assertEquals(2, queue.failedAgain(delete));
        queue.resolved(delete);
        assertEquals(List.of(), queue.setAside());
    }

    @Test
    void aLaterWriteOfTheSameFileDropsTheDeleteSetAside() throws Exception {
        DeliveryQueue.Item delete = item("job", "seg-1.ts", OutputEvent.Type.REMOVED);
        queue.put(delete);
        queue.setAside(queue.next(Duration.ZERO));
        queue.put(item("other", "seg-1.ts", OutputEvent.Type.COMPLETED));
        assertEquals(List.of(delete), queue.setAside(), "another job's file of the same name changes nothing");

        queue.put(item("job", "seg-1.ts", OutputEvent.Type.COMPLETED)); // the job was run again

        assertEquals(List.of(), queue.setAside(), "the old delete must not remove the new file");
        assertEquals(0, queue.failedAgain(delete), "a retry in progress learns that it was dropped");
    }

    /**
     * A lagging sink: the MPD version that stopped listing seg-1 is replaced, before it was delivered, by a newer one
     * at the tail; seg-1's delete, queued behind the replaced version, must still come after an MPD that does not list
     * it (the sink's MPD is the one before, which does).
     */
    @Test
    void aDeleteQueuedBehindAReplacedVersionFollowsTheNewerOne() throws Exception {
        DeliveryQueue.Item head = item("job", "seg-3.ts", OutputEvent.Type.COMPLETED);
        queue.put(head);
        queue.next(Duration.ZERO); // being delivered: the sink is slow
        queue.put(item("job", "manifest.mpd", OutputEvent.Type.COMPLETED));
        DeliveryQueue.Item delete = item("job", "seg-1.ts", OutputEvent.Type.REMOVED);
        DeliveryQueue.Item otherJobsDelete = item("other", "seg-1.ts", OutputEvent.Type.REMOVED);
        queue.put(delete);
        queue.put(otherJobsDelete);
        DeliveryQueue.Item segment = item("job", "seg-4.ts", OutputEvent.Type.COMPLETED);
        queue.put(segment);
        DeliveryQueue.Item newer = item("job", "manifest.mpd", OutputEvent.Type.COMPLETED);
        queue.put(newer);

        assertEquals(List.of(head, otherJobsDelete, segment, newer, delete), queue.close());
    }

    @Test
    void closingReturnsTheDeletesSetAsideToo() throws Exception {
        DeliveryQueue.Item delete = item("job", "seg-1.ts", OutputEvent.Type.REMOVED);
        DeliveryQueue.Item write = item("job", "seg-2.ts", OutputEvent.Type.COMPLETED);
        queue.put(delete);
        queue.setAside(queue.next(Duration.ZERO));
        queue.put(write);

        assertEquals(List.of(delete, write), queue.close());
        assertTrue(queue.awaitDrained(Duration.ZERO), "a closed queue holds nothing");
    }

    private static DeliveryQueue.Item item(String job, String name, OutputEvent.Type type) {
        OutputFile file = new OutputFile(Path.of("/out", job, name), name, FileKind.SEGMENT, "video/mp2t", "360p", 1,
                type == OutputEvent.Type.REMOVED ? -1 : 100);
        return new DeliveryQueue.Item(job, new PublishedJob(false, 4), new OutputEvent(type, file, Instant.now()));
    }
}
