package org.twgate.gateway.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.twgate.gateway.deliver.DeliverFixtures.WAIT;
import static org.twgate.gateway.deliver.DeliverFixtures.bytes;
import static org.twgate.gateway.deliver.DeliverFixtures.finalHop;
import static org.twgate.gateway.deliver.DeliverFixtures.messageWith;
import static org.twgate.gateway.deliver.DeliverFixtures.relayHop;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.twgate.testkit.RecordedTransaction;
import org.twgate.testkit.RecordingSmtpServer;

/** What arrives at the next hop: headers transformed as the hop requires, body byte for byte. */
class SmtpContentTest {

    private static final String WITH_STALE_RETURN_PATH = "Return-Path: <forged@evil.example>\r\n"
            + "Received: from qmail by twgate; Sat, 1 Jan 2026 00:00:00 +0000\r\n"
            + "return-path:\r\n <folded@evil.example>\r\n"
            + "Subject: read receipt wanted\r\n"
            + "Disposition-Notification-To: john@company.com\r\n"
            + "\r\n"
            + "Return-Path: <in-the-body@stays.example>\r\n";

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
    void putsExactlyOneReturnPathFirstOnAFinalDelivery() throws Exception {
        transport.deliver(finalHop(server), messageWith(WITH_STALE_RETURN_PATH, "john@company.com", "mary@tw.company.com"));

        String seen = server.awaitMessages(1, WAIT).get(0).text();
        assertThat(seen).isEqualTo("Return-Path: <john@company.com>\r\n"
                + "Received: from qmail by twgate; Sat, 1 Jan 2026 00:00:00 +0000\r\n"
                + "Subject: read receipt wanted\r\n"
                + "Disposition-Notification-To: john@company.com\r\n"
                + "\r\n"
                + "Return-Path: <in-the-body@stays.example>\r\n");
    }

    @Test
    void givesTheNullSenderAnEmptyReturnPath() throws Exception {
        transport.deliver(finalHop(server), messageWith(DeliverFixtures.SIMPLE, "", "mary@tw.company.com"));

        RecordedTransaction seen = server.awaitMessages(1, WAIT).get(0);
        assertThat(seen.mail()).startsWith("MAIL FROM:<> ");
        assertThat(seen.text()).startsWith("Return-Path: <>\r\nFrom: john@tw.company.com\r\n");
    }

    @Test
    void addsNoReturnPathOnARelayHopAndKeepsTheStoredOnes() throws Exception {
        transport.deliver(relayHop(server), messageWith(WITH_STALE_RETURN_PATH, "john@company.com", "x@y.org"));

        assertThat(server.awaitMessages(1, WAIT).get(0).data()).isEqualTo(bytes(WITH_STALE_RETURN_PATH));
    }

    @Test
    void passesTheBodyByteForByteWithDotsAndAVeryLongLine() throws Exception {
        String longLine = "a".repeat(69_998) + "\r\n"; // 70,000 octets with its CRLF
        String body = ".starts with a dot\r\n"
                + ".\r\n"
                + "..two dots\r\n"
                + longLine
                + ".\r\n"
                + "\r\n"
                + " . space then dot\r\n"
                + "8-bit: \u00e9\u00e8\u00ff\r\n"
                + "last line";
        String content = "Subject: dots\r\n\r\n" + body;

        DeliveryResult result = transport.deliver(relayHop(server), messageWith(content, "a@x.org", "b@y.org"));

        assertThat(result.allDelivered()).isTrue();
        RecordedTransaction seen = server.awaitMessages(1, WAIT).get(0);
        assertThat(seen.data()).isEqualTo(bytes(content + "\r\n")); // only the final CRLF is added
        String raw = new String(seen.rawData(), java.nio.charset.StandardCharsets.ISO_8859_1);
        String stuffed = "\r\n..starts with a dot\r\n..\r\n...two dots\r\n" + "a".repeat(69_998) + "\r\n..\r\n";
        assertThat(raw.contains(stuffed)).as("raw DATA is dot-stuffed line by line").isTrue();
    }

    @Test
    void neverLetsStoredBareLineEndsEndTheDataEarly() throws Exception {
        String smuggling = "Subject: smuggle\r\n\r\nbefore\n.\r\nMAIL FROM:<evil@x>\r\nafter\r.\r\nend\r\n";

        DeliveryResult result = transport.deliver(relayHop(server), messageWith(smuggling, "a@x.org", "b@y.org"));

        assertThat(result.allDelivered()).isTrue();
        RecordedTransaction seen = server.awaitMessages(1, WAIT).get(0);
        assertThat(seen.text()).isEqualTo(
                "Subject: smuggle\r\n\r\nbefore\r\n.\r\nMAIL FROM:<evil@x>\r\nafter\r\n.\r\nend\r\n");
        assertThat(server.transactions()).hasSize(1);
        assertThat(server.commands()).filteredOn(c -> c.contains("MAIL")).hasSize(1);
    }

    @Test
    void chainsACallerTransformBeforeTheReturnPath() throws Exception {
        HeaderTransform tagging = (headers, message, hop) -> headers.prepend("X-Rewritten: yes\r\n");

        transport.deliver(finalHop(server), messageWith(DeliverFixtures.SIMPLE, "a@x.org", "b@y.org"),
                tagging.andThen(HeaderTransform.forHop(finalHop(server))));

        assertThat(server.awaitMessages(1, WAIT).get(0).text())
                .startsWith("Return-Path: <a@x.org>\r\nX-Rewritten: yes\r\nFrom: ");
    }
}
