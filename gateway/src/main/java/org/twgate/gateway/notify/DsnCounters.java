package org.twgate.gateway.notify;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the notify stage did that leaves no message behind to count: relayed notices dropped
 * under {@code deliver_relayed_dsn: 2}, reports written, qmail bounces converted. Plain
 * counters until the metrics issue registers them with Micrometer.
 */
public final class DsnCounters {
    /** Receives each DSN event: the action and what the policy did (report, message, discarded, suppressed). */
    private final java.util.function.BiConsumer<org.twgate.dsn.status.Action, String> events;
    private final AtomicLong relayedNoticesDiscarded = new AtomicLong();
    private final AtomicLong arrivingRelayedReportsDiscarded = new AtomicLong();
    private final AtomicLong arrivingRelayedReportsConverted = new AtomicLong();
    private final AtomicLong reportsQueued = new AtomicLong();
    private final AtomicLong qmailBouncesConverted = new AtomicLong();

    public DsnCounters() {
        this((action, disposition) -> { });
    }

    /** @param events told of every event below as it happens (the metrics stage listens here) */
    public DsnCounters(java.util.function.BiConsumer<org.twgate.dsn.status.Action, String> events) {
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
        events.accept(org.twgate.dsn.status.Action.RELAYED, "DISCARDED");
    }

    void arrivingRelayedReportDiscarded() {
        arrivingRelayedReportsDiscarded.incrementAndGet();
        events.accept(org.twgate.dsn.status.Action.RELAYED, "DISCARDED");
    }

    void arrivingRelayedReportConverted() {
        arrivingRelayedReportsConverted.incrementAndGet();
        events.accept(org.twgate.dsn.status.Action.RELAYED, "MESSAGE");
    }

    void reportQueued(org.twgate.dsn.status.Action action, boolean asReport) {
        reportsQueued.incrementAndGet();
        events.accept(action, asReport ? "REPORT" : "MESSAGE");
    }

    void reportSuppressed(org.twgate.dsn.status.Action action) {
        events.accept(action, "SUPPRESSED");
    }

    void qmailBounceConverted() {
        qmailBouncesConverted.incrementAndGet();
        events.accept(org.twgate.dsn.status.Action.FAILED, "REPORT");
    }
}
