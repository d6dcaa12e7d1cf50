package org.twgate.it;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.twgate.testkit.SmtpTranscript;

/**
 * The gateway and the traffic the operations views are checked against (the dashboard in a
 * real Prometheus, the status page in a real browser): one message to each of
 * {@link #RECIPIENTS}, which the connector stand-in relays, relays, defers and refuses by name,
 * then a relay attempt refused at RCPT.
 */
final class MixedTraffic {
    /** Relayed, relayed, deferred (busy@), failed (unknown@): the stand-in answers by local part. */
    static final List<String> RECIPIENTS = List.of("jane@tw.company.com", "joe@tw.company.com",
            "busy@tw.company.com", "unknown@tw.company.com");

    private MixedTraffic() {
    }

    /**
     * A twgate on ephemeral loopback ports (SMTP and metrics) whose one route is the connector at
     * {@code connectorPort}; the client (127.0.0.1) is no relay client, so it may send only to
     * the accepted domains.
     */
    static Path config(Path dir, int connectorPort, String retryInitial, String retryMax) throws Exception {
        Path file = dir.resolve("twgate.yaml");
        Files.writeString(file, String.join("\n",
                "server:",
                "  listen: [\"127.0.0.1:0\"]",
                "  hostname: gw.test",
                "policy:",
                "  relay_clients: [\"::1\"]",
                "  accepted_domains: [tw.company.com, company.com]",
                "spool:",
                "  directory: " + dir.resolve("spool"),
                "  retry_initial: " + retryInitial,
                "  retry_max: " + retryMax,
                "metrics:",
                "  listen: \"127.0.0.1:0\"",
                "routes:",
                "  - smtproutes: \":[127.0.0.1]:" + connectorPort + "\"",
                "    name: connector",
                "    final: true",
                ""));
        return file;
    }

    /** One message from {@code senders.get(i)} to each recipient in turn, then the refused relay attempt. */
    static void send(InetSocketAddress smtp, List<String> senders, String subject) throws Exception {
        for (int i = 0; i < RECIPIENTS.size(); i++) {
            try (SmtpTranscript t = new SmtpTranscript(smtp)) {
                t.expect("220");
                t.send("HELO qmail.company.com\r\n").expect("250");
                t.send("MAIL FROM:<" + senders.get(i) + ">\r\n").expect("250");
                t.send("RCPT TO:<" + RECIPIENTS.get(i) + ">\r\n").expect("250");
                t.send("DATA\r\n").expect("354");
                t.send("Subject: " + subject + "\r\n\r\nbody\r\n.\r\n").expect("250 2.0.0");
                t.send("QUIT\r\n").expect("221");
            }
        }
        try (SmtpTranscript t = new SmtpTranscript(smtp)) {
            t.expect("220");
            t.send("HELO qmail.company.com\r\n").expect("250");
            t.send("MAIL FROM:<john@company.com>\r\n").expect("250");
            t.send("RCPT TO:<someone@internet.example>\r\n").expect("554 5.7.1");
            t.send("QUIT\r\n").expect("221");
        }
    }
}
