package org.twgate.gateway.spool;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Message content of every session together that has been received and not yet written to
 * disk. Each message already pauses its client above {@link IncomingMessage#HIGH_WATERMARK};
 * this bounds the sum, so that many sessions streaming faster than the disk wait for it instead
 * of holding {@code sessions × 1 MiB} of (direct) buffers. Thread-safe.
 */
final class ContentBudget {
    private final long high;
    private final long low;
    private final AtomicLong pending = new AtomicLong();
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();

    ContentBudget(long high, long low) {
        if (low > high || low < 0) {
            throw new IllegalArgumentException("low " + low + " above high " + high);
        }
        this.high = high;
        this.low = low;
    }

    /** Counts {@code octets} as waiting for the disk; true when the sum is now above the high mark. */
    boolean take(long octets) {
        return pending.addAndGet(octets) > high;
    }

    /** They were written (or dropped); runs the waiting listeners once the sum is at the low mark. */
    void give(long octets) {
        if (pending.addAndGet(-octets) <= low) {
            runWaiting();
        }
    }

    /** Runs {@code listener} once, at once or on the thread that brings the sum down to the low mark. */
    void whenLow(Runnable listener) {
        waiting.add(listener);
        if (pending.get() <= low) {
            runWaiting();
        }
    }

    long pending() {
        return pending.get();
    }

    private void runWaiting() {
        for (Runnable listener; (listener = waiting.poll()) != null; ) {
            listener.run();
        }
    }
}
