package org.twgate.gateway.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.gateway.notify.LocalSubmission;
import org.twgate.gateway.notify.DsnCounters;
import org.twgate.gateway.notify.DsnNotifier;
import org.twgate.gateway.outcome.DeliveryStatus.Result;
import org.twgate.gateway.spool.Envelope;
import org.twgate.gateway.spool.EnvelopeRecipient;
import org.twgate.gateway.spool.IncomingMessage;
import org.twgate.gateway.spool.JournalRecord;
import org.twgate.gateway.spool.QueueId;
import org.twgate.gateway.spool.Spool;
import org.twgate.gateway.spool.StoredMessage;

class DeliveryQueueTest {
    @TempDir
    Path dir;
    Spool spool;
    DeliveryQueue queue;
    final List<String> attempts = new CopyOnWriteArrayList<>();

    /** A courier scripted per recipient address: the n-th attempt for it answers script[n]. */
    final class ScriptedCourier implements Courier.Leg {
        final java.util.Map<String, List<Result>> script = new java.util.concurrent.ConcurrentHashMap<>();
        /** When set, the next attempt waits here (after telling {@link #inAttempt}) until it is opened. */
        volatile java.util.concurrent.CountDownLatch gate;
        final java.util.concurrent.Semaphore inAttempt = new java.util.concurrent.Semaphore(0);

