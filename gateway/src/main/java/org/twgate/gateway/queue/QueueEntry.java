package org.twgate.gateway.queue;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.twgate.gateway.spool.QueueId;
import org.twgate.gateway.spool.StoredMessage;

/** What an operator sees of one queued message ({@code twgate queue list/show}). */
public record QueueEntry(QueueId id, Instant arrival, long size, String sender, boolean held, int attempts,
        Instant nextAttempt, List<Recipient> recipients) {

    /**
     * Oldest arrival first. Not by id: a message written into a reserved file has the id made
     * when the file was reserved, which can be older than a later message's.
     */
    static final Comparator<QueueEntry> OLDEST_FIRST =
            Comparator.comparing(QueueEntry::arrival).thenComparing(QueueEntry::id);

    /** One recipient: {@code state} is pending, delivered or failed. */
    public record Recipient(int index, String address, String state, String lastReply) {
    }

    static QueueEntry of(StoredMessage stored, MessageState state) {
        List<Recipient> rcpts = stored.envelope().recipients().stream()
                .map(r -> new Recipient(r.index(), r.address(),
                        state.recipient(r.index()).progress().name().toLowerCase(Locale.ROOT),
                        state.lastReply(r.index())))
                .toList();
        return new QueueEntry(stored.id(), stored.envelope().arrival(), stored.contentSize(),
                stored.envelope().sender(), state.held(), state.attempts(), state.nextAttempt(), rcpts);
    }
}
