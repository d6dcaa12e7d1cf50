package org.twgate.gateway.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.gateway.outcome.DeliveryStatus.Result;
import org.twgate.gateway.spool.Envelope;
import org.twgate.gateway.spool.EnvelopeRecipient;
import org.twgate.gateway.spool.IncomingMessage;
import org.twgate.gateway.spool.JournalRecord;
import org.twgate.gateway.spool.QueueId;
import org.twgate.gateway.spool.Spool;
import org.twgate.gateway.spool.StoredMessage;
import org.twgate.testkit.Await;

/** Which notifier duty the queue hands on, and when: relayed, delayed (once, journalled). */
class DeliveryQueueNoticeTest {
    @TempDir
    Path dir;
    Spool spool;
    DeliveryQueue queue;
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile Result next = Result.DELIVERED;
    volatile boolean hopOffersDsn;

    final Notifier recorder = new Notifier() {
        @Override
        public void failed(StoredMessage message, List<FailedRecipient> recipients) {
            recipients.forEach(r -> calls.add("failed " + r.recipient().address()));
        }

        @Override
        public void relayed(StoredMessage message, List<RelayedRecipient> recipients) {
            recipients.forEach(r -> calls.add("relayed " + r.recipient().address() + " via " + r.route()
                    + " said " + r.smtpReply()));
        }

        @Override
        public void delayed(StoredMessage message, List<DelayedRecipient> recipients) {
            recipients.forEach(r -> calls.add("delayed " + r.recipient().address() + " said "
                    + (r.status() == null ? null : r.status().remoteReply())));
        }
    };

    final Courier.Leg courier = (route, message, rcpts) -> rcpts.stream().map(r -> new RecipientOutcome(r.index(), next,
            next == Result.DELIVERED ? "delivered" : "deferred", "hop.test",
            next == Result.DELIVERED ? "250 ok" : "451 4.4.1 later", hopOffersDsn)).toList();

    void start(Duration delayWarning) throws Exception {
        spool = Spool.open(dir, 1);
        queue = new DeliveryQueue(spool, address -> "qmail", courier, recorder,
                new RetrySchedule(Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofDays(1), delayWarning),
                Clock.systemUTC(), 1, QueueListener.NONE);
    }

    @AfterEach
    void stop() {
        queue.close(Duration.ofSeconds(2));
        spool.close();
    }

    StoredMessage store(String sender, Instant arrival) throws Exception {
        Envelope env = new Envelope(sender, List.of(new EnvelopeRecipient(0, "a@company.com", "SUCCESS", null)),
                null, null, null, false, arrival, "127.0.0.1", "c", "ESMTP");
        IncomingMessage in = spool.receive(QueueId.next(System.currentTimeMillis()), env, new byte[0]);
        in.write(Unpooled.copiedBuffer("Subject: t\r\n\r\nbody\r\n", StandardCharsets.US_ASCII));
        return in.commit().get();
    }

    long count(StoredMessage stored, JournalRecord.Event event) {
        try {
            return spool.journal(stored.id()).stream().filter(r -> r.event() == event).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void deliveryToAHopWithoutDsnOwesARelayedNotice() throws Exception {
        start(Duration.ofHours(4));
        queue.enqueue(store("john@company.com", Instant.now()));
        Await.until("queue empty", Duration.ofSeconds(10), () -> queue.size() == 0);
        assertThat(calls).containsExactly("relayed a@company.com via qmail said 250 ok");
    }

    @Test
    void deliveryToADsnAwareHopLeavesTheDutyToIt() throws Exception {
        hopOffersDsn = true;
        start(Duration.ofHours(4));
        queue.enqueue(store("john@company.com", Instant.now()));
        Await.until("queue empty", Duration.ofSeconds(10), () -> queue.size() == 0);
        assertThat(calls).isEmpty();
    }

    @Test
    void delayWarningIsGivenOnceAndJournalledSoARestartDoesNotRepeatIt() throws Exception {
        next = Result.DEFERRED;
        start(Duration.ofMinutes(1));
        StoredMessage stored = store("john@company.com", Instant.now().minus(Duration.ofMinutes(5)));
        queue.enqueue(stored);
        Await.until("3 attempts", Duration.ofSeconds(10), () -> count(stored, JournalRecord.Event.DEFERRED) >= 3);
        assertThat(calls).containsExactly("delayed a@company.com said 451 4.4.1 later");
        assertThat(count(stored, JournalRecord.Event.DELAY_NOTIFIED)).isEqualTo(1);

        queue.close(Duration.ofSeconds(2));
        spool.close();
        calls.clear();
        long deferredBefore;
        start(Duration.ofMinutes(1));
        deferredBefore = count(stored, JournalRecord.Event.DEFERRED);
        assertThat(queue.recover()).isEqualTo(1);
        queue.retryNow(null);
        Await.until("2 more attempts", Duration.ofSeconds(10),
                () -> count(stored, JournalRecord.Event.DEFERRED) >= deferredBefore + 2);
        assertThat(calls).isEmpty();
    }

    @Test
    void noDelayWarningBeforeTheWarningTime() throws Exception {
        next = Result.DEFERRED;
        start(Duration.ofHours(4));
        StoredMessage stored = store("john@company.com", Instant.now());
        queue.enqueue(stored);
        Await.until("2 attempts", Duration.ofSeconds(10), () -> count(stored, JournalRecord.Event.DEFERRED) >= 2);
        assertThat(calls).isEmpty();
    }
}
