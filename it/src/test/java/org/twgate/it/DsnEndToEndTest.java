package org.twgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.it.PostfixTools.SmtpSink;
import org.twgate.testkit.Await;
import org.twgate.testkit.Closeables;
import org.twgate.testkit.RecordedTransaction;
import org.twgate.testkit.RecordingSmtpServer;

/**
 * Teamware → twgate → qmail with DSN requested, through real sockets: Postfix's smtp-sink
 * stands in for qmail ({@code -N}: no DSN) or for a DSN-aware relay, a recording server for the
 * connector that receives the notices.
 */
class DsnEndToEndTest {
    private static final String MESSAGE = "From: John <john@tw.company.com>\r\nTo: someone@internet.example\r\n"
            + "Subject: figures\r\nMessage-ID: <m-1@tw.company.com>\r\n\r\nthe body\r\n";

    @TempDir
    Path dir;
    SmtpSink qmail;
    RecordingSmtpServer connector;
    GatewayFixture twgate;

    @AfterEach
    void stop() throws Exception {
        Closeables.closeAll(twgate, connector, qmail);
    }

    private void start(boolean qmailDsn, int relayedPolicy) throws Exception {
        qmail = new SmtpSink(qmailDsn, dir.resolve("dumps"));
        connector = RecordingSmtpServer.start();
        twgate = new GatewayFixture(dir, String.join("\n",
                "  - smtproutes: \"internet.example:[127.0.0.1]:" + qmail.port + "\"",
                "    name: qmail",
                "    final: false",
                "    deliver_relayed_dsn: " + relayedPolicy,
                "  - smtproutes: \":[127.0.0.1]:" + connector.port() + "\"",
                "    name: connector",
                "    final: true",
                "    deliver_relayed_dsn: " + relayedPolicy), "");
    }

    private void sendWithSuccessNotify() throws Exception {
        PostfixTools.sendWithDsn(twgate.smtp(), "john@tw.company.com", "someone@internet.example",
                List.of("RET=HDRS", "ENVID=TW+2D0001"), List.of("NOTIFY=SUCCESS,FAILURE"), MESSAGE);
    }

    private void awaitQueueEmpty() {
        Await.until("twgate's queue to empty", Duration.ofSeconds(20), () -> twgate.gateway.queue().size() == 0);
    }

    @Test
    void hopWithoutDsnGetsNoParametersAndTheSenderARelayedReportUnderPolicy0() throws Exception {
        start(false, 0);
        sendWithSuccessNotify();
        RecordedTransaction notice = connector.awaitMessages(1, Duration.ofSeconds(20)).get(0);

        assertThat(qmail.dumps()).singleElement().satisfies(d -> assertThat(d)
                .contains("X-Mail-Args: <john@tw.company.com>\n").contains("X-Rcpt-Args: <someone@internet.example>\n"));
        assertThat(notice.mail()).startsWith("MAIL FROM:<>");
        // The report itself asks for no report (NOTIFY=NEVER) from the DSN-aware connector.
        assertThat(notice.rcpts()).singleElement().asString().startsWith("RCPT TO:<john@tw.company.com> NOTIFY=NEVER");
        assertThat(notice.text()).contains("Content-Type: multipart/report; report-type=delivery-status")
                .contains("Auto-Submitted: auto-replied")
                .contains("Original-Envelope-Id: TW-0001")
                .contains("Final-Recipient: rfc822; someone@internet.example")
                .contains("Action: relayed").contains("Status: 2.0.0")
                .contains("Remote-MTA: dns; 127.0.0.1")
                .contains("Diagnostic-Code: smtp; 250 2.0.0 Ok")
                .contains("Content-Type: text/rfc822-headers").contains("Message-ID: <m-1@tw.company.com>")
                .doesNotContain("the body");
    }

    @Test
    void relayedNoticeIsPlainTextUnderPolicy1() throws Exception {
        start(false, 1);
        sendWithSuccessNotify();
        RecordedTransaction notice = connector.awaitMessages(1, Duration.ofSeconds(20)).get(0);
        assertThat(notice.mail()).startsWith("MAIL FROM:<>");
        assertThat(notice.text()).contains("Content-Type: text/plain").doesNotContain("multipart/report")
                .contains("someone@internet.example");
    }

