package org.twgate.gateway.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twgate.gateway.outcome.DeliveryPolicy;
import org.twgate.gateway.outcome.DeliveryStatus.Result;
import org.twgate.gateway.outcome.Reason;
import org.twgate.gateway.queue.MessageState.Progress;
import org.twgate.gateway.spool.Envelope;
import org.twgate.gateway.spool.EnvelopeRecipient;
import org.twgate.gateway.spool.JournalRecord;
import org.twgate.gateway.spool.JournalRecord.Event;

/** The queue's state changes as a pure function, at times the test chooses (no clock, no threads). */
class QueueTransitionsTest {
    static final Instant ARRIVAL = Instant.parse("2026-12-01T10:00:00Z");
    static final RetrySchedule RETRY = new RetrySchedule(Duration.ofMinutes(1), Duration.ofMinutes(30),
            Duration.ofDays(5), Duration.ofHours(4));

    static Envelope envelope(String sender, String... rcpts) {
        List<EnvelopeRecipient> list = new java.util.ArrayList<>();
        for (String r : rcpts) {
            list.add(new EnvelopeRecipient(list.size(), r, null, null));
        }
        return new Envelope(sender, list, null, null, null, false, ARRIVAL, "127.0.0.1", "c", "ESMTP");
    }

    static RecipientOutcome deferred(int i) {
        return new RecipientOutcome(i, Result.DEFERRED, "mx said 451 4.3.0 later", "mx.test", "451 4.3.0 later",
                false);
    }

    static QueueTransitions.Transition after(Envelope e, MessageState s, Instant now, RecipientOutcome... o) {
        return QueueTransitions.afterAttempt(e, s, List.of(o), address -> "default", now, RETRY);
    }

    @Test
    void aDeferredRecipientIsRetriedWithBackoffAndJournalledWithItsStatus() {
        Envelope e = envelope("a@x.com", "b@y.com");
        Instant now = ARRIVAL.plusSeconds(1);
        var t1 = after(e, MessageState.fresh(e), now, deferred(0));
        assertThat(t1.state().attempts()).isEqualTo(1);
        assertThat(t1.state().nextAttempt()).isEqualTo(now.plus(Duration.ofMinutes(1)));
        assertThat(t1.records()).singleElement().satisfies(r -> {
            assertThat(r.event()).isEqualTo(Event.DEFERRED);
            assertThat(r.next()).isEqualTo(now.plus(Duration.ofMinutes(1)));
            assertThat(r.status()).hasToString("4.3.0");
            assertThat(r.remoteReply()).isEqualTo("451 4.3.0 later");
        });
        var t2 = after(e, t1.state(), now.plus(Duration.ofMinutes(1)), deferred(0));
        assertThat(t2.state().nextAttempt()).isEqualTo(now.plus(Duration.ofMinutes(3))); // 1 min, then 2
        assertThat(t2.failureNotice()).isEmpty();
    }

    @Test
    void pastTheLifetimePendingRecipientsFailWith547AndOweANotice() {
        Envelope e = envelope("a@x.com", "b@y.com");
        Instant late = ARRIVAL.plus(Duration.ofDays(5));
        var t = after(e, MessageState.fresh(e), late, deferred(0));
        assertThat(t.expired()).extracting(EnvelopeRecipient::address).containsExactly("b@y.com");
        assertThat(t.state().recipient(0).progress()).isEqualTo(Progress.FAILED);
        assertThat(t.failureNotice()).singleElement().satisfies(f -> {
            assertThat(f.status().status()).hasToString("5.4.7");
            assertThat(f.status().reason()).isEqualTo(Reason.EXPIRED);
            assertThat(f.status().diagnostic()).contains("451 4.3.0 later");
        });
        assertThat(t.finishesWithNotice()).isTrue();
        assertThat(t.records()).extracting(JournalRecord::event).containsExactly(Event.FAILED);
    }

    @Test
    void aFailureOfANullSenderMessageOwesNothing() {
        Envelope e = envelope("", "b@y.com");
        var t = after(e, MessageState.fresh(e), ARRIVAL, new RecipientOutcome(0,
                DeliveryPolicy.forRewriteRefusal("553 5.1.3 no"), false));
        assertThat(t.failureNotice()).isEmpty();
        assertThat(t.state().finished()).isTrue();
    }

    @Test
    void aNoticeNotYetQueuedIsOwedAgainAtTheNextAttemptWithoutRedelivering() {
        Envelope e = envelope("a@x.com", "b@y.com");
        var t1 = after(e, MessageState.fresh(e), ARRIVAL, new RecipientOutcome(0,
                DeliveryPolicy.forRewriteRefusal("553 5.1.3 no"), false));
        assertThat(t1.state().finished()).isFalse(); // until the notice is queued
        assertThat(t1.state().nextAttempt()).isNotNull();
        assertThat(t1.state().pending(e)).isEmpty();
        var t2 = after(e, t1.state(), t1.state().nextAttempt());
        assertThat(t2.failureNotice()).singleElement().satisfies(f -> assertThat(f.status().status())
                .hasToString("5.1.3"));
        MessageState done = t2.state().noticesQueued(java.util.Set.of(0));
        assertThat(done.finished()).isTrue();
    }

