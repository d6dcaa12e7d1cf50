package org.twgate.gateway.deliver;

import java.io.Closeable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open sessions per next hop, at most {@link NextHop#maxConnections()} at once per hop.
 *
 * <p>A caller takes a slot with {@link #acquire}, which blocks up to {@code acquireTimeout}
 * and then gives up with null: the message is deferred as "busy" and the spool retries it,
 * which is safer than an unbounded queue of blocked delivery threads. A slot comes with an
 * idle session when one exists (the most recently used first: it is the least likely to
 * have been dropped by the server). Open sessions never exceed the slots: a new session is
 * only opened by a slot holder that found no idle one.
 *
 * <p>A daemon thread closes sessions idle longer than {@code idleTimeout} (with QUIT) and
 * enforces transaction deadlines. It also forgets hops with no session and no slot taken: an MX
 * route makes one hop per destination domain, and a reload can retire a route's hop, so the
 * map would otherwise only grow. A caller that took a slot of a hop being forgotten at that
 * moment sees it is no longer the hop's and takes one of the new entry instead. {@link #close()} stops it and closes every idle session;
 * sessions in use are closed as they are returned.
 */
public final class SmtpConnectionPool implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpConnectionPool.class);

    private final SmtpClientConfig config;
    private final Map<NextHop, Slots> hops = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reaper;
    private volatile boolean closed;

    public SmtpConnectionPool(SmtpClientConfig config) {
        this.config = config;
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "twgate-smtp-reaper");
            thread.setDaemon(true);
            return thread;
        });
        // Every transaction schedules its deadline and cancels it when done: without this a
        // cancelled deadline (and the connection it holds) stays queued for transactionTimeout,
        // so the heap would grow with the delivery rate times that timeout.
        timer.setRemoveOnCancelPolicy(true);
        this.reaper = timer;
        long period = Math.max(10, config.idleTimeout().toMillis() / 2);
        reaper.scheduleWithFixedDelay(this::closeIdle, period, period, TimeUnit.MILLISECONDS);
    }

    /** A slot at {@code hop}, or null when none came free within {@code acquireTimeout}. */
    Lease acquire(NextHop hop) throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("SMTP connection pool is closed");
        }
        Slots slots;
        while (true) {
            slots = hops.computeIfAbsent(hop, h -> new Slots(h.maxConnections()));
            if (!slots.permits.tryAcquire(config.acquireTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                return null;
            }
            if (hops.get(hop) == slots) {
                break;
            }
            slots.permits.release(); // forgotten by the reaper meanwhile (it was unused): take the new one
        }
        SmtpConnection idle;
        synchronized (slots.idle) {
            idle = slots.idle.pollFirst();
        }
        return new Lease(slots, idle);
    }

    /** Callers waiting for a slot at {@code hop}: for tests and metrics. */
    public int waiting(NextHop hop) {
        Slots slots = hops.get(hop);
        return slots == null ? 0 : slots.permits.getQueueLength();
    }

    /** Idle sessions held for {@code hop}: for tests and metrics. */
    public int idle(NextHop hop) {
        Slots slots = hops.get(hop);
        if (slots == null) {
            return 0;
        }
        synchronized (slots.idle) {
            return slots.idle.size();
        }
    }

    /**
     * Aborts {@code connection} if it is still in use after {@code transactionTimeout}; null
     * when the pool is closing (the transaction then runs on its read timeouts alone).
     */
    ScheduledFuture<?> deadline(SmtpConnection connection) {
        try {
            return reaper.schedule(() -> {
                LOG.warn("hop {}: transaction with {} exceeded {}, aborting", connection.hop().name(),
                        connection.remoteMta(), config.transactionTimeout());
                connection.abort();
            }, config.transactionTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            return null;
        }
    }

    /** Timer tasks waiting (the idle sweep and the deadlines of transactions in progress): for tests. */
    int timersHeld() {
        return ((ScheduledThreadPoolExecutor) reaper).getQueue().size();
    }

    /**
     * Slots taken now (sessions in use, or being opened), summed by hop name (a route key: an MX
     * route has one hop per domain): for the status page.
     */
    public Map<String, Integer> inUseByHopName() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        hops.forEach((hop, slots) -> {
            int taken = slots.max - slots.permits.availablePermits();
            if (taken > 0) {
                out.merge(hop.name(), taken, Integer::sum);
            }
        });
        return out;
    }

    /** Hops the pool holds an entry for: for tests and metrics. */
    int hopsHeld() {
        return hops.size();
    }

    private void closeIdle() {
        long now = System.nanoTime();
        long limit = config.idleTimeout().toNanos();
        for (Map.Entry<NextHop, Slots> entry : hops.entrySet()) {
            Slots slots = entry.getValue();
            List<SmtpConnection> expired = new ArrayList<>();
            boolean unused;
            synchronized (slots.idle) {
                for (Iterator<SmtpConnection> it = slots.idle.iterator(); it.hasNext(); ) {
                    SmtpConnection c = it.next();
                    if (now - c.idleSinceNanos() >= limit) {
                        it.remove();
                        expired.add(c);
                    }
                }
                unused = slots.idle.isEmpty() && slots.permits.availablePermits() == slots.max
                        && !slots.permits.hasQueuedThreads();
            }
            if (unused) {
                hops.remove(entry.getKey(), slots);
            }
            expired.forEach(SmtpConnection::close); // QUIT outside the lock
        }
    }

    /** Stops the reaper and closes every idle session with QUIT; no thread is left behind. */
    @Override
    public void close() {
        closed = true;
        reaper.shutdownNow();
        try {
            if (!reaper.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("SMTP reaper did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Slots slots : hops.values()) {
            List<SmtpConnection> all;
            synchronized (slots.idle) {
                all = new ArrayList<>(slots.idle);
                slots.idle.clear();
            }
            all.forEach(SmtpConnection::close);
        }
    }

    /** One hop's slots and idle sessions. */
    private static final class Slots {
        final int max;
        final Semaphore permits;
        final Deque<SmtpConnection> idle = new ArrayDeque<>();

        Slots(int maxConnections) {
            this.max = maxConnections;
            this.permits = new Semaphore(maxConnections, true);
        }
    }

    /** A held slot, perhaps with an idle session; give it back exactly once. */
    final class Lease {
        private final Slots slots;
        private final SmtpConnection idle;
        private boolean released;

        private Lease(Slots slots, SmtpConnection idle) {
            this.slots = slots;
            this.idle = idle;
        }

        /** An idle session to reuse, or null: the holder may open one. */
        SmtpConnection idleConnection() {
            return idle;
        }

        /**
         * Returns the slot; {@code connection} (null when none is open) is kept for reuse
         * when it is healthy, else closed.
         */
        void release(SmtpConnection connection) {
            if (released) {
                throw new IllegalStateException("lease released twice");
            }
            released = true;
            try {
                if (connection != null) {
                    if (connection.reusable() && !closed) {
                        synchronized (slots.idle) {
                            slots.idle.addFirst(connection);
                        }
                    } else {
                        connection.close();
                    }
                }
            } finally {
                slots.permits.release();
            }
        }
    }
}
