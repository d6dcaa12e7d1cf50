package org.twgate.gateway.deliver;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.twgate.testkit.RecordingSmtpServer;

/** Small builders shared by the deliver tests. */
final class DeliverFixtures {

    static final Duration WAIT = Duration.ofSeconds(10);

    private DeliverFixtures() {
    }

    static SmtpClientConfig config() {
        return SmtpClientConfig.defaults("twgate.test")
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30))
                .withIdleTimeout(Duration.ofSeconds(30))
                .withAcquireTimeout(Duration.ofSeconds(10));
    }

    static SmtpTransport transport() {
        return new SmtpTransport(config(), noMx());
    }

    static MxResolver noMx() {
        return domain -> {
            throw new AssertionError("no MX lookup expected for " + domain);
        };
    }

    static NextHop finalHop(RecordingSmtpServer server) {
        return NextHop.ipLiteral("connector", server.host(), server.port()).asFinalDelivery().withMaxConnections(4);
    }

    static NextHop relayHop(RecordingSmtpServer server) {
        return NextHop.ipLiteral("qmail", server.host(), server.port()).withMaxConnections(4);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static final String SIMPLE = "From: john@tw.company.com\r\nTo: mary@company.com\r\nSubject: hi\r\n\r\nHello.\r\n";

    static OutboundMessage message(String sender, String... recipients) {
        return messageWith(SIMPLE, sender, recipients);
    }

    static OutboundMessage messageWith(String content, String sender, String... recipients) {
        List<OutboundRecipient> list = Arrays.stream(recipients).map(OutboundRecipient::of).toList();
        return OutboundMessage.of("Q1", sender, list, bytes(content));
    }
}
