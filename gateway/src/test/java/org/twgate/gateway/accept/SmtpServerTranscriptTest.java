package org.twgate.gateway.accept;

import org.twgate.testkit.SmtpTranscript;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.twgate.gateway.spool.StoredMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmtpServerTranscriptTest {
    @TempDir
    Path dir;
    ServerHarness harness;

    @BeforeEach
    void start() throws Exception {
        harness = new ServerHarness(dir, ServerHarness.settings());
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private SmtpTranscript transaction() throws Exception {
        SmtpTranscript t = harness.connect().ehlo();
        t.send("MAIL FROM:<john@company.com>\r\n").expect("250 2.1.0");
        t.send("RCPT TO:<jane@tw.company.com>\r\n").expect("250 2.1.5");
        t.send("DATA\r\n").expect("354");
        return t;
    }

    @Test
    void queuesMessageWithBodyIntactAfterReceivedHeader() throws Exception {
        try (SmtpTranscript t = transaction()) {
            t.send("Subject: hi\r\n\r\nline one\r\n..dotted\r\n.\r\n").expect("250 2.0.0 Ok: queued as ");
        }
        assertThat(harness.onlyMessageContent()).isEqualTo("Subject: hi\r\n\r\nline one\r\n.dotted\r\n");
        assertThat(harness.stored(1).get(0).envelope().sender()).isEqualTo("john@company.com");
    }

    @Test
    void ehloAdvertisesTheExtensionsQmailAndTeamwareUse() throws Exception {
        try (SmtpTranscript t = harness.connect()) {
            String ehlo = t.send("EHLO client.example\r\n").expect("250-gw.test");
            assertThat(ehlo).contains("PIPELINING", "8BITMIME", "ENHANCEDSTATUSCODES", "SIZE 100000", "DSN");
        }
    }

    @Test
    void acceptsPlainHeloAsQmailRemoteSendsIt() throws Exception {
        try (SmtpTranscript t = harness.connect()) {
            t.send("HELO qmail.company.com\r\n").expect("250 gw.test");
            t.send("MAIL FROM:<a@company.com>\r\n").expect("250");
            t.send("RCPT TO:<b@tw.company.com>\r\n").expect("250");
            t.send("DATA\r\n").expect("354");
            t.send("x\r\n.\r\n").expect("250 2.0.0");
            t.send("QUIT\r\n").expect("221");
        }
        assertThat(harness.stored(1).get(0).envelope().protocol()).isEqualTo("SMTP");
    }

    @Test
    void lfDotCrlfDoesNotEndTheMessage() throws Exception {
        try (SmtpTranscript t = transaction()) {
            t.send("Subject: a\r\n\r\nbody\n.\r\nMAIL FROM:<evil@x.com>\r\nRCPT TO:<victim@tw.company.com>\r\n"
                    + "DATA\r\nsmuggled\r\n.\r\n").expect("250 2.0.0");
            t.send("NOOP\r\n").expect("250");
        }
        assertThat(harness.stored(1)).hasSize(1);
        assertThat(harness.onlyMessageContent()).contains("MAIL FROM:<evil@x.com>", "smuggled");
    }

    @Test
    void crlfDotLfDoesNotEndTheMessage() throws Exception {
        try (SmtpTranscript t = transaction()) {
            t.send("Subject: a\r\n\r\nbody\r\n.\nMAIL FROM:<evil@x.com>\r\n.\r\n").expect("250 2.0.0");
        }
        assertThat(harness.stored(1)).hasSize(1);
        assertThat(harness.onlyMessageContent()).isEqualTo("Subject: a\r\n\r\nbody\r\n.\r\nMAIL FROM:<evil@x.com>\r\n");
    }

    @Test
    void dotFollowedByTextIsUnstuffedNotTheEnd() throws Exception {
        try (SmtpTranscript t = transaction()) {
            t.send("Subject: a\r\n\r\n.a\nb\r\n.\r\n").expect("250 2.0.0");
        }
        assertThat(harness.onlyMessageContent()).isEqualTo("Subject: a\r\n\r\na\r\nb\r\n");
    }

    @Test
    void storesASeventyThousandOctetLineIntact() throws Exception {
        String longLine = "x".repeat(70_000);
        try (SmtpTranscript t = transaction()) {
            t.send("Subject: long\r\n\r\n" + longLine + "\r\n.\r\n").expect("250 2.0.0");
        }
        assertThat(harness.onlyMessageContent()).isEqualTo("Subject: long\r\n\r\n" + longLine + "\r\n");
    }

    /** Alone on its event loop, the session's messages are committed on the loop (SmtpFramer). */
    @Test
    void answersPipelinedCommandsAfterDataInOrder() throws Exception {
        try (SmtpTranscript t = harness.connect().ehlo()) {
            t.send("MAIL FROM:<a@company.com>\r\nRCPT TO:<b@tw.company.com>\r\nDATA\r\n");
            t.expect("250 2.1.0");
            t.expect("250 2.1.5");
            t.expect("354");
            t.send("one\r\n.\r\nMAIL FROM:<c@company.com>\r\nRCPT TO:<d@tw.company.com>\r\nDATA\r\n");
            t.expect("250 2.0.0");
            t.expect("250 2.1.0");
            t.expect("250 2.1.5");
            t.expect("354");
            t.send("two\r\n.\r\nQUIT\r\n");
            t.expect("250 2.0.0");
            t.expect("221");
        }
        assertThat(harness.stored(2)).hasSize(2);
    }

    /**
     * A session alone on its event loop has its message synced on the loop itself (the test
     * above), sessions sharing a loop on the spool's I/O thread (SmtpFramer): either way the
     * commands pipelined after "." are answered after the 250, in order, and each 250 names the
     * message that holds that session's content.
     */
    @Test
    void answersPipelinedTransactionsInOrderWhetherOrNotTheSessionSharesItsEventLoop() throws Exception {
        int sessions = 5; // on the harness's two event loops: they share them
        List<SmtpTranscript> clients = new ArrayList<>();
        Map<String, String> contentById = new HashMap<>();
        try {
            for (int i = 0; i < sessions; i++) {
                clients.add(harness.connect().ehlo());
            }
            for (int i = 0; i < sessions; i++) {
                clients.get(i).send("MAIL FROM:<a@company.com>\r\nRCPT TO:<b@tw.company.com>\r\nDATA\r\n");
            }
            for (int i = 0; i < sessions; i++) {
                SmtpTranscript t = clients.get(i);
                t.expect("250 2.1.0");
                t.expect("250 2.1.5");
                t.expect("354");
                t.send("session " + i + " first\r\n.\r\nMAIL FROM:<c@company.com>\r\nRCPT TO:<d@tw.company.com>\r\n"
                        + "DATA\r\n");
            }
            for (int i = 0; i < sessions; i++) {
                SmtpTranscript t = clients.get(i);
                contentById.put(queueId(t.expect("250 2.0.0")), "session " + i + " first\r\n");
                t.expect("250 2.1.0");
                t.expect("250 2.1.5");
                t.expect("354");
                t.send("session " + i + " second\r\n.\r\nNOOP\r\nQUIT\r\n");
            }
            for (int i = 0; i < sessions; i++) {
                SmtpTranscript t = clients.get(i);
                contentById.put(queueId(t.expect("250 2.0.0")), "session " + i + " second\r\n");
                assertThat(t.expect("250")).as("NOOP's reply").doesNotContain("queued");
                t.expect("221");
            }
        } finally {
            for (SmtpTranscript t : clients) {
                t.close();
            }
        }
        Map<String, String> stored = new HashMap<>();
        for (StoredMessage m : harness.stored(2 * sessions)) {
            stored.put(m.id().value(), ServerHarness.content(m));
        }
        assertThat(stored).isEqualTo(contentById);
    }

    private static String queueId(String reply) {
        return reply.substring(reply.lastIndexOf(' ') + 1).strip();
    }

    @Test
    void refusesOverlongCommandLineAndGoesOn() throws Exception {
        try (SmtpTranscript t = harness.connect()) {
            t.send("NOOP " + "a".repeat(600) + "\r\n").expect("500 5.5.2");
            t.send("NOOP\r\n").expect("250");
        }
    }

    @Test
    void refusesUnknownMailAndRcptParameters() throws Exception {
        try (SmtpTranscript t = harness.connect().ehlo()) {
            t.send("MAIL FROM:<a@company.com> FOO=BAR\r\n").expect("555 5.5.4 Unsupported MAIL parameter FOO");
            t.send("MAIL FROM:<a@company.com> SIZE=12x\r\n").expect("501 5.5.4");
            t.send("MAIL FROM:<a@company.com>\r\n").expect("250");
            t.send("RCPT TO:<b@tw.company.com> XYZ\r\n").expect("555 5.5.4 Unsupported RCPT parameter XYZ");
            t.send("RCPT TO:<b@tw.company.com> NOTIFY=NEVER,SUCCESS\r\n").expect("501 5.5.4");
            t.send("RCPT TO:<b@tw.company.com> NOTIFY=SUCCESS NOTIFY=FAILURE\r\n").expect("501 5.5.4 Duplicate NOTIFY");
            t.send("RCPT TO:<b@tw.company.com> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;b@company.com\r\n").expect("250");
        }
    }

    @Test
    void refusesMalformedAddresses() throws Exception {
        try (SmtpTranscript t = harness.connect().ehlo()) {
            t.send("MAIL FROM:<a b@company.com>\r\n").expect("501 5.1.7");
            t.send("MAIL FROM:<a@company.com>\r\n").expect("250");
            t.send("RCPT TO:<b@@tw.company.com>\r\n").expect("501 5.1.3");
            t.send("RCPT TO:<b@tw..company.com>\r\n").expect("501 5.1.3");
            t.send("RCPT TO:b@tw.company.com\r\n").expect("501 5.5.4");
        }
    }

    @Test
    void limitsRecipientsPerMessage() throws Exception {
        try (SmtpTranscript t = harness.connect().ehlo()) {
            t.send("MAIL FROM:<a@company.com>\r\n").expect("250");
            for (int i = 0; i < 5; i++) {
                t.send("RCPT TO:<r" + i + "@tw.company.com>\r\n").expect("250");
            }
            t.send("RCPT TO:<r5@tw.company.com>\r\n").expect("452 4.5.3");
        }
    }

    @Test
    void refusesOversizeMessageDeclaredOrSent() throws Exception {
        try (SmtpTranscript t = harness.connect().ehlo()) {
            t.send("MAIL FROM:<a@company.com> SIZE=200000\r\n").expect("552 5.3.4");
        }
        try (SmtpTranscript t = transaction()) {
            t.send(("y".repeat(998) + "\r\n").repeat(120) + ".\r\n").expect("552 5.3.4");
            t.send("NOOP\r\n").expect("250");
        }
        assertThat(harness.stored).isEmpty();
    }

    @Test
    void refusesMailLoop() throws Exception {
        try (SmtpTranscript t = transaction()) {
            t.send("Received: from a\r\n".repeat(11) + "Subject: loop\r\n\r\nx\r\n.\r\n").expect("554 5.4.6");
        }
        assertThat(harness.stored).isEmpty();
    }

    @Test
    void refusesRelayForForeignDomainFromNonRelayClient() throws Exception {
        try (SmtpTranscript t = harness.connect().ehlo()) {
            t.send("MAIL FROM:<a@company.com>\r\n").expect("250");
            String reply = t.send("RCPT TO:<x@elsewhere.example>\r\n").expect("554 5.7.1");
            assertThat(reply).contains("elsewhere.example is not an accepted domain");
        }
    }

    @Test
    void sequenceErrorsAreAnswered() throws Exception {
        try (SmtpTranscript t = harness.connect().ehlo()) {
            t.send("RCPT TO:<b@tw.company.com>\r\n").expect("503 5.5.1");
            t.send("DATA\r\n").expect("503");
            t.send("MAIL FROM:<a@company.com>\r\n").expect("250");
            t.send("MAIL FROM:<a@company.com>\r\n").expect("503 5.5.1");
            t.send("DATA\r\n").expect("503");
            t.send("BOGUS\r\n").expect("500");
        }
    }

    @Test
    void shutdownSays421ToIdleSession() throws Exception {
        SmtpTranscript t = harness.connect();
        harness.server.shutdown(Duration.ofSeconds(2));
        assertThat(t.reply()).startsWith("421 4.3.2");
        t.close();
    }

    @Test
    void bareLfNormalisedToCrlf() throws Exception {
        try (SmtpTranscript t = transaction()) {
            t.sendBytes("Subject: lf\n\nline\n.\r\n".getBytes(StandardCharsets.US_ASCII));
            // "line\n.\r\n" is not the end of data: the lone dot is content
            t.send("\r\n.\r\n").expect("250 2.0.0");
        }
        assertThat(harness.onlyMessageContent()).isEqualTo("Subject: lf\r\n\r\nline\r\n.\r\n\r\n");
    }
}
