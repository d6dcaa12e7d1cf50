package org.twgate.gateway.notify;

import java.util.concurrent.atomic.AtomicLong;
import org.twgate.dsn.status.Action;
import org.twgate.gateway.spool.QueueId;

/**
 * What the notify stage did that leaves no message behind to count: relayed notices dropped
 * under {@code deliver_relayed_dsn: 2}, reports written, qmail bounces converted. Plain
 * counters until the metrics issue registers them with Micrometer.
 */
public final class DsnCounters {
    /** Told of each DSN event as it happens (the metrics and the status page listen here). */
    @FunctionalInterface
    public interface Events {
        /**
         * @param disposition what the policy did: REPORT, MESSAGE, DISCARDED or SUPPRESSED
         * @param notice      the notice twgate wrote and queued for it, or null when none was
         */
        void dsn(Action action, String disposition, QueueId notice);
    }

    private final Events events;
    private final AtomicLong relayedNoticesDiscarded = new AtomicLong();
    private final AtomicLong arrivingRelayedReportsDiscarded = new AtomicLong();
    private final AtomicLong arrivingRelayedReportsConverted = new AtomicLong();
    private final AtomicLong reportsQueued = new AtomicLong();
    private final AtomicLong qmailBouncesConverted = new AtomicLong();

    public DsnCounters() {
        this((action, disposition, notice) -> { });
    }

    public DsnCounters(Events events) {
        this.events = events;
    }

    /** Relayed notices twgate owed but did not write, per the route's policy 2. */
    public long relayedNoticesDiscarded() {
        return relayedNoticesDiscarded.get();
    }

    /** Relayed-only reports from elsewhere dropped on their way to a final route (policy 2). */
    public long arrivingRelayedReportsDiscarded() {
        return arrivingRelayedReportsDiscarded.get();
    }

    /** Relayed-only reports from elsewhere turned into plain text (policy 1). */
    public long arrivingRelayedReportsConverted() {
        return arrivingRelayedReportsConverted.get();
    }

    /** Reports and notices twgate wrote and queued (failed, delayed, relayed). */
    public long reportsQueued() {
        return reportsQueued.get();
    }

    public long qmailBouncesConverted() {
        return qmailBouncesConverted.get();
    }

    void relayedNoticeDiscarded(int recipients) {
        relayedNoticesDiscarded.addAndGet(recipients);
        events.dsn(Action.RELAYED, "DISCARDED", null);
    }

    void arrivingRelayedReportDiscarded() {
        arrivingRelayedReportsDiscarded.incrementAndGet();
        events.dsn(Action.RELAYED, "DISCARDED", null);
    }

    void arrivingRelayedReportConverted() {
        arrivingRelayedReportsConverted.incrementAndGet();
        events.dsn(Action.RELAYED, "MESSAGE", null);
    }

    void reportQueued(Action action, boolean asReport, QueueId notice) {
        reportsQueued.incrementAndGet();
        events.dsn(action, asReport ? "REPORT" : "MESSAGE", notice);
    }

    void reportSuppressed(Action action) {
        events.dsn(action, "SUPPRESSED", null);
    }

    void qmailBounceConverted() {
        qmailBouncesConverted.incrementAndGet();
        events.dsn(Action.FAILED, "REPORT", null);
    }
}
