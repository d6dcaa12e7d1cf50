package org.twgate.gateway.deliver;

import org.twgate.gateway.outcome.DeliveryStatus.Result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twgate.gateway.deliver.DeliverFixtures.WAIT;
import static org.twgate.gateway.deliver.DeliverFixtures.message;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twgate.testkit.Await;
import org.twgate.testkit.RecordingSmtpServer;

/** Connection reuse, the per-hop limit, idle closing and shutdown. */
class SmtpConnectionPoolTest {

    private RecordingSmtpServer server;
    private final CountDownLatch release = new CountDownLatch(1);
    private ExecutorService callers;

    @BeforeEach
    void start() throws IOException {
        server = RecordingSmtpServer.start();
        callers = Executors.newFixedThreadPool(6);
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        callers.shutdownNow();
        assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        server.close();
    }

    private NextHop hop(int maxConnections) {
        return NextHop.ipLiteral("connector", server.host(), server.port()).asFinalDelivery().withMaxConnections(maxConnections);
    }

    @Test
    void carriesTwoMessagesOverOneConnection() throws Exception {
        try (SmtpTransport transport = DeliverFixtures.transport()) {
            assertThat(transport.deliver(hop(2), message("a@x.org", "b@y.org")).allDelivered()).isTrue();
            assertThat(transport.deliver(hop(2), message("a@x.org", "c@y.org")).allDelivered()).isTrue();
        }

        assertThat(server.connectionCount()).isEqualTo(1);
        assertThat(server.commands()).filteredOn(c -> c.contains("EHLO")).hasSize(1);
        assertThat(server.commands()).noneMatch(c -> c.endsWith("RSET"));
        Await.until("QUIT on close", WAIT, () -> server.quitCount() == 1);
    }

    @Test
    void aFinishedTransactionLeavesNoDeadlineQueued() throws Exception {
        try (SmtpTransport transport = DeliverFixtures.transport()) {
            for (int i = 0; i < 50; i++) {
                assertThat(transport.deliver(hop(2), message("a@x.org", "b" + i + "@y.org")).allDelivered()).isTrue();
            }
            // Only the idle sweep: a cancelled deadline is dropped, not kept until its time.
            assertThat(transport.timersHeld()).isEqualTo(1);
        }
    }

    @Test
    void resetsBeforeReusingAConnectionWhoseTransactionWasCutShort() throws Exception {
        server.advertise("8BITMIME").onRcpt(address -> address.startsWith("gone") ? "550 5.1.1 unknown" : "250 ok");
        try (SmtpTransport transport = DeliverFixtures.transport()) {
            transport.deliver(hop(1), message("a@x.org", "gone@y.org"));
            assertThat(transport.deliver(hop(1), message("a@x.org", "b@y.org")).allDelivered()).isTrue();
        }

        assertThat(server.connectionCount()).isEqualTo(1);
        assertThat(server.commands()).containsSubsequence("1 RCPT TO:<gone@y.org>", "1 RSET", "1 MAIL FROM:<a@x.org>");
    }

    @Test
    void neverReusesAConnectionThatFailed() throws Exception {
        server.failFirstMessages(1, "421 4.3.2 going down");
        try (SmtpTransport transport = DeliverFixtures.transport()) {
            assertThat(transport.deliver(hop(1), message("a@x.org", "b@y.org")).count(Result.DEFERRED)).isEqualTo(1);
            assertThat(transport.deliver(hop(1), message("a@x.org", "b@y.org")).allDelivered()).isTrue();
        }

        assertThat(server.connectionCount()).isEqualTo(2);
    }

    @Test
    void reconnectsOnceWhenTheIdleConnectionWasDroppedByTheServer() throws Exception {
        try (SmtpTransport transport = DeliverFixtures.transport()) {
            transport.deliver(hop(1), message("a@x.org", "b@y.org"));
            server.dropConnections();
            Await.until("the server side to close", WAIT, () -> server.openConnections() == 0);

            DeliveryResult second = transport.deliver(hop(1), message("a@x.org", "c@y.org"));

            assertThat(second.allDelivered()).isTrue();
        }
        assertThat(server.connectionCount()).isEqualTo(2);
        assertThat(server.transactions()).hasSize(2);
    }

