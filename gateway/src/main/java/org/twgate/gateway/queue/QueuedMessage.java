package org.twgate.gateway.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.twgate.gateway.spool.EnvelopeRecipient;
import org.twgate.gateway.spool.JournalRecord;
import org.twgate.gateway.spool.StoredMessage;

/**
 * The delivery state of one spooled message: the replay of its journal plus what happened
 * since. Guarded by its own monitor; {@code busy} keeps two attempts from overlapping.
 */
final class QueuedMessage {
    enum RecipientState { PENDING, DELIVERED, FAILED }

    final StoredMessage stored;
    private final RecipientState[] states;
    private final String[] lastReply;
    /** The route key each recipient was last attempted on (null before its first attempt): for the status page. */
    private final String[] lastRoute;
    int attempts;
    Instant nextAttempt;
    boolean held;
    boolean busy;
    /** A delay report was already due and dealt with (journalled), so it is never repeated. */
    boolean delayNotified;

    QueuedMessage(StoredMessage stored) {
        this.stored = stored;
        int n = stored.envelope().recipients().size();
        this.states = new RecipientState[n];
        this.lastReply = new String[n];
        this.lastRoute = new String[n];
        java.util.Arrays.fill(states, RecipientState.PENDING);
    }

    /** Rebuilds the state of a message from its journal, at start-up. */
    static QueuedMessage replay(StoredMessage stored, List<JournalRecord> journal) {
        QueuedMessage m = new QueuedMessage(stored);
        Set<Instant> deferredAttempts = new HashSet<>();
        for (JournalRecord r : journal) {
            boolean known = r.recipient() >= 0 && r.recipient() < m.states.length;
            switch (r.event()) {
                case DELIVERED -> {
                    if (known) {
                        m.states[r.recipient()] = RecipientState.DELIVERED;
                    }
                }
                case FAILED -> {
                    if (known) {
                        m.states[r.recipient()] = RecipientState.FAILED;
                    }
                }
                case DEFERRED -> {
                    deferredAttempts.add(r.time());
                    if (known) {
                        m.lastReply[r.recipient()] = r.reply();
                        m.lastRoute[r.recipient()] = r.route();
                    }
                    if (r.next() != null && (m.nextAttempt == null || r.next().isAfter(m.nextAttempt))) {
                        m.nextAttempt = r.next();
                    }
                }
                case HOLD -> m.held = true;
                case RELEASE -> m.held = false;
                case RETRY -> m.nextAttempt = null;
                case DELAY_NOTIFIED -> m.delayNotified = true;
                default -> {
                    // NOTIFIED changes nothing about what is still to deliver.
                }
            }
        }
        m.attempts = deferredAttempts.size();
        return m;
    }

    List<EnvelopeRecipient> pending() {
        List<EnvelopeRecipient> out = new ArrayList<>();
        for (EnvelopeRecipient r : stored.envelope().recipients()) {
            if (states[r.index()] == RecipientState.PENDING) {
                out.add(r);
            }
        }
        return out;
    }

    RecipientState state(int recipient) {
        return states[recipient];
    }

    void set(int recipient, RecipientState state, String reply) {
        states[recipient] = state;
        lastReply[recipient] = reply;
    }

    String lastReply(int recipient) {
        return lastReply[recipient];
    }

    void routed(int recipient, String route) {
        lastRoute[recipient] = route;
    }

    /** The route of the recipient's last attempt, or null when it was never attempted. */
    String lastRoute(int recipient) {
        return lastRoute[recipient];
    }

    boolean finished() {
        for (RecipientState s : states) {
            if (s == RecipientState.PENDING) {
                return false;
            }
        }
        return true;
    }
}
