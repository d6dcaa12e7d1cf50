package org.twgate.gateway.queue;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.twgate.gateway.outcome.DeliveryStatus.Result;
import org.twgate.gateway.spool.Envelope;
import org.twgate.gateway.spool.EnvelopeRecipient;
import org.twgate.gateway.spool.IncomingMessage;
import org.twgate.gateway.spool.JournalRecord;
import org.twgate.gateway.spool.QueueId;
import org.twgate.gateway.spool.Spool;
import org.twgate.gateway.spool.StoredMessage;
import org.twgate.testkit.Await;

/** What the queue does when a notice, an operator or its own code gets in the way of an attempt. */
class DeliveryQueueFaultsTest {
    @TempDir
    Path dir;
    Spool spool;
    DeliveryQueue queue;
    final List<String> notices = new CopyOnWriteArrayList<>();
    final AtomicInteger noticeFailuresLeft = new AtomicInteger();

    final Notifier notifier = new Notifier() {
        @Override
        public void failed(StoredMessage message, List<FailedRecipient> recipients) throws IOException {
            if (noticeFailuresLeft.getAndDecrement() > 0) {
                notices.add("not queued");
                throw new IOException("No space left on device");
            }
            recipients.forEach(r -> notices.add("failed " + r.recipient().address() + " " + r.status().status()));
        }
    };

    void start(Courier.Leg courier) throws IOException {
        spool = Spool.open(dir, 2);
        queue = new DeliveryQueue(spool, address -> "default", courier, notifier,
                new RetrySchedule(Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofDays(1), Duration.ZERO),
                Clock.systemUTC(), 2, QueueListener.NONE);
    }

    @AfterEach
    void stop() {
        if (queue != null) {
            queue.close(Duration.ofSeconds(5));
        }
        if (spool != null) {
            spool.close();
        }
    }

    StoredMessage store(String sender, String... rcpts) throws Exception {
        List<EnvelopeRecipient> list = new ArrayList<>();
        for (String r : rcpts) {
            list.add(new EnvelopeRecipient(list.size(), r, null, null));
        }
        Envelope env = new Envelope(sender, list, null, null, null, false, Instant.now(), "127.0.0.1", "c", "ESMTP");
        IncomingMessage in = spool.receive(QueueId.next(System.currentTimeMillis()), env, new byte[0]);
        in.write(Unpooled.copiedBuffer("Subject: t\r\n\r\nbody\r\n", StandardCharsets.US_ASCII));
        return in.commit().get();
    }

    List<String> queueFiles() throws IOException {
        return QueuedFiles.of(spool);
    }

    @Test
    void aFailureNoticeThatCannotBeQueuedKeepsTheOriginalUntilItIs() throws Exception {
        noticeFailuresLeft.set(2);
        AtomicInteger attempts = new AtomicInteger();
        start((route, message, rcpts) -> {
            attempts.incrementAndGet();
            return rcpts.stream().map(r -> new RecipientOutcome(r.index(), Result.FAILED, "mx said 550 5.1.1 no",
                    "mx.test", "550 5.1.1 no such user", false)).toList();
        });
        StoredMessage stored = store("a@x.com", "gone@y.com");
        queue.enqueue(stored);

        Await.until("the notice queued and the original gone", Duration.ofSeconds(10),
                () -> notices.contains("failed gone@y.com 5.1.1") && queue.size() == 0);
        assertThat(notices).containsExactly("not queued", "not queued", "failed gone@y.com 5.1.1");
        assertThat(attempts).hasValue(1); // the recipient is not attempted again, only its notice
        assertThat(queueFiles()).isEmpty();
    }

    @Test
    void aNoticeStillOwedAtARestartIsSentThen() throws Exception {
        noticeFailuresLeft.set(Integer.MAX_VALUE);
        start((route, message, rcpts) -> rcpts.stream().map(r -> new RecipientOutcome(r.index(),
                org.twgate.gateway.outcome.DeliveryPolicy.forRewriteRefusal("553 5.1.3 cannot rewrite <bad@y.com>"),
                false)).toList());
        StoredMessage stored = store("a@x.com", "bad@y.com");
        queue.enqueue(stored);
        Await.until("a failure journalled", Duration.ofSeconds(10), () -> journal(stored).stream()
                .anyMatch(r -> r.event() == JournalRecord.Event.FAILED));
        queue.close(Duration.ofSeconds(5));
        spool.close();

        noticeFailuresLeft.set(0);
        start((route, message, rcpts) -> {
            throw new AssertionError("nothing to deliver after the restart");
        });
        assertThat(queue.recover()).isEqualTo(1);
        Await.until("the notice sent after the restart", Duration.ofSeconds(10), () -> queue.size() == 0);
        // the status journalled with the failure survives the restart: 5.1.3, not 5.0.0
        assertThat(notices).endsWith("failed bad@y.com 5.1.3");
    }

