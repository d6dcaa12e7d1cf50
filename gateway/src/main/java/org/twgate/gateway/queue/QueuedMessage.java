package org.twgate.gateway.queue;

import java.util.List;
import org.twgate.gateway.spool.JournalRecord;
import org.twgate.gateway.spool.StoredMessage;

/**
 * One message in the running queue: its stored form and its {@link MessageState}, replaced
 * whole. Everything here is guarded by this object's monitor, which {@code list}, {@code show},
 * {@code hold}, {@code retry}, {@code delete}, the status page's snapshot and a running
 * attempt's outcome all take, so none sees or makes half a change; {@code busy} keeps two
 * attempts from overlapping and {@code removed} tells a running attempt that its result is to
 * be discarded.
 */
final class QueuedMessage {
    final StoredMessage stored;
    MessageState state;
    boolean busy;
    boolean removed;
    /**
     * Its journal may exist: recovered from the spool, or a record was appended. A message
     * delivered at its first attempt never has one, and its removal then skips the unlink of a
     * name that is not there (a directory lookup of {@code queue/}: 3 % of the CPU samples of the
     * 20-session benchmark, bench/profile 2026-12-05).
     */
    boolean journalMayExist;
    /** An operator's retry (or a reload's) arrived while an attempt ran: attempt again when it ends. */
    boolean retryRequested;
    /**
     * The route key each recipient was last attempted on (null before its first attempt), for the
     * status page's per-route queue. Not part of {@link MessageState}: no delivery decision reads it.
     */
    private final String[] lastRoute;

    QueuedMessage(StoredMessage stored, MessageState state) {
        this.stored = stored;
        this.state = state;
        this.lastRoute = new String[stored.envelope().recipients().size()];
    }

    /** A recovered message: the routes of its journal's deferrals, as they were last attempted. */
    static QueuedMessage recovered(StoredMessage stored, MessageState state, List<JournalRecord> journal) {
        QueuedMessage m = new QueuedMessage(stored, state);
        m.journalMayExist = true; // even an empty or unreadable one is removed with the message
        for (JournalRecord r : journal) {
            if (r.event() == JournalRecord.Event.DEFERRED && r.recipient() >= 0 && r.recipient() < m.lastRoute.length
                    && r.route() != null) {
                m.lastRoute[r.recipient()] = r.route();
            }
        }
        return m;
    }

    void routed(int recipient, String route) {
        lastRoute[recipient] = route;
    }

    /** The route of the recipient's last attempt, or null when it was never attempted. */
    String lastRoute(int recipient) {
        return lastRoute[recipient];
    }
}