    @Test
    void relayedNoticeIsOnlyCountedUnderPolicy2() throws Exception {
        start(false, 2);
        sendWithSuccessNotify();
        Await.until("the discarded notice to be counted", Duration.ofSeconds(20),
                () -> twgate.gateway.dsnCounters().relayedNoticesDiscarded() == 1);
        awaitQueueEmpty();
        assertThat(qmail.dumps()).hasSize(1);
        assertThat(connector.transactions()).isEmpty();
        assertThat(twgate.gateway.dsnCounters().reportsQueued()).isZero();
    }

    @Test
    void dsnAwareHopGetsTheParametersUnchangedPlusOrcptAndNoNoticeIsWritten() throws Exception {
        start(true, 0);
        sendWithSuccessNotify();
        Await.until("smtp-sink to dump the message", Duration.ofSeconds(20), () -> {
            try {
                return qmail.dumps().size() == 1;
            } catch (java.io.IOException e) {
                return false;
            }
        });
        awaitQueueEmpty();
        String dump = qmail.dumps().get(0);
        assertThat(dump).contains("RET=HDRS").contains("ENVID=TW+2D0001")
                .contains("X-Rcpt-Args: <someone@internet.example> NOTIFY=SUCCESS,FAILURE "
                        + "ORCPT=rfc822;someone@internet.example\n");
        assertThat(twgate.gateway.dsnCounters().reportsQueued()).isZero();
        assertThat(connector.transactions()).isEmpty();
    }

    @Test
    void noReportAboutAReportOrANullSenderMessage() throws Exception {
        start(false, 0);
        Path swaks = PostfixTools.require("swaks");
        String report = "From: MAILER-DAEMON@elsewhere.example\r\nTo: someone@internet.example\r\n"
                + "Subject: Delivery Status Notification\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b--\r\n";
        PostfixTools.run(List.of(swaks.toString(), "--server", "127.0.0.1:" + twgate.smtp().getPort(),
                "--from", "<>", "--to", "someone@internet.example", "--data", "-"), report);
        PostfixTools.sendWithDsn(twgate.smtp(), "robot@tw.company.com", "someone@internet.example",
                List.of(), List.of("NOTIFY=SUCCESS"), report);
        Await.until("both messages to reach smtp-sink", Duration.ofSeconds(20), () -> {
            try {
                return qmail.dumps().size() == 2;
            } catch (java.io.IOException e) {
                return false;
            }
        });
        awaitQueueEmpty();
        assertThat(twgate.gateway.dsnCounters().reportsQueued()).isZero();
        assertThat(connector.transactions()).isEmpty();
    }

    @Test
    void qmailBounceOfARelayedMessageReachesTheConnectorAsAReportWithEnvidAndOrcptRestored() throws Exception {
        start(false, 2);
        sendWithSuccessNotify();
        Await.until("the relayed notice to be counted", Duration.ofSeconds(20),
                () -> twgate.gateway.dsnCounters().relayedNoticesDiscarded() == 1);
        String bounce = String.join("\r\n",
                "From: MAILER-DAEMON@mail.company.com", "To: john@tw.company.com", "Subject: failure notice", "",
                "Hi. This is the qmail-send program at mail.company.com.",
                "I'm afraid I wasn't able to deliver your message to the following addresses.",
                "This is a permanent error; I've given up. Sorry it didn't work out.", "",
                "<someone@internet.example>:",
                "192.0.2.25 does not like recipient.",
                "Remote host said: 550 5.1.1 <someone@internet.example>: User unknown",
                "Giving up on 192.0.2.25.", "",
                "--- Below this line is a copy of the message.", "") + "\r\n" + MESSAGE;
        PostfixTools.sendWithDsn(twgate.smtp(), "", "john@tw.company.com", List.of(), List.of(), bounce);

        RecordedTransaction report = connector.awaitMessages(1, Duration.ofSeconds(20)).get(0);
        assertThat(report.mail()).startsWith("MAIL FROM:<>");
        assertThat(report.text()).contains("Content-Type: multipart/report; report-type=delivery-status")
                .contains("Original-Envelope-Id: TW-0001")
                .contains("Original-Recipient: rfc822; someone@internet.example")
                .contains("Action: failed").contains("Status: 5.1.1")
                .contains("Hi. This is the qmail-send program at mail.company.com.")
                .contains("Content-Type: message/rfc822").contains("the body");
        assertThat(twgate.gateway.dsnCounters().qmailBouncesConverted()).isEqualTo(1);
    }
}
