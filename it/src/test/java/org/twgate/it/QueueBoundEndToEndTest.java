package org.twgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.gateway.queue.QueueEntry;
import org.twgate.testkit.Await;
import org.twgate.testkit.Closeables;
import org.twgate.testkit.RecordingSmtpServer;
import org.twgate.testkit.SmtpTranscript;

/**
 * spool.max_queued_messages against a live gateway whose connector answers 451: at the bound MAIL
 * gets 452 4.3.1 (qmail keeps the mail), notices are still queued, and intake resumes once the
 * queue drains; a spool holding more than the bound is recovered whole and intake waits for it.
 */
class QueueBoundEndToEndTest {
    @TempDir
    Path dir;
    RecordingSmtpServer connector;
    GatewayFixture twgate;
    volatile boolean connectorDown = true;

    @BeforeEach
    void startConnector() throws Exception {
        connector = RecordingSmtpServer.start();
        connector.onEndOfData(i -> connectorDown ? "451 4.3.0 connector busy" : "250 2.0.0 ok " + i);
    }

    @AfterEach
    void stop() throws Exception {
        Closeables.closeAll(twgate, connector);
    }

    private GatewayFixture gateway(int bound) throws Exception {
        return new GatewayFixture(dir, String.join("\n",
                "  - smtproutes: \":[127.0.0.1]:" + connector.port() + "\"", "    name: connector", "    final: true"),
                "", "1h", "  max_queued_messages: " + bound);
    }

    private void queueDeferred(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            assertThat(twgate.send("john@company.com", "r" + i + "@tw.company.com", "Subject: q" + i + "\r\n\r\nx\r\n"))
                    .startsWith("250");
        }
        Await.until(n + " deferred", Duration.ofSeconds(10), () -> twgate.gateway.queue().list().stream()
                .filter(e -> e.attempts() > 0).count() == n);
    }

    /** The reply to MAIL FROM in a fresh session. */
    private String mailReply() throws IOException {
        try (SmtpTranscript t = new SmtpTranscript(twgate.smtp())) {
            t.expect("220");
            t.send("HELO qmail.company.com\r\n").expect("250");
            String reply = t.send("MAIL FROM:<john@company.com>\r\n").reply();
            t.send("QUIT\r\n").expect("221");
            return reply;
        }
    }

    private void drain() throws Exception {
        connectorDown = false;
        twgate.gateway.queue().retryNow(null);
        Await.until("the queue drained", Duration.ofSeconds(20), () -> twgate.gateway.queue().size() == 0);
    }

    @Test
    void atTheBoundMailIsDeferredNoticesStillQueueAndIntakeResumesWhenDrained() throws Exception {
        twgate = gateway(3);
        queueDeferred(3);
        assertThat(mailReply()).startsWith("452 4.3.1");

        // A notice made by twgate itself while the queue is at the bound: queued, not refused.
        QueueEntry first = twgate.gateway.queue().list().get(0);
        assertThat(twgate.gateway.queue().delete(first.id(), true)).isTrue();
        Await.until("the failure notice queued", Duration.ofSeconds(10), () -> twgate.gateway.queue().list().stream()
                .anyMatch(e -> e.sender().isEmpty()));
        assertThat(twgate.gateway.queue().size()).isEqualTo(3);
        assertThat(mailReply()).startsWith("452 4.3.1");

        drain();
        assertThat(connector.transactions()).anyMatch(t -> t.mail().startsWith("MAIL FROM:<>") && t.endReply().startsWith("250"));
        assertThat(mailReply()).startsWith("250");
        assertThat(twgate.send("john@company.com", "again@tw.company.com", "Subject: again\r\n\r\nx\r\n")).startsWith("250");
    }

    @Test
    void aSpoolOverTheBoundIsRecoveredWholeAndIntakeWaitsForItToDrain() throws Exception {
        twgate = gateway(5);
        queueDeferred(5);
        twgate.close();
        twgate = null;

        twgate = gateway(3);
        assertThat(twgate.gateway.queue().size()).isEqualTo(5);
        assertThat(mailReply()).startsWith("452 4.3.1");

        drain();
        assertThat(connector.transactions().stream().filter(t -> t.endReply().startsWith("250")).count()).isEqualTo(5);
        assertThat(mailReply()).startsWith("250");
    }
}
