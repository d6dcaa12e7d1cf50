package org.twgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.testkit.Await;
import org.twgate.testkit.Closeables;
import org.twgate.testkit.RecordedTransaction;
import org.twgate.testkit.RecordingSmtpServer;

/** A recipient the route's rule set cannot rewrite fails at once; the others are delivered. */
class RewriteFailureEndToEndTest {
    @TempDir
    Path dir;
    RecordingSmtpServer connector;
    GatewayFixture twgate;

    @AfterEach
    void stop() throws Exception {
        Closeables.closeAll(twgate, connector);
    }

    @Test
    void unrewritableRecipientFailsWith553NamingTheRuleAndTheSenderIsTold() throws Exception {
        connector = RecordingSmtpServer.start();
        twgate = new GatewayFixture(dir, String.join("\n",
                "  - smtproutes: \":[127.0.0.1]:" + connector.port() + "\"",
                "    name: connector",
                "    final: true",
                "    rewrite: doubled"), String.join("\n",
                "rewrite:",
                "  sets:",
                "    doubled:",
                "      - id: double",
                "        match: {prefix: \"d.\", domain: company.com}",
                "        result: \"$DEFAULT$DEFAULT@tw.company.com\""));
        String longLocal = "d." + "x".repeat(40);
        assertThat(twgate.send("john@company.com", longLocal + "@company.com", "Subject: too long\r\n\r\nx\r\n"))
                .startsWith("250 2.0.0");
        RecordedTransaction notice = connector.awaitMessages(1, Duration.ofSeconds(10)).get(0);
        assertThat(notice.mail()).startsWith("MAIL FROM:<> ");
        assertThat(notice.rcpts()).singleElement().asString().startsWith("RCPT TO:<john@company.com> NOTIFY=NEVER");
        String unfolded = notice.text().replaceAll("\\s+", " "); // report fields are folded
        assertThat(unfolded).contains("Action: failed", "Status: 5.1.3", "<" + longLocal + "@company.com>: rule double ("
                + dir.resolve("twgate.yaml") + ":", "553 5.1.3 cannot rewrite");
        Await.until("queue empty", Duration.ofSeconds(10), () -> twgate.gateway.queue().size() == 0);
        assertThat(connector.transactions()).hasSize(1); // nothing was attempted for the failed recipient
        assertThat(unfolded).contains("local part longer than 64 octets");
    }
}
