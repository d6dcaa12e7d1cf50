package org.twgate.gateway.queue;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.twgate.gateway.outcome.DeliveryPolicy;
import org.twgate.gateway.spool.EnvelopeRecipient;
import org.twgate.gateway.spool.JournalRecord;
import org.twgate.gateway.spool.JournalRecord.Event;
import org.twgate.gateway.spool.QueueId;
import org.twgate.gateway.spool.Spool;
import org.twgate.gateway.spool.StoredMessage;

/**
 * Queue actions on the spool of a stopped twgate (the caller holds the spool lock). Changes are
 * journal records the next start replays: a retry there is immediate anyway, a hold keeps the
 * message back, a deletion removes the files; a notice for a deleted message is queued for the
 * next start to deliver.
 */
public final class StoppedQueue implements QueueAdmin {
    private final Spool spool;
    private final Notifier notifier;
    private final Clock clock;

    public StoppedQueue(Spool spool, Notifier notifier, Clock clock) {
        this.spool = spool;
        this.notifier = notifier;
        this.clock = clock;
    }

    @Override
    public List<QueueEntry> list() throws IOException {
        List<QueueEntry> out = new ArrayList<>();
        for (StoredMessage stored : spool.recover()) {
            MessageState state = MessageState.replay(stored.envelope(), spool.journal(stored.id()));
            if (!state.finished()) {
                out.add(QueueEntry.of(stored, state));
            }
        }
        out.sort(QueueEntry.OLDEST_FIRST);
        return out;
    }

    @Override
    public Optional<QueueEntry> entry(QueueId id) throws IOException {
        return load(id).map(m -> QueueEntry.of(m.stored, m.state));
    }

    private Optional<QueuedMessage> load(QueueId id) throws IOException {
        if (!spool.contains(id)) {
            return Optional.empty();
        }
        StoredMessage stored = spool.read(id);
        return Optional.of(new QueuedMessage(stored, MessageState.replay(stored.envelope(), spool.journal(id))));
    }

    @Override
    public int retry(QueueId id) throws IOException {
        int count = 0;
        for (QueueEntry e : list()) {
            if ((id == null || e.id().equals(id)) && !e.held()) {
                spool.append(e.id(), List.of(JournalRecord.of(clock.instant(), Event.RETRY)));
                count++;
            }
        }
        return count;
    }

    @Override
    public boolean hold(QueueId id, boolean hold) throws IOException {
        if (load(id).isEmpty()) {
            return false;
        }
        spool.append(id, List.of(JournalRecord.of(clock.instant(), hold ? Event.HOLD : Event.RELEASE)));
        return true;
    }

    @Override
    public boolean delete(QueueId id, boolean notify) throws IOException {
        Optional<QueuedMessage> found = load(id);
        if (found.isEmpty()) {
            return false;
        }
        QueuedMessage m = found.get();
        if (notify && !m.stored.envelope().hasNullSender()) {
            List<Notifier.FailedRecipient> failed = new ArrayList<>();
            for (EnvelopeRecipient r : m.state.pending(m.stored.envelope())) {
                failed.add(new Notifier.FailedRecipient(r, DeliveryPolicy.forDeletion()));
            }
            if (!failed.isEmpty()) {
                notifier.failed(m.stored, failed);
            }
        }
        spool.remove(id);
        return true;
    }
}
