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
import org.twgate.gateway.outcome.DeliveryPolicy;
import org.twgate.gateway.outcome.DeliveryStatus;
import org.twgate.gateway.outcome.Reason;
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
    private final Supplier<Courier> routing;
    private final Notifier notifier;
    private final RetrySchedule retry;
    private final Clock clock;
    private final QueueListener listener;
    private final Map<QueueId, QueuedMessage> messages = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final ExecutorService deliveries;

    /** A queue whose routing never changes (tests, tools). */
    public DeliveryQueue(Spool spool, java.util.function.Function<String, String> routeFor, Courier.Leg leg,
            Notifier notifier, RetrySchedule retry, Clock clock, int threads, QueueListener listener) {
        this(spool, fixed(Courier.of(routeFor, leg)), notifier, retry, clock, threads, listener);
    }

    private static Supplier<Courier> fixed(Courier courier) {
        return () -> courier;
    }

    /**
     * @param routing the routing in force, read once per attempt: a configuration reload may
     *                 replace it. Routes are chosen afresh at every attempt (the route key in the
     *                 journal is a record of what happened, never read back), so a queued message
     *                 follows the routing of the moment it is attempted.
     */
    public DeliveryQueue(Spool spool, Supplier<Courier> routing, Notifier notifier, RetrySchedule retry,
            Clock clock, int threads, QueueListener listener) {
        this.spool = spool;
        this.routing = routing;
        this.notifier = notifier;
        this.retry = retry;
        this.clock = clock;
        this.listener = QueueListener.all(new DeliveryLog(), listener);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(named("twgate-queue-timer"));
        this.deliveries = Executors.newFixedThreadPool(threads, named("twgate-deliver"));
    }

    /** Loads every message left in the spool and schedules it; returns how many. */
    public int recover() throws IOException {
        int count = 0;
        for (StoredMessage stored : spool.recover()) {
            List<JournalRecord> journal = spool.journal(stored.id());
            MessageState state = MessageState.replay(stored.envelope(), journal);
            if (state.finished()) {
                spool.remove(stored.id()); // finished just before a crash
                continue;
            }
            QueuedMessage m = QueuedMessage.recovered(stored, state, journal);
            messages.put(stored.id(), m);
            count++;
            if (!state.held()) {
                schedule(m);
            }
        }
        return count;
    }

    /** A message the SMTP server (or a notice) just committed: attempt it at once. */
    public void enqueue(StoredMessage stored) {
        QueuedMessage m = new QueuedMessage(stored, MessageState.fresh(stored.envelope()));
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
        Instant next;
        synchronized (m) {
            next = m.state.nextAttempt();
        }
        Instant when = next == null ? clock.instant() : next;
        long delay = Math.max(0, Duration.between(clock.instant(), when).toMillis() + 1);
        QueueId id = m.stored.id();
        scheduler.schedule(() -> deliveries.execute(() -> attempt(id)), delay, TimeUnit.MILLISECONDS);
    }

    private void attempt(QueueId id) {
        QueuedMessage m = messages.get(id);
        if (m == null) {
            return;
        }
        List<EnvelopeRecipient> pending;
        synchronized (m) {
            MessageState state = m.state;
            // A timer may fire a hair early; more than that means a newer schedule superseded it.
            if (m.busy || m.removed || state.held()
                    || (state.nextAttempt() != null && state.nextAttempt().isAfter(clock.instant().plusMillis(50)))) {
                return; // another attempt is running, or a newer schedule superseded this one
            }
            m.busy = true;
            pending = state.pending(m.stored.envelope());
        }
        try {
            Courier courier = routing.get();
            List<RecipientOutcome> outcomes = new ArrayList<>();
            Map<String, List<EnvelopeRecipient>> groups = byRoute(courier, pending);
            synchronized (m) {
                groups.forEach((route, rs) -> rs.forEach(r -> m.routed(r.index(), route)));
            }
            for (Map.Entry<String, List<EnvelopeRecipient>> group : groups.entrySet()) {
                outcomes.addAll(deliverGroup(courier, m.stored, group.getKey(), group.getValue()));
            }
            apply(m, outcomes, clock.instant(), courier::routeFor);
        } catch (RuntimeException e) {
            // A fault in the queue itself (routing, applying): the policy's internal error for
            // every pending recipient, so it is counted and held like a courier's.
            LOG.error("queue_id={} event=attempt_error error=\"{}\"", id, e.toString(), e);
            DeliveryStatus why = DeliveryPolicy.forInternalError(e);
            try {
                apply(m, pending.stream().map(r -> RecipientOutcome.deferred(r.index(), why)).toList(), clock.instant(),
                        address -> "-");
            } catch (RuntimeException again) {
                LOG.error("queue_id={} event=attempt_error error=\"{}\"", id, again.toString(), again);
            }
        } finally {
            boolean again;
            synchronized (m) {
                m.busy = false;
                // A retry asked for while this attempt ran found the message busy; the attempt's
                // own outcome has just set the next attempt by the backoff. The retry wins.
                again = m.retryRequested && !m.removed && !m.state.held() && messages.get(id) == m;
                m.retryRequested = false;
                if (again) {
                    m.state = m.state.withNextAttempt(null);
                }
            }
            if (again) {
                deliveries.execute(() -> attempt(id));
            }
        }
    }

    private static Map<String, List<EnvelopeRecipient>> byRoute(Courier router, List<EnvelopeRecipient> pending) {
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
        listener.attemptStarted(stored, route, group.size());
        RuntimeException fault = null;
        try {
            for (RecipientOutcome o : courier.deliver(route, stored, group)) {
                byIndex.put(o.recipient(), o);
            }
        } catch (RuntimeException e) {
            fault = e;
            listener.internalError(stored, route, e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        List<RecipientOutcome> out = new ArrayList<>();
        for (EnvelopeRecipient r : group) {
            RecipientOutcome o = byIndex.get(r.index());
            if (o == null) {
                o = fault != null ? RecipientOutcome.deferred(r.index(), DeliveryPolicy.forInternalError(fault))
                        : RecipientOutcome.notReported(r.index());
            }
            out.add(o);
            listener.recipientOutcome(stored, r, route, o.status(), took);
        }
        return out;
    }

    /**
     * Applies an attempt's outcomes under the message's guard: the transition, then its notices,
     * journal records and next attempt. A message deleted while the attempt ran keeps nothing of
     * it (no record, no notice, no schedule). Journal and notice I/O happen under this one
     * message's guard, so {@code queue list} may wait for a notice's fsync; nothing else does.
     */
    private void apply(QueuedMessage m, List<RecipientOutcome> outcomes, Instant now,
            java.util.function.Function<String, String> routeFor) {
        StoredMessage stored = m.stored;
        boolean reschedule;
        synchronized (m) {
            if (m.removed) {
                LOG.info("queue_id={} event=attempt_discarded reason=deleted recipients={}", stored.id(),
                        outcomes.size());
                return;
            }
            QueueTransitions.Transition t = QueueTransitions.afterAttempt(stored.envelope(), m.state, outcomes,
                    routeFor, now, retry);
            MessageState state = t.state();
            List<JournalRecord> records = new ArrayList<>(t.records());
            for (EnvelopeRecipient r : t.expired()) {
                listener.expired(stored, r, routeFor.apply(r.address()), state.recipient(r.index()).last());
            }
            if (!t.failureNotice().isEmpty()) {
                try {
                    notifier.failed(stored, t.failureNotice());
                    records.addAll(QueueTransitions.noticeQueued(now, t.failureNotice()));
                    state = state.noticesQueued(t.failureNotice().stream().map(f -> f.recipient().index())
                            .collect(java.util.stream.Collectors.toSet()));
                    listener.noticeQueued(stored, "failed", t.failureNotice().size());
                } catch (IOException | RuntimeException e) {
                    // DeliveryPolicy.KEEPS_ORIGINAL_UNTIL_NOTICE_QUEUED: stays owed, tried at the next attempt.
                    listener.noticeNotQueued(stored, "failed", t.failureNotice().size(), state.nextAttempt(), e);
                }
            } else if (stored.envelope().hasNullSender() && outcomes.stream().anyMatch(o -> o.status().failed())
                    || stored.envelope().hasNullSender() && !t.expired().isEmpty()) {
                LOG.info("queue_id={} event=no_notice reason=null_sender recipients={}", stored.id(),
                        outcomes.stream().filter(o -> o.status().failed()).count() + t.expired().size());
            }
            if (!t.relayed().isEmpty()) {
                courtesy(stored, "relayed", t.relayed().size(), () -> notifier.relayed(stored, t.relayed()));
            }
            if (!t.delayed().isEmpty()) {
                courtesy(stored, "delayed", t.delayed().size(), () -> notifier.delayed(stored, t.delayed()));
            }
            if (t.held()) {
                listener.held(stored, Reason.INTERNAL_ERROR, state.internalErrors());
            }
            m.state = state;
            if (state.finished()) {
                finish(m);
                return;
            }
            journal(m, records);
            reschedule = !state.held();
        }
        if (reschedule) {
            schedule(m);
        }
    }

    /** Delay and relayed notices: DeliveryPolicy.RETRIES_COURTESY_NOTICES says a failure is only reported. */
    private void courtesy(StoredMessage stored, String action, int recipients, NoticeCall call) {
        try {
            call.send();
            listener.noticeQueued(stored, action, recipients);
        } catch (IOException | RuntimeException e) {
            listener.noticeNotQueued(stored, action, recipients, null, e);
        }
    }

    @FunctionalInterface
    private interface NoticeCall {
        void send() throws IOException;
    }

    /** Removes the message's files; the caller holds the message's guard. */
    private void finish(QueuedMessage m) {
        m.removed = true;
        try {
            spool.remove(m.stored, m.journalMayExist);
        } catch (IOException e) {
            LOG.error("queue_id={} event=remove_error error=\"{}\"", m.stored.id(), e.toString());
        }
        messages.remove(m.stored.id());
        listener.removed(m.stored);
    }

    /** Appends to the journal of a message still queued; the caller holds the message's guard. */
    private void journal(QueuedMessage m, List<JournalRecord> records) {
        if (m.removed || records.isEmpty()) {
            return; // nothing is written after removal: a late write would recreate the .log
        }
        m.journalMayExist = true; // before the append: one that fails half-way may leave a file
        try {
            spool.append(m.stored.id(), records);
        } catch (IOException e) {
            LOG.error("queue_id={} event=journal_error error=\"{}\"", m.stored.id(), e.toString());
        }
    }

    // Operator actions --------------------------------------------------------------------

    @Override
    public List<QueueEntry> list() {
        List<QueueEntry> out = new ArrayList<>();
        for (QueuedMessage m : messages.values()) {
            synchronized (m) {
                if (!m.removed) {
                    out.add(QueueEntry.of(m.stored, m.state));
                }
            }
        }
        out.sort(QueueEntry.OLDEST_FIRST);
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
            return m.removed ? Optional.empty() : Optional.of(QueueEntry.of(m.stored, m.state));
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
                if (m.removed || m.state.held()) {
                    continue;
                }
                m.state = m.state.withNextAttempt(null);
                m.retryRequested = m.busy; // the running attempt starts another when it ends
                journal(m, List.of(JournalRecord.of(clock.instant(), Event.RETRY)));
            }
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
            if (m.removed) {
                return false;
            }
            m.state = m.state.withHeld(hold);
            journal(m, List.of(JournalRecord.of(clock.instant(), hold ? Event.HOLD : Event.RELEASE)));
        }
        if (!hold) {
            schedule(m);
        }
        return true;
    }

    /**
     * Removes a message; with {@code notify}, its sender hears that the pending recipients failed.
     * An attempt running meanwhile finishes on the network, but its result is discarded. When
     * the notice cannot be queued the message stays (and the operator hears why).
     */
    @Override
    public boolean delete(QueueId id, boolean notify) throws IOException {
        QueuedMessage m = messages.get(id);
        if (m == null) {
            return false;
        }
        synchronized (m) {
            if (m.removed) {
                return false;
            }
            if (notify && !m.stored.envelope().hasNullSender()) {
                List<Notifier.FailedRecipient> failed = new ArrayList<>();
                for (EnvelopeRecipient r : m.state.pending(m.stored.envelope())) {
                    failed.add(new Notifier.FailedRecipient(r, DeliveryPolicy.forDeletion()));
                }
                if (!failed.isEmpty()) {
                    try {
                        notifier.failed(m.stored, failed);
                    } catch (IOException e) {
                        throw new IOException(id + " not deleted: its failure notice could not be queued: "
                                + e.getMessage(), e);
                    }
                }
            }
            LOG.info("queue_id={} event=deleted notify={}{}", id, notify, m.busy ? " attempt_running=discarded" : "");
            finish(m);
        }
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
