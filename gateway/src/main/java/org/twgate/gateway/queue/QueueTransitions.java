package org.twgate.gateway.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.twgate.gateway.outcome.DeliveryPolicy;
import org.twgate.gateway.outcome.DeliveryStatus;
import org.twgate.gateway.outcome.Reason;
import org.twgate.gateway.queue.MessageState.Progress;
import org.twgate.gateway.spool.Envelope;
import org.twgate.gateway.spool.EnvelopeRecipient;
import org.twgate.gateway.spool.JournalRecord;
import org.twgate.gateway.spool.JournalRecord.Event;

/**
 * How a message's state moves on after an attempt, as a pure function: the current state, the
 * outcomes of the attempt, the time and the retry schedule in; the new state, the journal
 * records, the notices to send and the next attempt out. No I/O and no clock: the queue applies
 * the result (sends the notices, appends the records, schedules), and tests drive it with any
 * time they like. What each outcome means is {@link DeliveryPolicy}'s.
 */
final class QueueTransitions {

    /**
     * @param state         the state after the attempt; failure notices still marked owed
     * @param records       to append to the journal, in order (NOTIFIED comes once a notice is queued)
     * @param failureNotice every recipient owing a failure notice (this attempt's and earlier
     *                      ones whose notice could not be queued); empty for {@code <>}
     * @param relayed       delivered to a hop without DSN (RFC 3461 §5.2.2); empty for {@code <>}
     * @param delayed       pending past the delay warning, once per message; empty for {@code <>}
     * @param expired       recipients failed because the queue lifetime ran out in this attempt
     * @param held          the message is held from now on (internal errors in a row)
     */
    record Transition(MessageState state, List<JournalRecord> records, List<Notifier.FailedRecipient> failureNotice,
            List<Notifier.RelayedRecipient> relayed, List<Notifier.DelayedRecipient> delayed,
            List<EnvelopeRecipient> expired, boolean held) {

        /** Whether nothing is left once the failure notice (if any) is queued. */
        boolean finishesWithNotice() {
            return !state.anyPending();
        }
    }

    private QueueTransitions() {
    }

    static Transition afterAttempt(Envelope envelope, MessageState before, List<RecipientOutcome> outcomes,
            Function<String, String> routeOf, Instant now, RetrySchedule retry) {
        boolean nullSender = envelope.hasNullSender();
        List<MessageState.Recipient> recipients = new ArrayList<>(before.recipients());
        List<JournalRecord> records = new ArrayList<>();
        List<Notifier.RelayedRecipient> relayed = new ArrayList<>();
        List<EnvelopeRecipient> expired = new ArrayList<>();
        boolean internalError = false;
        for (RecipientOutcome o : outcomes) {
            EnvelopeRecipient r = envelope.recipient(o.recipient());
            String route = routeOf.apply(r.address());
            DeliveryStatus s = o.status();
            internalError |= s.reason() == Reason.INTERNAL_ERROR;
            switch (s.result()) {
                case DELIVERED -> {
                    recipients.set(o.recipient(), new MessageState.Recipient(Progress.DELIVERED, s, false));
                    records.add(JournalRecord.outcome(now, o.recipient(), route, null, s));
                    if (!o.hopOffersDsn() && !nullSender) {
                        // RFC 3461 §5.2.2: the next hop cannot report success; we may owe a notice.
                        relayed.add(new Notifier.RelayedRecipient(r, route, s.remoteMta(), s.remoteReply()));
                    }
                }
                case FAILED -> {
                    recipients.set(o.recipient(), new MessageState.Recipient(Progress.FAILED, s, !nullSender));
                    records.add(JournalRecord.outcome(now, o.recipient(), route, null, s));
                }
                case DEFERRED -> recipients.set(o.recipient(), new MessageState.Recipient(Progress.PENDING, s, false));
                default -> throw new IllegalStateException(s.result().name());
            }
        }
        boolean anyPending = recipients.stream().anyMatch(r -> r.progress() == Progress.PENDING);
        if (anyPending && retry.expired(envelope.arrival(), now)) {
            for (EnvelopeRecipient r : envelope.recipients()) {
                MessageState.Recipient was = recipients.get(r.index());
                if (was.progress() == Progress.PENDING) {
                    DeliveryStatus why = DeliveryPolicy.forExpiry(was.last());
                    recipients.set(r.index(), new MessageState.Recipient(Progress.FAILED, why, !nullSender));
                    records.add(JournalRecord.outcome(now, r.index(), routeOf.apply(r.address()), null, why));
                    expired.add(r);
                }
            }
            anyPending = false;
        }
        boolean delayNotified = before.delayNotified();
        List<Notifier.DelayedRecipient> delayed = new ArrayList<>();
        if (anyPending && !delayNotified && delayDue(envelope, now, retry.delayWarning())) {
            // Past delay_warning after arrival, once per message: journalled, so a restart does
            // not repeat it. A zero warning time switches delay reports off.
            delayNotified = true;
            records.add(JournalRecord.of(now, Event.DELAY_NOTIFIED));
            if (!nullSender) {
                for (EnvelopeRecipient r : envelope.recipients()) {
                    MessageState.Recipient rs = recipients.get(r.index());
                    if (rs.progress() == Progress.PENDING) {
                        delayed.add(new Notifier.DelayedRecipient(r, rs.last()));
                    }
                }
            }
        }
        List<Notifier.FailedRecipient> failureNotice = new ArrayList<>();
        for (EnvelopeRecipient r : envelope.recipients()) {
            MessageState.Recipient rs = recipients.get(r.index());
            if (rs.owesNotice()) {
                failureNotice.add(new Notifier.FailedRecipient(r, rs.last()));
            }
        }
        int attempts = before.attempts();
        Instant next = null;
        if (anyPending || !failureNotice.isEmpty()) {
            // Something is left: recipients to retry, or a notice that may not get queued now.
            attempts++;
            next = retry.nextAttempt(now, attempts);
        }
        for (RecipientOutcome o : outcomes) {
            if (anyPending && recipients.get(o.recipient()).progress() == Progress.PENDING) {
                EnvelopeRecipient r = envelope.recipient(o.recipient());
                records.add(JournalRecord.outcome(now, o.recipient(), routeOf.apply(r.address()), next, o.status()));
            }
        }
        int internalErrors = internalError ? before.internalErrors() + 1 : 0;
        boolean hold = anyPending && internalError && DeliveryPolicy.holdsAfterInternalErrors(internalErrors);
        if (hold) {
            records.add(JournalRecord.of(now, Event.HOLD));
        }
        MessageState after = new MessageState(recipients, attempts, next, before.held() || hold, delayNotified,
                internalErrors);
        return new Transition(after, records, failureNotice, relayed, delayed, expired, hold);
    }

    /** The records that say the failure notices of {@code notice} were queued. */
    static List<JournalRecord> noticeQueued(Instant now, List<Notifier.FailedRecipient> notice) {
        return notice.stream().map(f -> JournalRecord.forRecipient(now, Event.NOTIFIED, f.recipient().index(), null,
                null, null)).toList();
    }

    private static boolean delayDue(Envelope envelope, Instant now, Duration warning) {
        return warning != null && !warning.isZero() && !warning.isNegative()
                && !now.isBefore(envelope.arrival().plus(warning));
    }
}
