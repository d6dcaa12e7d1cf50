package org.twgate.gateway.deliver;

import org.twgate.gateway.outcome.DeliveryStatus.Result;

import org.twgate.dsn.status.EnhancedStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twgate.gateway.deliver.DeliverFixtures.WAIT;
import static org.twgate.gateway.deliver.DeliverFixtures.finalHop;
import static org.twgate.gateway.deliver.DeliverFixtures.message;
import static org.twgate.gateway.deliver.DeliverFixtures.relayHop;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twgate.testkit.RecordedTransaction;
import org.twgate.testkit.RecordingSmtpServer;

/** Transcript tests: what the client says, and what it makes of each reply. */
class SmtpDialogueTest {

    private RecordingSmtpServer server;
    private SmtpTransport transport;

    @BeforeEach
    void start() throws IOException {
        server = RecordingSmtpServer.start();
        transport = DeliverFixtures.transport();
    }

    @AfterEach
    void stop() throws IOException {
        transport.close();
        server.close();
    }

    @Test
    void pipelinesMailRcptsAndDataInOneWriteWhenOffered() throws Exception {
        DeliveryResult result = transport.deliver(relayHop(server), message("a@x.org", "b@y.org", "c@y.org"));

        assertThat(result.allDelivered()).isTrue();
        assertThat(server.readBatches()).contains(
                List.of("MAIL FROM:<a@x.org> SIZE=" + DeliverFixtures.SIMPLE.length(), "RCPT TO:<b@y.org>",
                        "RCPT TO:<c@y.org>", "DATA"));
    }

    @Test
    void stepsInLockStepWithoutPipelining() throws Exception {
        server.advertise("8BITMIME");

        DeliveryResult result = transport.deliver(relayHop(server), message("a@x.org", "b@y.org", "c@y.org"));

        assertThat(result.allDelivered()).isTrue();
        assertThat(server.readBatches()).contains(List.of("MAIL FROM:<a@x.org>"), List.of("RCPT TO:<b@y.org>"),
                List.of("RCPT TO:<c@y.org>"), List.of("DATA"));
        assertThat(server.readBatches()).allSatisfy(batch -> assertThat(batch).hasSize(1));
    }

    @Test
    void fallsBackToHeloWhenEhloIsRefused() throws Exception {
        server.heloOnly();

        DeliveryResult result = transport.deliver(relayHop(server), message("a@x.org", "b@y.org"));

        assertThat(result.allDelivered()).isTrue();
        RecordedTransaction seen = server.awaitMessages(1, WAIT).get(0);
        assertThat(seen.greeting()).isEqualTo("HELO twgate.test");
        assertThat(seen.mail()).isEqualTo("MAIL FROM:<a@x.org>");
    }

    @Test
    void defersWhenHeloIsRefusedToo() throws Exception {
        // The fixture always accepts HELO: a bare socket plays a server refusing both.
        try (ServerSocket raw = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread peer = new Thread(() -> {
                try (var s = raw.accept(); var out = s.getOutputStream(); var in = s.getInputStream()) {
                    out.write("220 old\r\n".getBytes());
                    var lines = new java.io.BufferedReader(new java.io.InputStreamReader(in));
                    lines.readLine();
                    out.write("500 what\r\n".getBytes());
                    lines.readLine();
                    out.write("554 5.7.1 go away\r\n".getBytes());
                    lines.readLine();
                } catch (IOException ignored) {
                    // the test sees the outcome
                }
            });
            peer.start();
            NextHop hop = NextHop.ipLiteral("old", "127.0.0.1", raw.getLocalPort()).withMaxConnections(1);

            DeliveryResult result = transport.deliver(hop, message("a@x.org", "b@y.org"));

            peer.join(WAIT.toMillis());
            assertThat(result.recipients()).singleElement().satisfies(r -> {
                assertThat(r.outcome()).isEqualTo(Result.DEFERRED);
                assertThat(r.reply().code()).isEqualTo(554);
                assertThat(r.diagnostic()).contains("HELO").contains("554 5.7.1 go away");
            });
        }
    }

