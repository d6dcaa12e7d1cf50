package org.twgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.testkit.RecordingSmtpServer;
import org.twgate.testkit.SmtpTranscript;

/** What the connector would refuse (mode=list) is refused at RCPT, naming the rule, before any delivery. */
class ConnectorAcceptanceTest {
    @TempDir
    Path dir;

    @Test
    void refusesAtRcptWhatTheConnectorWouldRefuseLater() throws Exception {
        try (RecordingSmtpServer connector = RecordingSmtpServer.start();
             GatewayFixture twgate = new GatewayFixture(dir, String.join("\n",
                     "  - smtproutes: \":[127.0.0.1]:" + connector.port() + "\"", "    final: true"),
                     String.join("\n", "teamware:", "  mode: list", "  allow: [tw.company.com]"));
             SmtpTranscript t = new SmtpTranscript(twgate.smtp())) {
            t.expect("220");
            t.send("HELO qmail.company.com\r\n").expect("250");
            t.send("MAIL FROM:<a@company.com>\r\n").expect("250");
            assertThat(t.send("RCPT TO:<x@stranger.example>\r\n").reply())
                    .isEqualTo("550 5.7.1 <x@stranger.example>: not accepted by the connector (mode=list)\n");
            t.send("RCPT TO:<john@tw.company.com>\r\n").expect("250 2.1.5");
        }
    }
}
