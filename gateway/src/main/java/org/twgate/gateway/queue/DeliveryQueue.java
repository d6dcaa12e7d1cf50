package org.twgate.gateway.queue;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.twgate.gateway.queue.QueuedMessage.RecipientState;
import org.twgate.gateway.queue.RecipientOutcome.Result;
import org.twgate.gateway.spool.EnvelopeRecipient;
import org.twgate.gateway.spool.JournalRecord;
import org.twgate.gateway.spool.JournalRecord.Event;
import org.twgate.gateway.spool.QueueId;
import org.twgate.gateway.spool.Spool;
import org.twgate.gateway.spool.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue manager. Threads: one scheduler (timers only, never blocks) and a fixed pool of
 * delivery threads, which block on the network inside {@link Courier}s.
 */
public final class DeliveryQueue implements QueueAdmin, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryQueue.class);

    private final Spool spool;
    private final Supplier<Dispatch> dispatch;
    private final Notifier notifier;
    private final RetrySchedule retry;
    private final Clock clock;
    private final QueueListener listener;
    private final Map<QueueId, QueuedMessage> messages = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final ExecutorService deliveries;

    public DeliveryQueue(Spool spool, Router router, Courier courier, Notifier notifier, RetrySchedule retry,
            Clock clock, int threads, QueueListener listener) {
        this(spool, Dispatch.fixed(router, courier), notifier, retry, clock, threads, listener);
    }

    /**
     * @param dispatch the routing in force, read once per attempt: a configuration reload may
     *                 replace it. Routes are chosen afresh at every attempt (the route key in the
     *                 journal is a record of what happened, never read back), so a queued message
     *                 follows the routing of the moment it is attempted.
     */
    public DeliveryQueue(Spool spool, Supplier<Dispatch> dispatch, Notifier notifier, RetrySchedule retry,
            Clock clock, int threads, QueueListener listener) {
        this.spool = spool;
        this.dispatch = dispatch;
        this.notifier = notifier;
        this.retry = retry;
        this.clock = clock;
        this.listener = listener;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(named("twgate-queue-timer"));
        this.deliveries = Executors.newFixedThreadPool(threads, named("twgate-deliver"));
    }

    /** Loads every message left in the spool and schedules it; returns how many. */
    public int recover() throws IOException {
        int count = 0;
        for (StoredMessage stored : spool.recover()) {
            QueuedMessage m = QueuedMessage.replay(stored, spool.journal(stored.id()));
            if (m.finished()) {
                spool.remove(stored.id()); // finished just before a crash
                continue;
            }
            messages.put(stored.id(), m);
            count++;
            if (!m.held) {
                schedule(m);
            }
        }
        return count;
    }

    /** A message the SMTP server (or a notice) just committed: attempt it at once. */
    public void enqueue(StoredMessage stored) {
        QueuedMessage m = new QueuedMessage(stored);
        messages.put(stored.id(), m);
        deliveries.execute(() -> attempt(stored.id()));
    }

    public int size() {
        return messages.size();
    }

    public Optional<Instant> oldestArrival() {
        return messages.values().stream().map(m -> m.stored.envelope().arrival()).min(Instant::compareTo);
    }

    private void schedule(QueuedMessage m) {
        Instant when = m.nextAttempt == null ? clock.instant() : m.nextAttempt;
        long delay = Math.max(0, Duration.between(clock.instant(), when).toMillis() + 1);
        QueueId id = m.stored.id();
        scheduler.schedule(() -> deliveries.execute(() -> attempt(id)), delay, TimeUnit.MILLISECONDS);
    }

    private void attempt(QueueId id) {
        QueuedMessage m = messages.get(id);
        if (m == null) {
            return;
        }
        synchronized (m) {
            // A timer may fire a hair early; more than that means a newer schedule superseded it.
            if (m.busy || m.held || (m.nextAttempt != null && m.nextAttempt.isAfter(clock.instant().plusMillis(50)))) {
                return; // another attempt is running, or a newer schedule superseded this one
            }
            m.busy = true;
        }
        try {
            Dispatch routing = dispatch.get();
            List<RecipientOutcome> outcomes = new ArrayList<>();
            Map<String, List<EnvelopeRecipient>> groups = byRoute(routing.router(), m.pending());
            synchronized (m) {
                groups.forEach((route, rs) -> rs.forEach(r -> m.routed(r.index(), route)));
            }
            for (Map.Entry<String, List<EnvelopeRecipient>> group : groups.entrySet()) {
                outcomes.addAll(deliverGroup(routing.courier(), m.stored, group.getKey(), group.getValue()));
            }
            apply(m, outcomes, clock.instant(), routing.router());
        } catch (RuntimeException e) {
            LOG.error("queue_id={} event=attempt_error error=\"{}\"", id, e.toString(), e);
            synchronized (m) {
                m.attempts++;
                m.nextAttempt = retry.nextAttempt(clock.instant(), m.attempts);
            }
            schedule(m);
        } finally {
            synchronized (m) {
                m.busy = false;
            }
        }
    }

    private static Map<String, List<EnvelopeRecipient>> byRoute(Router router, List<EnvelopeRecipient> pending) {
        Map<String, List<EnvelopeRecipient>> groups = new LinkedHashMap<>();
        for (EnvelopeRecipient r : pending) {
            groups.computeIfAbsent(router.routeFor(r.address()), k -> new ArrayList<>()).add(r);
        }
        return groups;
    }

    /** One courier call; whatever it fails to report counts as deferred, never as delivered. */
    private List<RecipientOutcome> deliverGroup(Courier courier, StoredMessage stored, String route,
            List<EnvelopeRecipient> group) {
        Map<Integer, RecipientOutcome> byIndex = new HashMap<>();
        long started = System.nanoTime();
        try {
            for (RecipientOutcome o : courier.deliver(route, stored, group)) {
                byIndex.put(o.recipient(), o);
            }
        } catch (RuntimeException e) {
            LOG.warn("queue_id={} event=courier_error route={} error=\"{}\"", stored.id(), route, e.toString());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        List<RecipientOutcome> out = new ArrayList<>();
        for (EnvelopeRecipient r : group) {
            RecipientOutcome o = byIndex.getOrDefault(r.index(),
                    RecipientOutcome.deferred(r.index(), "local error: no outcome reported for this recipient"));
            out.add(o);
            log(stored, r, route, o);
            listener.attempted(route, o.result(), took, stored.envelope().arrival());
            listener.recipientOutcome(stored.id(), r.address(), route, o.result(), o.reply());
        }
        return out;
    }

    private void apply(QueuedMessage m, List<RecipientOutcome> outcomes, Instant now, Router router) {
        StoredMessage stored = m.stored;
        List<JournalRecord> records = new ArrayList<>();
        List<Notifier.FailedRecipient> failed = new ArrayList<>();
        List<Notifier.RelayedRecipient> relayed = new ArrayList<>();
        for (RecipientOutcome o : outcomes) {
            EnvelopeRecipient r = stored.envelope().recipient(o.recipient());
            String route = router.routeFor(r.address());
            switch (o.result()) {
                case DELIVERED -> {
                    m.set(o.recipient(), RecipientState.DELIVERED, o.reply());
                    records.add(JournalRecord.forRecipient(now, Event.DELIVERED, o.recipient(), route, null, o.reply()));
                    if (!o.hopOffersDsn()) {
                        // RFC 3461 §5.2.2: the next hop cannot report success; we may owe a notice.
                        relayed.add(new Notifier.RelayedRecipient(r, route, o.remoteMta(), o.smtpReply()));
                    }
                }
                case FAILED -> {
                    m.set(o.recipient(), RecipientState.FAILED, o.reply());
                    records.add(JournalRecord.forRecipient(now, Event.FAILED, o.recipient(), route, null, o.reply()));
                    failed.add(new Notifier.FailedRecipient(r, o.reply(), o.remoteMta(), false, o.smtpReply()));
                }
                case DEFERRED -> m.set(o.recipient(), RecipientState.PENDING, o.reply());
                default -> throw new IllegalStateException(o.result().name());
            }
        }
        if (!m.finished() && retry.expired(stored.envelope().arrival(), now)) {
            for (EnvelopeRecipient r : m.pending()) {
                String why = "queue lifetime exceeded; last error: " + m.lastReply(r.index());
                m.set(r.index(), RecipientState.FAILED, why);
                records.add(JournalRecord.forRecipient(now, Event.FAILED, r.index(), router.routeFor(r.address()), null, why));
                failed.add(new Notifier.FailedRecipient(r, m.lastReply(r.index()), null, true));
                LOG.error("queue_id={} event=expired rcpt=<{}> error=\"{}\"", stored.id(), r.address(), why);
                listener.expired(router.routeFor(r.address()), stored.envelope().arrival());
                listener.recipientOutcome(stored.id(), r.address(), router.routeFor(r.address()), Result.FAILED, why);
            }
        }
        if (!failed.isEmpty()) {
            notifyFailure(stored, failed, now, records);
        }
        if (!relayed.isEmpty() && !stored.envelope().hasNullSender()) {
            try {
                notifier.relayed(stored, relayed);
            } catch (IOException | RuntimeException e) {
                LOG.error("queue_id={} event=notice_error action=relayed error=\"{}\"", stored.id(), e.toString());
            }
        }
        if (!m.finished()) {
            warnOfDelay(m, outcomes, now, records);
        }
        if (m.finished()) {
            finish(m);
            return;
        }
        m.attempts++;
        m.nextAttempt = retry.nextAttempt(now, m.attempts);
        for (RecipientOutcome o : outcomes) {
            if (o.result() == Result.DEFERRED) {
                EnvelopeRecipient r = stored.envelope().recipient(o.recipient());
                records.add(JournalRecord.forRecipient(now, Event.DEFERRED, o.recipient(), router.routeFor(r.address()),
                        m.nextAttempt, o.reply()));
            }
        }
        journal(stored.id(), records);
        schedule(m);
    }

    /**
     * Past {@code delay_warning} after arrival, once per message: the pending recipients are
     * offered to the notifier (which honours NOTIFY=DELAY) and DELAY_NOTIFIED is journalled, so
     * a restart does not repeat it. A zero warning time switches delay reports off.
     */
    private void warnOfDelay(QueuedMessage m, List<RecipientOutcome> outcomes, Instant now,
            List<JournalRecord> records) {
        StoredMessage stored = m.stored;
        Duration warning = retry.delayWarning();
        if (m.delayNotified || warning == null || warning.isZero() || warning.isNegative()
                || now.isBefore(stored.envelope().arrival().plus(warning))) {
            return;
        }
        m.delayNotified = true;
        records.add(JournalRecord.of(now, Event.DELAY_NOTIFIED));
        if (stored.envelope().hasNullSender()) {
            return;
        }
        Map<Integer, RecipientOutcome> latest = new HashMap<>();
        outcomes.forEach(o -> latest.put(o.recipient(), o));
        List<Notifier.DelayedRecipient> delayed = new ArrayList<>();
        for (EnvelopeRecipient r : m.pending()) {
            RecipientOutcome o = latest.get(r.index());
            delayed.add(new Notifier.DelayedRecipient(r, m.lastReply(r.index()), o == null ? null : o.smtpReply()));
        }
        try {
            notifier.delayed(stored, delayed);
        } catch (IOException | RuntimeException e) {
            LOG.error("queue_id={} event=notice_error action=delayed error=\"{}\"", stored.id(), e.toString());
        }
    }

    private void notifyFailure(StoredMessage stored, List<Notifier.FailedRecipient> failed, Instant now,
            List<JournalRecord> records) {
        if (stored.envelope().hasNullSender()) {
            LOG.info("queue_id={} event=no_notice reason=null_sender recipients={}", stored.id(), failed.size());
            return;
        }
        try {
            notifier.failed(stored, failed);
            failed.forEach(f -> records.add(JournalRecord.forRecipient(now, Event.NOTIFIED, f.recipient().index(), null,
                    null, null)));
        } catch (IOException | RuntimeException e) {
            LOG.error("queue_id={} event=notice_error error=\"{}\"", stored.id(), e.toString());
        }
    }

    private void finish(QueuedMessage m) {
        try {
            spool.remove(m.stored.id());
        } catch (IOException e) {
            LOG.error("queue_id={} event=remove_error error=\"{}\"", m.stored.id(), e.toString());
        }
        messages.remove(m.stored.id());
        listener.removed(m.stored);
    }

    private void journal(QueueId id, List<JournalRecord> records) {
        try {
            spool.append(id, records);
        } catch (IOException e) {
            LOG.error("queue_id={} event=journal_error error=\"{}\"", id, e.toString());
        }
    }

    private static void log(StoredMessage stored, EnvelopeRecipient r, String route, RecipientOutcome o) {
        String remote = o.remoteMta() == null ? "-" : o.remoteMta();
        switch (o.result()) {
            case DELIVERED -> LOG.info("queue_id={} event=delivered rcpt=<{}> route={} relay={} reply=\"{}\"",
                    stored.id(), r.address(), route, remote, o.reply());
            case DEFERRED -> LOG.warn("queue_id={} event=deferred rcpt=<{}> route={} relay={} reply=\"{}\"",
                    stored.id(), r.address(), route, remote, o.reply());
            case FAILED -> LOG.error("queue_id={} event=failed rcpt=<{}> route={} relay={} reply=\"{}\"",
                    stored.id(), r.address(), route, remote, o.reply());
            default -> throw new IllegalStateException();
        }
    }

    // Operator actions --------------------------------------------------------------------

    @Override
    public List<QueueEntry> list() {
        List<QueueEntry> out = new ArrayList<>();
        for (QueuedMessage m : messages.values()) {
            synchronized (m) {
                out.add(QueueEntry.of(m));
            }
        }
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return out;
    }

    /**
     * The queue as the status page shows it, from memory only (no spool file is read): one pass
     * over the messages, each read under its own monitor as {@link #list()} does.
     *
     * @param oldestDeferred how many of the oldest deferred recipients to list
     */
    public QueueSnapshot snapshot(int oldestDeferred) {
        QueueSnapshot.Builder out = new QueueSnapshot.Builder(oldestDeferred);
        for (QueuedMessage m : messages.values()) {
            synchronized (m) {
                out.add(m);
            }
        }
        return out.build();
    }

    @Override
    public Optional<QueueEntry> entry(QueueId id) {
        QueuedMessage m = messages.get(id);
        if (m == null) {
            return Optional.empty();
        }
        synchronized (m) {
            return Optional.of(QueueEntry.of(m));
        }
    }

    @Override
    public int retry(QueueId id) {
        return retryNow(id);
    }

    /** Schedules every message (or one) for an attempt now; returns how many. */
    public int retryNow(QueueId only) {
        int count = 0;
        for (QueuedMessage m : messages.values()) {
            if (only != null && !m.stored.id().equals(only)) {
                continue;
            }
            synchronized (m) {
                if (m.held) {
                    continue;
                }
                m.nextAttempt = null;
            }
            journal(m.stored.id(), List.of(JournalRecord.of(clock.instant(), Event.RETRY)));
            deliveries.execute(() -> attempt(m.stored.id()));
            count++;
        }
        return count;
    }

    @Override
    public boolean hold(QueueId id, boolean hold) {
        QueuedMessage m = messages.get(id);
        if (m == null) {
            return false;
        }
        synchronized (m) {
            m.held = hold;
        }
        journal(id, List.of(JournalRecord.of(clock.instant(), hold ? Event.HOLD : Event.RELEASE)));
        if (!hold) {
            schedule(m);
        }
        return true;
    }

    /** Removes a message; with {@code notify}, its sender hears that the pending recipients failed. */
    @Override
    public boolean delete(QueueId id, boolean notify) {
        QueuedMessage m = messages.get(id);
        if (m == null) {
            return false;
        }
        synchronized (m) {
            m.held = true; // keeps a running attempt from rescheduling it
            if (notify && !m.stored.envelope().hasNullSender()) {
                List<Notifier.FailedRecipient> failed = new ArrayList<>();
                for (EnvelopeRecipient r : m.pending()) {
                    failed.add(new Notifier.FailedRecipient(r, "deleted from the queue by the administrator", null, false));
                }
                try {
                    notifier.failed(m.stored, failed);
                } catch (IOException e) {
                    LOG.error("queue_id={} event=notice_error error=\"{}\"", id, e.toString());
                }
            }
        }
        LOG.info("queue_id={} event=deleted notify={}", id, notify);
        finish(m);
        return true;
    }

    /** Stops scheduling; waits up to {@code grace} for attempts under way. Nothing queued is lost. */
    public void close(Duration grace) {
        scheduler.shutdownNow();
        deliveries.shutdown();
        try {
            if (!deliveries.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                deliveries.shutdownNow();
                deliveries.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deliveries.shutdownNow();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