    @Test
    void reportsEachRecipientFromItsOwnRcptReply() throws Exception {
        server.onRcpt(address -> switch (address) {
            case "gone@y.org" -> "550 5.1.1 no such user";
            case "full@y.org" -> "452 4.2.2 mailbox full";
            default -> "250 2.1.5 ok";
        });

        DeliveryResult result = transport.deliver(relayHop(server),
                message("a@x.org", "ok@y.org", "gone@y.org", "full@y.org"));

        assertThat(result.of("ok@y.org").outcome()).isEqualTo(Result.DELIVERED);
        assertThat(result.of("gone@y.org").outcome()).isEqualTo(Result.FAILED);
        assertThat(result.of("gone@y.org").reply().status()).isEqualTo(new EnhancedStatus(5, 1, 1));
        assertThat(result.of("gone@y.org").diagnostic()).contains("RCPT TO:<gone@y.org>").contains("no such user");
        assertThat(result.of("full@y.org").outcome()).isEqualTo(Result.DEFERRED);
        assertThat(server.awaitMessages(1, WAIT).get(0).rcpts()).hasSize(3);
    }

    @Test
    void sendsNoContentWhenEveryRecipientIsRefusedInLockStep() throws Exception {
        server.advertise().onRcpt(address -> "550 5.1.1 unknown");

        DeliveryResult result = transport.deliver(relayHop(server), message("a@x.org", "b@y.org", "c@y.org"));

        assertThat(result.count(Result.FAILED)).isEqualTo(2);
        assertThat(server.commands()).noneMatch(c -> c.endsWith("DATA"));
        assertThat(server.transactions()).isEmpty();
    }

    @Test
    void endsDataWithDotAndResetsWhenServerSays354ThoughNoRecipientWasAccepted() throws Exception {
        server.onRcpt(address -> "550 5.1.1 unknown").onData(accepted -> "354 go on anyway");

        DeliveryResult first = transport.deliver(relayHop(server), message("a@x.org", "b@y.org"));
        server.onRcpt(address -> "250 ok");
        DeliveryResult second = transport.deliver(relayHop(server), message("a@x.org", "c@y.org"));

        assertThat(first.recipients()).singleElement().extracting(RecipientResult::outcome).isEqualTo(Result.FAILED);
        assertThat(second.allDelivered()).isTrue();
        List<RecordedTransaction> seen = server.awaitMessages(2, WAIT);
        assertThat(seen.get(0).rawData()).isEmpty();
        assertThat(server.commands()).containsSubsequence("1 DATA", "1 RSET", "1 MAIL FROM:<a@x.org> SIZE=72");
    }

    @Test
    void defersOn451AfterDataAndFailsOn550() throws Exception {
        server.onEndOfData(index -> index == 0 ? "451 4.3.0 try again later" : "554 5.6.0 content rejected");

        DeliveryResult soft = transport.deliver(relayHop(server), message("a@x.org", "b@y.org", "c@y.org"));
        DeliveryResult hard = transport.deliver(relayHop(server), message("a@x.org", "b@y.org"));

        assertThat(soft.recipients()).extracting(RecipientResult::outcome).containsOnly(Result.DEFERRED);
        assertThat(soft.recipients().get(0).reply().code()).isEqualTo(451);
        assertThat(hard.recipients()).extracting(RecipientResult::outcome).containsOnly(Result.FAILED);
        assertThat(hard.recipients().get(0).diagnostic()).contains("end of data").contains("content rejected");
    }

    @Test
    void failsEveryoneWhenMailIsRefusedPermanently() throws Exception {
        server.onMail(line -> "553 5.1.8 sender domain does not exist");

        DeliveryResult result = transport.deliver(relayHop(server), message("a@nowhere", "b@y.org", "c@y.org"));

        assertThat(result.recipients()).extracting(RecipientResult::outcome).containsOnly(Result.FAILED);
        assertThat(result.recipients().get(0).diagnostic()).contains("MAIL FROM").contains("553 5.1.8");
        assertThat(server.transactions()).isEmpty();
    }

