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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.gateway.notify.DsnCounters;
import org.twgate.gateway.notify.DsnNotifier;
import org.twgate.gateway.notify.LocalSubmission;
import org.twgate.gateway.spool.Envelope;
import org.twgate.gateway.spool.EnvelopeRecipient;
import org.twgate.gateway.spool.IncomingMessage;
import org.twgate.gateway.spool.QueueId;
import org.twgate.gateway.spool.Spool;

/** A queued message takes the routing in force at each attempt, never a mix of two routings. */
class DeliveryQueueReroutingTest {
    @TempDir
    Path dir;
    Spool spool;
    DeliveryQueue queue;
    /** "courier:route-key" for every courier call. */
    final List<String> calls = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (queue != null) {
            queue.close(Duration.ofSeconds(2));
        }
        if (spool != null) {
            spool.close();
        }
    }

    /** A routing whose courier answers every recipient with {@code result}, noting the route key it was given. */
    private Courier routing(String name, String routeKey, org.twgate.gateway.outcome.DeliveryStatus.Result result) {
        return Courier.of(address -> routeKey, (route, message, rcpts) -> {
            calls.add(name + ":" + route);
            return rcpts.stream().map(r -> new RecipientOutcome(r.index(), result,
                    result == org.twgate.gateway.outcome.DeliveryStatus.Result.DELIVERED ? "250 ok" : "421 4.4.2 down", name)).toList();
        });
    }

    @Test
    void aMessageDeferredOnTheOldRouteIsDeliveredByTheNewRouting() throws Exception {
        spool = Spool.open(dir, 2);
        AtomicReference<Courier> inForce = new AtomicReference<>(routing("old", "connector#1",
                org.twgate.gateway.outcome.DeliveryStatus.Result.DEFERRED));
        DeliveryQueue[] self = new DeliveryQueue[1];
        LocalSubmission submission = new LocalSubmission(spool, m -> self[0].enqueue(m), Clock.systemUTC());
        queue = new DeliveryQueue(spool, inForce::get,
                new DsnNotifier("gw.test", spool, submission, Clock.systemUTC(), Duration.ofDays(1), route -> 0,
                        new DsnCounters()),
                new RetrySchedule(Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofDays(1), Duration.ofHours(4)),
                Clock.systemUTC(), 2, QueueListener.NONE);
        self[0] = queue;

        Envelope env = new Envelope("a@example.org", List.of(new EnvelopeRecipient(0, "john@company.com", null, null)),
                null, null, null, false, Instant.now(), "127.0.0.1", "c", "ESMTP");
        IncomingMessage in = spool.receive(QueueId.next(System.currentTimeMillis()), env, new byte[0]);
        in.write(Unpooled.copiedBuffer("Subject: t\r\n\r\nbody\r\n", StandardCharsets.US_ASCII));
        var stored = in.commit().get();
        queue.enqueue(stored);
        org.twgate.testkit.Await.until("an attempt on the old route", Duration.ofSeconds(10),
                () -> calls.contains("old:connector#1"));

        inForce.set(routing("new", "connector", org.twgate.gateway.outcome.DeliveryStatus.Result.DELIVERED));
        org.twgate.testkit.Await.until("the message delivered and gone", Duration.ofSeconds(10),
                () -> queue.size() == 0);

        // Each courier only ever saw route keys of its own routing table.
        assertThat(calls).allMatch(c -> c.equals("old:connector#1") || c.equals("new:connector"));
        assertThat(calls).last().isEqualTo("new:connector");
    }
}