    @Test
    void theDelayWarningIsDueOnceAfterItsTime() {
        Envelope e = envelope("a@x.com", "b@y.com");
        var early = after(e, MessageState.fresh(e), ARRIVAL.plus(Duration.ofHours(3)), deferred(0));
        assertThat(early.delayed()).isEmpty();
        var due = after(e, early.state(), ARRIVAL.plus(Duration.ofHours(4)), deferred(0));
        assertThat(due.delayed()).hasSize(1);
        assertThat(due.records()).extracting(JournalRecord::event).contains(Event.DELAY_NOTIFIED);
        var again = after(e, due.state(), ARRIVAL.plus(Duration.ofHours(5)), deferred(0));
        assertThat(again.delayed()).isEmpty();
    }

    @Test
    void internalErrorsInARowHoldTheMessageAndOneSuccessResetsTheCount() {
        Envelope e = envelope("a@x.com", "b@y.com");
        RecipientOutcome bug = RecipientOutcome.deferred(0, DeliveryPolicy.forInternalError(
                new IllegalStateException("bug")));
        var t1 = after(e, MessageState.fresh(e), ARRIVAL, bug);
        var t2 = after(e, t1.state(), ARRIVAL.plusSeconds(60), bug);
        assertThat(t2.held()).isFalse();
        var healthy = after(e, t2.state(), ARRIVAL.plusSeconds(120), deferred(0));
        assertThat(healthy.state().internalErrors()).isZero();
        var t3 = after(e, after(e, after(e, healthy.state(), ARRIVAL.plusSeconds(180), bug).state(),
                ARRIVAL.plusSeconds(240), bug).state(), ARRIVAL.plusSeconds(300), bug);
        assertThat(t3.held()).isTrue();
        assertThat(t3.state().held()).isTrue();
        assertThat(t3.records()).extracting(JournalRecord::event).endsWith(Event.HOLD);
    }

    @Test
    void aJournalWrittenBeforeStatusesReplaysWithStatusesReadFromItsReplies() {
        Envelope e = envelope("a@x.com", "b@y.com", "c@y.com", "d@y.com", "e@y.com");
        List<JournalRecord> old = java.util.stream.Stream.of(
                "2026-12-01T10:00:01Z delivered rcpt=0 route=default reply=mx said 250 ok",
                "2026-12-01T10:00:01Z failed rcpt=1 route=default reply=553 5.1.3 cannot rewrite <c@y.com>",
                "2026-12-01T10:00:01Z deferred rcpt=2 route=default next=2026-12-01T10:01:01Z reply=mx said 451 later",
                "2026-12-01T10:00:01Z notified rcpt=1")
                .map(JournalRecord::parse).toList();
        MessageState s = MessageState.replay(e, old);
        assertThat(s.recipient(0).progress()).isEqualTo(Progress.DELIVERED);
        assertThat(s.recipient(1).progress()).isEqualTo(Progress.FAILED);
        assertThat(s.recipient(1).last().status()).hasToString("5.1.3");
        assertThat(s.recipient(1).owesNotice()).isFalse();
        assertThat(s.recipient(2).progress()).isEqualTo(Progress.PENDING);
        assertThat(s.recipient(2).last().diagnostic()).isEqualTo("mx said 451 later");
        assertThat(s.recipient(3).progress()).isEqualTo(Progress.PENDING);
        assertThat(s.nextAttempt()).isEqualTo(Instant.parse("2026-12-01T10:01:01Z"));
        assertThat(s.attempts()).isEqualTo(1);
        assertThat(s.pending(e)).extracting(EnvelopeRecipient::address).containsExactly("d@y.com", "e@y.com");
    }

    @Test
    void aJournalRecordKeepsItsStatusFieldsThroughFormatAndParse() {
        var s = new RecipientOutcome(0, Result.FAILED, "mx.test [127.0.0.1]:25 said in reply to RCPT TO: 550 5.1.1 no",
                "mx.test [127.0.0.1]:25", "550 5.1.1 no such user % here", false).status();
        JournalRecord r = JournalRecord.outcome(ARRIVAL, 0, "default", null, s);
        String line = r.format();
        assertThat(line).contains(" status=5.1.1 reason=remote_reply mta=mx.test%20[127.0.0.1]:25 said=550%205.1.1");
        assertThat(JournalRecord.parse(line.strip())).isEqualTo(r);
        assertThat(JournalRecord.parse(line.strip()).deliveryStatus()).isEqualTo(s);
    }
}