    @Test
    void defersEveryoneStillOpenWhenServerSays421MidSession() throws Exception {
        server.advertise("8BITMIME").onRcpt(address -> switch (address) {
            case "b@y.org" -> "550 5.1.1 unknown";
            case "c@y.org" -> "421 4.3.2 shutting down";
            default -> "250 ok";
        });

        DeliveryResult result = transport.deliver(relayHop(server),
                message("a@x.org", "a1@y.org", "b@y.org", "c@y.org", "d@y.org"));

        assertThat(result.of("a1@y.org").outcome()).isEqualTo(Result.DEFERRED);
        assertThat(result.of("b@y.org").outcome()).isEqualTo(Result.FAILED);
        assertThat(result.of("c@y.org").outcome()).isEqualTo(Result.DEFERRED);
        assertThat(result.of("d@y.org").outcome()).isEqualTo(Result.DEFERRED);
        assertThat(result.of("d@y.org").reply().code()).isEqualTo(421);
        assertThat(transport.idle(relayHop(server))).isZero();
    }

    @Test
    void defersWhenServerClosesMidData() throws Exception {
        server.closeAfterDataOctets(10);
        String big = DeliverFixtures.SIMPLE + "x".repeat(200_000) + "\r\n";

        DeliveryResult result = transport.deliver(relayHop(server), DeliverFixtures.messageWith(big, "a@x.org", "b@y.org"));

        assertThat(result.recipients()).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Result.DEFERRED);
            assertThat(r.reply()).isNull();
            assertThat(r.diagnostic()).contains("failed at");
        });
        assertThat(transport.idle(relayHop(server))).isZero();
    }

    @Test
    void defersWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        NextHop hop = NextHop.ipLiteral("down", "127.0.0.1", port).asFinalDelivery().withMaxConnections(1);

        DeliveryResult result = transport.deliver(hop, message("a@x.org", "b@y.org"));

        assertThat(result.recipients()).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Result.DEFERRED);
            assertThat(r.remoteMta()).isNull();
            assertThat(r.diagnostic()).contains("cannot connect").contains(String.valueOf(port));
        });
    }

    @Test
    void passesDsnParametersWhenTheServerAdvertisesDsn() throws Exception {
        transport.deliver(finalHop(server), dsnMessage());

        RecordedTransaction seen = server.awaitMessages(1, WAIT).get(0);
        assertThat(seen.mail()).endsWith(" RET=HDRS ENVID=Q1+2Bx");
        assertThat(seen.rcpts()).containsExactly("RCPT TO:<b@y.org> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;B@company.com",
                "RCPT TO:<c@y.org>");
    }

    @Test
    void dropsDsnParametersWhenTheServerDoesNotAdvertiseDsn() throws Exception {
        server.advertise("PIPELINING", "8BITMIME");

        transport.deliver(finalHop(server), dsnMessage());

        RecordedTransaction seen = server.awaitMessages(1, WAIT).get(0);
        assertThat(seen.mail()).isEqualTo("MAIL FROM:<a@x.org> BODY=8BITMIME");
        assertThat(seen.rcpts()).containsExactly("RCPT TO:<b@y.org>", "RCPT TO:<c@y.org>");
    }

    @Test
    void refusesLocallyAMessageLargerThanTheAdvertisedSize() throws Exception {
        server.advertise("SIZE 10");

        DeliveryResult result = transport.deliver(relayHop(server), message("a@x.org", "b@y.org"));

        assertThat(result.recipients()).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Result.FAILED);
            assertThat(r.diagnostic()).startsWith("5.3.4").contains("SIZE 10");
        });
        assertThat(server.commands()).noneMatch(c -> c.contains("MAIL"));
    }

    private static OutboundMessage dsnMessage() {
        byte[] content = DeliverFixtures.bytes(DeliverFixtures.SIMPLE);
        return new OutboundMessage("Q1", "a@x.org",
                List.of(new OutboundRecipient("b@y.org", "SUCCESS,FAILURE", "rfc822;B@company.com"),
                        OutboundRecipient.of("c@y.org")),
                "HDRS", "Q1+2Bx", true, false, content.length, MessageContent.ofBytes(content));
    }
}
