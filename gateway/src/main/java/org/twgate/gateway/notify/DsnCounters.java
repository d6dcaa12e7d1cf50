package org.twgate.gateway.notify;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the notify stage did that leaves no message behind to count: relayed notices dropped
 * under {@code deliver_relayed_dsn: 2}, reports written, qmail bounces converted. Plain
 * counters until the metrics issue registers them with Micrometer.
 */
public final class DsnCounters {
    private final AtomicLong relayedNoticesDiscarded = new AtomicLong();
    private final AtomicLong arrivingRelayedReportsDiscarded = new AtomicLong();
    private final AtomicLong arrivingRelayedReportsConverted = new AtomicLong();
    private final AtomicLong reportsQueued = new AtomicLong();
    private final AtomicLong qmailBouncesConverted = new AtomicLong();

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
    }

    void arrivingRelayedReportDiscarded() {
        arrivingRelayedReportsDiscarded.incrementAndGet();
    }

    void arrivingRelayedReportConverted() {
        arrivingRelayedReportsConverted.incrementAndGet();
    }

    void reportQueued() {
        reportsQueued.incrementAndGet();
    }

    void qmailBounceConverted() {
        qmailBouncesConverted.incrementAndGet();
    }
}
