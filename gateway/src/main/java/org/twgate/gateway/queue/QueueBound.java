package org.twgate.gateway.queue;

import java.util.function.IntSupplier;

/**
 * How many messages the queue may hold before the SMTP server stops taking new ones. The queue
 * keeps every message's envelope and state on the heap (live heap after one failed attempt,
 * GC.class_histogram: 1.1 KiB for a one-recipient message, 2.3 KiB with ten recipients; about
 * 7 MiB for the rest of an idle gateway), so a long connector outage with
 * an unbounded queue ends in OutOfMemoryError, an exit, a restart that loads the whole spool
 * again and a crash loop. At the bound MAIL gets {@code 452 4.3.1}: the client (qmail) keeps
 * the message and retries, nothing is lost. Intake resumes only below {@link #resumeBelow()}
 * (90 %), so the state does not flap with every delivery.
 *
 * <p>Only the SMTP server asks; notices twgate makes itself are enqueued whatever the bound
 * says (they are bounded by the messages already accepted, and refusing them would lose them).
 * Recovery loads the whole spool too: above the bound, intake stays paused until it drains.
 */
public final class QueueBound {
    /** Heap set aside for everything but the queue: sessions, deliveries, a 1 MiB report, caches. */
    static final long RESERVED_HEAP = 12L * 1024 * 1024;
    /**
     * Heap counted per queued message: room for a few recipients each. At -Xmx32m (9,696
     * messages) even ten recipients each (2.3 KiB) fit: 22 MiB + 7 MiB of the 31 MiB usable.
     */
    static final long HEAP_PER_MESSAGE = 2 * 1024;
    /** The bound never goes below this, however small the heap: the gateway must take some mail. */
    static final int MIN_AUTO = 100;

    private final int limit;
    private final IntSupplier queued;
    private boolean paused;

    /**
     * @param limit  the bound, at least 1
     * @param queued how many messages the queue holds now
     */
    public QueueBound(int limit, IntSupplier queued) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit " + limit);
        }
        this.limit = limit;
        this.queued = queued;
    }

    /** {@code spool.max_queued_messages: auto}: (max heap − 12 MiB) / 2 KiB, at least 100 (≈ 9,700 at -Xmx32m). */
    public static int auto(long maxHeap) {
        long n = (maxHeap - RESERVED_HEAP) / HEAP_PER_MESSAGE;
        return (int) Math.max(MIN_AUTO, Math.min(Integer.MAX_VALUE, n));
    }

    /** Whether a new message may be accepted now; updates the paused state (hysteresis). */
    public synchronized boolean admits() {
        int n = queued.getAsInt();
        if (paused) {
            paused = n >= resumeBelow();
        } else {
            paused = n >= limit;
        }
        return !paused;
    }

    /** Whether intake is paused, as of now. */
    public boolean paused() {
        return !admits();
    }

    public int limit() {
        return limit;
    }

    /** Intake resumes when the queue holds fewer than this: 90 % of the bound. */
    public int resumeBelow() {
        return (int) Math.ceil(limit * 0.9);
    }

    public int queued() {
        return queued.getAsInt();
    }
}
