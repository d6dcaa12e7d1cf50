package org.twgate.gateway.queue;

import java.time.Instant;
import java.util.List;
import org.twgate.gateway.spool.QueueId;

/** What an operator sees of one queued message ({@code twgate queue list/show}). */
public record QueueEntry(QueueId id, Instant arrival, long size, String sender, boolean held, int attempts,
        Instant nextAttempt, List<Recipient> recipients) {

    /** One recipient: {@code state} is pending, delivered or failed. */
    public record Recipient(int index, String address, String state, String lastReply) {
    }

    static QueueEntry of(QueuedMessage m) {
        List<Recipient> rcpts = m.stored.envelope().recipients().stream()
                .map(r -> new Recipient(r.index(), r.address(), m.state(r.index()).name().toLowerCase(java.util.Locale.ROOT),
                        m.lastReply(r.index())))
                .toList();
        return new QueueEntry(m.stored.id(), m.stored.envelope().arrival(), m.stored.contentSize(),
                m.stored.envelope().sender(), m.held, m.attempts, m.nextAttempt, rcpts);
    }
}
