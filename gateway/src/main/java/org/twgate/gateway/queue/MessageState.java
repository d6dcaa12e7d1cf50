package org.twgate.gateway.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.twgate.gateway.outcome.DeliveryStatus;
import org.twgate.gateway.spool.Envelope;
import org.twgate.gateway.spool.EnvelopeRecipient;
import org.twgate.gateway.spool.JournalRecord;

/**
 * The delivery state of one queued message, immutable: per recipient where it stands, its last
 * status and whether a failure notice is still owed for it; for the message, attempts so far,
 * the next attempt, held, whether the delay warning was dealt with, and internal errors in a row.
 * {@link QueueTransitions} makes the next state; the journal's replay makes the first.
 */
record MessageState(List<Recipient> recipients, int attempts, Instant nextAttempt, boolean held,
        boolean delayNotified, int internalErrors) {

    enum Progress { PENDING, DELIVERED, FAILED }

    /**
     * @param last       the latest status, or null before any attempt
     * @param owesNotice failed, and its failure notice is not queued yet (never for {@code <>})
     */
    record Recipient(Progress progress, DeliveryStatus last, boolean owesNotice) {
        static final Recipient NEW = new Recipient(Progress.PENDING, null, false);
    }

    MessageState {
        recipients = List.copyOf(recipients);
    }

    static MessageState fresh(Envelope envelope) {
        return new MessageState(java.util.Collections.nCopies(envelope.recipients().size(), Recipient.NEW), 0, null,
                false, false, 0);
    }

    /** Rebuilds the state of a message from its journal, at start-up. */
    static MessageState replay(Envelope envelope, List<JournalRecord> journal) {
        int n = envelope.recipients().size();
        Progress[] progress = new Progress[n];
        DeliveryStatus[] last = new DeliveryStatus[n];
        boolean[] notified = new boolean[n];
        java.util.Arrays.fill(progress, Progress.PENDING);
        Set<Instant> deferredAttempts = new HashSet<>();
        Instant next = null;
        boolean held = false;
        boolean delayNotified = false;
        for (JournalRecord r : journal) {
            boolean known = r.recipient() >= 0 && r.recipient() < n;
            switch (r.event()) {
                case DELIVERED -> {
                    if (known) {
                        progress[r.recipient()] = Progress.DELIVERED;
                        last[r.recipient()] = r.deliveryStatus();
                    }
                }
                case FAILED -> {
                    if (known) {
                        progress[r.recipient()] = Progress.FAILED;
                        last[r.recipient()] = r.deliveryStatus();
                    }
                }
                case DEFERRED -> {
                    deferredAttempts.add(r.time());
                    if (known) {
                        last[r.recipient()] = r.deliveryStatus();
                    }
                    if (r.next() != null && (next == null || r.next().isAfter(next))) {
                        next = r.next();
                    }
                }
                case NOTIFIED -> {
                    if (known) {
                        notified[r.recipient()] = true;
                    }
                }
                case HOLD -> held = true;
                case RELEASE -> held = false;
                case RETRY -> next = null;
                case DELAY_NOTIFIED -> delayNotified = true;
                default -> {
                    // an event this version ignores
                }
            }
        }
        List<Recipient> recipients = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            // A failure journalled without NOTIFIED: its notice was never queued (the spool was
            // full, or twgate stopped in between); it is still owed.
            boolean owes = progress[i] == Progress.FAILED && !notified[i] && !envelope.hasNullSender();
            recipients.add(new Recipient(progress[i], last[i], owes));
        }
        return new MessageState(recipients, deferredAttempts.size(), next, held, delayNotified, 0);
    }

    Recipient recipient(int index) {
        return recipients.get(index);
    }

    List<EnvelopeRecipient> pending(Envelope envelope) {
        List<EnvelopeRecipient> out = new ArrayList<>();
        for (EnvelopeRecipient r : envelope.recipients()) {
            if (recipients.get(r.index()).progress() == Progress.PENDING) {
                out.add(r);
            }
        }
        return out;
    }

    boolean anyPending() {
        return recipients.stream().anyMatch(r -> r.progress() == Progress.PENDING);
    }

    boolean owesNotices() {
        return recipients.stream().anyMatch(Recipient::owesNotice);
    }

    /** Nothing left to deliver and no notice owed: the message may leave the spool. */
    boolean finished() {
        return !anyPending() && !owesNotices();
    }

    /** The last diagnostic of a recipient, for {@code queue list}. */
    String lastReply(int index) {
        DeliveryStatus s = recipients.get(index).last();
        return s == null ? null : s.diagnostic();
    }

    MessageState withHeld(boolean hold) {
        return new MessageState(recipients, attempts, nextAttempt, hold, delayNotified, internalErrors);
    }

    MessageState withNextAttempt(Instant next) {
        return new MessageState(recipients, attempts, next, held, delayNotified, internalErrors);
    }

    /** The notices of these recipients are queued. */
    MessageState noticesQueued(Set<Integer> indices) {
        List<Recipient> out = new ArrayList<>(recipients);
        for (int i : indices) {
            Recipient r = out.get(i);
            out.set(i, new Recipient(r.progress(), r.last(), false));
        }
        return new MessageState(out, attempts, nextAttempt, held, delayNotified, internalErrors);
    }
}