    @Test
    void opensNoMoreThanMaxConnectionsPerHop() throws Exception {
        java.util.concurrent.atomic.AtomicInteger held = new java.util.concurrent.atomic.AtomicInteger();
        server.onEndOfData(index -> {
            held.incrementAndGet();
            awaitRelease();
            return "250 2.0.0 ok " + index;
        });
        try (SmtpTransport transport = DeliverFixtures.transport()) {
            NextHop hop = hop(2);
            List<Future<DeliveryResult>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String rcpt = "r" + i + "@y.org";
                results.add(callers.submit(() -> transport.deliver(hop, message("a@x.org", rcpt))));
            }
            Await.until("2 messages held at end of data and 4 callers queued", WAIT,
                    () -> held.get() == 2 && transport.waiting(hop) == 4);
            assertThat(server.openConnections()).isEqualTo(2);

            release.countDown();
            for (Future<DeliveryResult> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS).allDelivered()).isTrue();
            }
        }
        assertThat(server.maxOpenConnections()).isEqualTo(2);
        assertThat(server.connectionCount()).isEqualTo(2);
        assertThat(server.transactions()).hasSize(6);
    }

    @Test
    void defersAsBusyWhenNoConnectionFreesInTime() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        server.onEndOfData(index -> {
            arrived.countDown();
            awaitRelease();
            return "250 ok";
        });
        SmtpClientConfig config = DeliverFixtures.config().withAcquireTimeout(Duration.ofMillis(200));
        try (SmtpTransport transport = new SmtpTransport(config, DeliverFixtures.noMx())) {
            NextHop hop = hop(1);
            Future<DeliveryResult> first = callers.submit(() -> transport.deliver(hop, message("a@x.org", "b@y.org")));
            assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();

            DeliveryResult second = transport.deliver(hop, message("a@x.org", "c@y.org"));

            assertThat(second.recipients()).singleElement().satisfies(r -> {
                assertThat(r.outcome()).isEqualTo(Result.DEFERRED);
                assertThat(r.diagnostic()).contains("busy");
            });
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS).allDelivered()).isTrue();
        }
    }

    @Test
    void abortsATransactionThatOverrunsItsDeadline() throws Exception {
        server.onEndOfData(index -> {
            awaitRelease();
            return "250 ok";
        });
        SmtpClientConfig config = DeliverFixtures.config()
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofMillis(300));
        try (SmtpTransport transport = new SmtpTransport(config, DeliverFixtures.noMx())) {
            DeliveryResult result = transport.deliver(hop(1), message("a@x.org", "b@y.org"));

            assertThat(result.recipients()).singleElement().satisfies(r -> {
                assertThat(r.outcome()).isEqualTo(Result.DEFERRED);
                assertThat(r.diagnostic()).contains("end of data");
            });
            assertThat(transport.idle(hop(1))).isZero();
        }
    }

    @Test
    void closesIdleConnectionsWithQuitAfterTheIdleTime() throws Exception {
        SmtpClientConfig config = DeliverFixtures.config().withIdleTimeout(Duration.ofMillis(100));
        try (SmtpTransport transport = new SmtpTransport(config, DeliverFixtures.noMx())) {
            transport.deliver(hop(1), message("a@x.org", "b@y.org"));

            Await.until("the reaper to QUIT the idle connection", WAIT, () -> server.quitCount() == 1);
            assertThat(transport.idle(hop(1))).isZero();
        }
    }

    /** One hop per MX domain, and routes retired by a reload: the pool must not only grow. */
    @Test
    void forgetsAHopOnceItHasNoSessionAndNoSlotTakenAndStillServesItAfterwards() throws Exception {
        SmtpClientConfig config = DeliverFixtures.config().withIdleTimeout(Duration.ofMillis(100));
        try (SmtpTransport transport = new SmtpTransport(config, DeliverFixtures.noMx())) {
            transport.deliver(hop(1), message("a@x.org", "b@y.org"));
            assertThat(transport.hopsHeld()).isEqualTo(1);

            Await.until("the unused hop to be forgotten", WAIT, () -> transport.hopsHeld() == 0);
            Await.until("its idle session closed with QUIT", WAIT, () -> server.quitCount() == 1);

            DeliveryResult again = transport.deliver(hop(1), message("c@x.org", "d@y.org"));
            assertThat(again.recipients()).allMatch(r -> r.outcome() == Result.DELIVERED);
        }
    }

    @Test
    void leavesNoThreadBehindWhenClosed() throws Exception {
        SmtpTransport transport = DeliverFixtures.transport();
        transport.deliver(hop(1), message("a@x.org", "b@y.org"));
        assertThat(reaperThreads()).isNotEmpty();

        transport.close();

        assertThat(reaperThreads()).isEmpty();
        Await.until("QUIT on close", WAIT, () -> server.quitCount() == 1);
    }

    private static List<Thread> reaperThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("twgate-smtp-") && t.isAlive()).toList();
    }

    private void awaitRelease() {
        try {
            if (!release.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("test never released the server");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