    List<JournalRecord> journal(StoredMessage stored) {
        try {
            return spool.journal(stored.id());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void deleteDuringAnAttemptDiscardsItsResultAndWritesNothingAfterRemoval() throws Exception {
        CountDownLatch inCourier = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        start((route, message, rcpts) -> {
            inCourier.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return rcpts.stream().map(r -> new RecipientOutcome(r.index(), Result.DEFERRED, "451 4.3.0 later",
                    "mx.test")).toList();
        });
        StoredMessage stored = store("a@x.com", "slow@y.com");
        queue.enqueue(stored);
        assertThat(inCourier.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(queue.delete(stored.id(), true)).isTrue();
        assertThat(queue.delete(stored.id(), true)).isFalse();
        release.countDown();
        queue.close(Duration.ofSeconds(5)); // waits for the running attempt to end

        assertThat(queueFiles()).isEmpty(); // no .log recreated by the attempt's late journal write
        assertThat(queue.size()).isZero();
        assertThat(notices).containsExactly("failed slow@y.com 5.0.0"); // the deletion's notice, once
    }

    @Test
    void aDeletionWhoseNoticeCannotBeQueuedLeavesTheMessageAndSaysSo() throws Exception {
        start((route, message, rcpts) -> rcpts.stream().map(r -> new RecipientOutcome(r.index(), Result.DEFERRED,
                "451 4.3.0 later", "mx.test")).toList());
        StoredMessage stored = store("a@x.com", "slow@y.com");
        queue.enqueue(stored);
        Await.until("an attempt journalled", Duration.ofSeconds(10), () -> journal(stored).stream()
                .anyMatch(r -> r.event() == JournalRecord.Event.DEFERRED));
        queue.hold(stored.id(), true);
        noticeFailuresLeft.set(1);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> queue.delete(stored.id(), true))
                .isInstanceOf(IOException.class).hasMessageContaining("not deleted")
                .hasMessageContaining("No space left on device");
        assertThat(queue.entry(stored.id())).isPresent();
        assertThat(queueFiles()).contains(stored.id().value() + ".msg");

        assertThat(queue.delete(stored.id(), true)).isTrue();
        assertThat(notices).containsExactly("not queued", "failed slow@y.com 5.0.0");
    }

    @Test
    void aCourierExceptionIsLoggedWithItsStackTraceAndHoldsTheMessageAfterThreeAttempts() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        Logger logger = (Logger) LoggerFactory.getLogger(DeliveryQueue.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        logger.addAppender(events);
        try {
            start((route, message, rcpts) -> {
                attempts.incrementAndGet();
                throw new IllegalStateException("a bug");
            });
            StoredMessage stored = store("a@x.com", "b@y.com");
            queue.enqueue(stored);
            Await.until("the message held", Duration.ofSeconds(10),
                    () -> queue.entry(stored.id()).map(QueueEntry::held).orElse(false));
            queue.close(Duration.ofSeconds(5));
            assertThat(attempts).hasValue(3);
            assertThat(queue.entry(stored.id())).hasValueSatisfying(e -> {
                assertThat(e.recipients().get(0).state()).isEqualTo("pending");
                assertThat(e.recipients().get(0).lastReply()).contains("a bug");
            });
            assertThat(journal(stored)).extracting(JournalRecord::event).contains(JournalRecord.Event.HOLD);
            assertThat(notices).isEmpty(); // never bounced for twgate's own fault
        } finally {
            logger.detachAppender(events);
        }
        assertThat(events.list).filteredOn(e -> e.getFormattedMessage().contains("event=courier_error"))
                .hasSize(3).allSatisfy(e -> {
                    assertThat(e.getLevel()).isEqualTo(Level.ERROR);
                    assertThat(e.getThrowableProxy()).isNotNull();
                    assertThat(e.getThrowableProxy().getMessage()).isEqualTo("a bug");
                });
        assertThat(events.list).filteredOn(e -> e.getFormattedMessage().contains("event=held"))
                .singleElement().satisfies(e -> assertThat(e.getFormattedMessage()).contains("reason=internal_error"));
    }
}