        @Override
        public List<RecipientOutcome> deliver(String route, StoredMessage message, List<EnvelopeRecipient> rcpts) {
            java.util.concurrent.CountDownLatch g = gate;
            if (g != null) {
                gate = null;
                inAttempt.release();
                try {
                    g.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            List<RecipientOutcome> out = new ArrayList<>();
            for (EnvelopeRecipient r : rcpts) {
                attempts.add((message.envelope().sender().isEmpty() ? "<>" : message.envelope().sender()) + "->" + r.address());
                List<Result> plan = script.getOrDefault(r.address(), List.of(Result.DELIVERED));
                long done = attempts.stream().filter(a -> a.endsWith("->" + r.address())).count() - 1;
                Result result = plan.get((int) Math.min(done, plan.size() - 1));
                out.add(new RecipientOutcome(r.index(), result, result == Result.DELIVERED ? "250 ok" : result == Result.DEFERRED
                        ? "451 4.3.0 try later" : "550 5.1.1 no such user", "mx.test"));
            }
            return out;
        }
    }

    final ScriptedCourier courier = new ScriptedCourier();

    void start(Duration lifetime) throws IOException {
        start(lifetime, Duration.ofMillis(20));
    }

    void start(Duration lifetime, Duration firstRetry) throws IOException {
        spool = Spool.open(dir, 2);
        DeliveryQueue[] self = new DeliveryQueue[1];
        LocalSubmission submission = new LocalSubmission(spool, m -> self[0].enqueue(m), Clock.systemUTC());
        queue = new DeliveryQueue(spool, address -> "default", courier,
                new DsnNotifier("gw.test", spool, submission, Clock.systemUTC(), lifetime, route -> 0, new DsnCounters()),
                new RetrySchedule(firstRetry, firstRetry.multipliedBy(5), lifetime, Duration.ofHours(4)),
                Clock.systemUTC(), 2, QueueListener.NONE);
        self[0] = queue;
    }

    @AfterEach
    void stop() {
        if (queue != null) {
            queue.close(Duration.ofSeconds(2));
        }
        if (spool != null) {
            spool.close();
        }
    }

    StoredMessage store(String sender, String... rcpts) throws Exception {
        return storeAt(Instant.now(), sender, rcpts);
    }

    StoredMessage storeAt(Instant arrival, String sender, String... rcpts) throws Exception {
        List<EnvelopeRecipient> list = new ArrayList<>();
        for (String r : rcpts) {
            list.add(new EnvelopeRecipient(list.size(), r, null, null));
        }
        Envelope env = new Envelope(sender, list, null, null, null, false, arrival, "127.0.0.1", "c", "ESMTP");
        IncomingMessage in = spool.receive(QueueId.next(System.currentTimeMillis()), env, new byte[0]);
        in.write(Unpooled.copiedBuffer("Subject: t\r\n\r\nbody\r\n", StandardCharsets.US_ASCII));
        return in.commit().get();
    }

    static void await(BooleanSupplier condition) {
        org.twgate.testkit.Await.until("the queue to reach the expected state", Duration.ofSeconds(10), condition);
    }

    /** No message and no journal left in queue/. */
    boolean queueDirEmpty() {
        try {
            return QueuedFiles.of(spool).isEmpty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A retry asked for (by {@code twgate queue retry} or a reload that changed the routes) while
     * an attempt runs is not lost: the attempt's deferral would otherwise set the next attempt an
     * hour out and the retry's own attempt found the message busy.
     */
    @Test
    void aRetryAskedForDuringAnAttemptRunsWhenTheAttemptEndsNotAtTheNextBackoff() throws Exception {
        start(Duration.ofDays(1), Duration.ofHours(1));
        courier.script.put("slow@y.com", List.of(Result.DEFERRED, Result.DELIVERED));
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        courier.gate = gate;
        StoredMessage stored = store("a@x.com", "slow@y.com");
        queue.enqueue(stored);
        assertThat(courier.inAttempt.tryAcquire(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        assertThat(queue.retryNow(stored.id())).isEqualTo(1);
        gate.countDown();

        await(() -> queue.size() == 0);
        assertThat(attempts).containsExactly("a@x.com->slow@y.com", "a@x.com->slow@y.com");
    }

    @Test
    void removesMessageOnceEveryRecipientIsDelivered() throws Exception {
        start(Duration.ofDays(1));
        queue.enqueue(store("a@x.com", "b@y.com", "c@y.com"));
        await(() -> queue.size() == 0);
        assertThat(attempts).containsExactlyInAnyOrder("a@x.com->b@y.com", "a@x.com->c@y.com");
        assertThat(queueDirEmpty()).isTrue();
    }

    @Test
    void retriesDeferredRecipientOnlyUntilDelivered() throws Exception {
        start(Duration.ofDays(1));
        courier.script.put("slow@y.com", List.of(Result.DEFERRED, Result.DEFERRED, Result.DELIVERED));
        queue.enqueue(store("a@x.com", "fast@y.com", "slow@y.com"));
        await(() -> queue.size() == 0);
        assertThat(attempts).containsExactly("a@x.com->fast@y.com", "a@x.com->slow@y.com",
                "a@x.com->slow@y.com", "a@x.com->slow@y.com");
        assertThat(queueDirEmpty()).as("the journal of the deferrals goes with the message").isTrue();
    }

    @Test
    void permanentFailureSendsOneNoticeToTheSender() throws Exception {
        start(Duration.ofDays(1));
        courier.script.put("gone@y.com", List.of(Result.FAILED));
        queue.enqueue(store("a@x.com", "gone@y.com"));
        await(() -> attempts.contains("<>->a@x.com") && queue.size() == 0);
        assertThat(attempts).containsExactly("a@x.com->gone@y.com", "<>->a@x.com");
    }

    @Test
    void neverNotifiesAboutANullSenderMessage() throws Exception {
        start(Duration.ofDays(1));
        courier.script.put("gone@y.com", List.of(Result.FAILED));
        queue.enqueue(store("", "gone@y.com"));
        await(() -> queue.size() == 0);
        assertThat(attempts).containsExactly("<>->gone@y.com");
    }

    @Test
    void failsAndNotifiesWhenLifetimeRunsOut() throws Exception {
        // A lifetime of several retry periods: on a loaded machine the first attempt alone may
        // come 150 ms after arrival, and then nothing would be retried before the expiry.
        start(Duration.ofMillis(1000));
        courier.script.put("down@y.com", List.of(Result.DEFERRED));
        queue.enqueue(store("a@x.com", "down@y.com"));
        await(() -> attempts.contains("<>->a@x.com") && queue.size() == 0);
        assertThat(attempts.stream().filter(a -> a.equals("a@x.com->down@y.com")).count()).isGreaterThan(1);
    }

    @Test
    void restartResumesWithoutRedeliveringFinishedRecipients() throws Exception {
        start(Duration.ofDays(1));
        StoredMessage stored = store("a@x.com", "done@y.com", "left@y.com");
        spool.append(stored.id(), List.of(JournalRecord.forRecipient(Instant.now(), JournalRecord.Event.DELIVERED, 0,
                "default", null, "250 ok")));
        assertThat(queue.recover()).isEqualTo(1);
        await(() -> queue.size() == 0);
        assertThat(attempts).containsExactly("a@x.com->left@y.com");
    }

    @Test
    void snapshotShowsWhatWaitsPerRouteAndTheOldestDeferredFromMemoryAlone() throws Exception {
        start(Duration.ofDays(1));
        courier.script.put("busy@y.com", List.of(Result.DEFERRED));
        StoredMessage stored = store("a@x.com", "busy@y.com", "ok@y.com");
        queue.enqueue(stored);
        await(() -> queue.snapshot(5).oldestDeferred().size() == 1);
        assertThat(queue.hold(stored.id(), true)).isTrue();
        // Everything the snapshot shows is in memory: with the spool files gone it still shows it.
        try (var files = Files.list(spool.queueDir())) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }

        QueueSnapshot s = queue.snapshot(5);

        assertThat(s.waiting()).isEqualTo(new QueueSnapshot.Counts(1, 1));
        assertThat(s.held()).isEqualTo(new QueueSnapshot.Counts(1, 1));
        assertThat(s.oldestArrival()).contains(stored.envelope().arrival());
        assertThat(s.routes()).containsOnlyKeys("default");
        assertThat(s.routes().get("default")).isEqualTo(new QueueSnapshot.RouteQueue(1, 1, 1,
                java.util.Optional.of(stored.envelope().arrival())));
        QueueSnapshot.Deferred d = s.oldestDeferred().get(0);
        assertThat(d.id()).isEqualTo(stored.id());
        assertThat(d.sender()).isEqualTo("a@x.com");
        assertThat(d.recipient()).isEqualTo("busy@y.com");
        assertThat(d.route()).isEqualTo("default");
        assertThat(d.lastReply()).isEqualTo("451 4.3.0 try later");
        assertThat(d.held()).isTrue();
        assertThat(d.attempts()).isPositive();
    }

    @Test
    void snapshotKeepsTheOldestDeferredAndTakesTheRouteOfARecoveredRecipientFromItsJournal() throws Exception {
        start(Duration.ofDays(1));
        Instant later = Instant.now().plus(Duration.ofHours(1));
        List<StoredMessage> stored = new ArrayList<>();
        Instant first = Instant.now().minus(Duration.ofMinutes(10));
        for (int i = 0; i < 4; i++) {
            StoredMessage m = storeAt(first.plusSeconds(i), "s" + i + "@x.com", "r" + i + "@y.com");
            spool.append(m.id(), List.of(JournalRecord.forRecipient(Instant.now(), JournalRecord.Event.DEFERRED, 0,
                    "connector", later, "451 4.4.1 from the journal " + i)));
            stored.add(m);
        }
        assertThat(queue.recover()).isEqualTo(4);

        QueueSnapshot s = queue.snapshot(2);

        assertThat(s.waiting()).isEqualTo(new QueueSnapshot.Counts(4, 4));
        assertThat(s.oldestDeferred()).extracting(QueueSnapshot.Deferred::recipient).containsExactly("r0@y.com", "r1@y.com");
        assertThat(s.oldestDeferred().get(0).route()).isEqualTo("connector");
        assertThat(s.oldestDeferred().get(0).nextAttempt()).isEqualTo(later);
        assertThat(s.routes()).containsOnlyKeys("connector");
        assertThat(s.routes().get("connector").recipients()).isEqualTo(4);
    }

    /** An upgrade must not lose queued mail: a journal in the previous version's format, as it wrote it. */
    @Test
    void aSpoolWrittenByThePreviousVersionIsRecoveredAndFinished() throws Exception {
        start(Duration.ofDays(1));
        StoredMessage stored = store("a@x.com", "done@y.com", "gone@y.com", "left@y.com");
        Files.writeString(spool.queueDir().resolve(stored.id().value() + ".log"), String.join("\n",
                "2026-12-01T10:00:01Z delivered rcpt=0 route=default reply=mx.test said in reply to end of data: 250 ok",
                "2026-12-01T10:00:01Z failed rcpt=1 route=default reply=mx.test said in reply to RCPT TO:<gone@y.com>:"
                        + " 550 5.1.1 no such user",
                "2026-12-01T10:00:01Z notified rcpt=1",
                "2026-12-01T10:00:01Z deferred rcpt=2 route=default next=2026-12-01T10:01:01Z reply=mx.test said"
                        + " in reply to end of data: 451 4.3.0 try later",
                ""));
        assertThat(queue.recover()).isEqualTo(1);
        await(() -> queue.size() == 0);
        assertThat(attempts).containsExactly("a@x.com->left@y.com"); // no redelivery, no second notice
        assertThat(queueDirEmpty()).isTrue();
    }
}
