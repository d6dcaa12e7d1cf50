package org.twgate.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.angus.mail.dsn.DeliveryStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.gateway.queue.Notifier.DelayedRecipient;
import org.twgate.gateway.queue.Notifier.FailedRecipient;
import org.twgate.gateway.queue.Notifier.RelayedRecipient;
import org.twgate.gateway.spool.StoredMessage;

class DsnNotifierTest {
    private static final String PLAIN = "From: john@company.com\r\nSubject: hello\r\nMessage-ID: <m1@company.com>\r\n"
            + "\r\nbody line\r\n";

    @TempDir
    Path dir;
    NoticeFixture fx;
    final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    DsnCounters counters = new DsnCounters((action, disposition, notice) ->
            events.add(action + " " + disposition + " " + (notice == null ? "-" : notice.value())));
    DsnNotifier notifier;

    @BeforeEach
    void start() throws Exception {
        fx = new NoticeFixture(dir);
        Map<String, Integer> policies = Map.of("qmail0", 0, "qmail1", 1, "qmail2", 2);
        notifier = new DsnNotifier("gw.test", fx.spool, fx.submission, Clock.systemUTC(), Duration.ofDays(5),
                policies::get, counters);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void permanentFailureBecomesOneRfc3464ReportCoveringEveryFailedRecipient() throws Exception {
        StoredMessage m = fx.store("john@company.com", "HDRS", "env+2B1", PLAIN,
                "a@tw.company.com", "b@tw.company.com FAILURE rfc822;b+40company.com");
        notifier.failed(m, List.of(
                new FailedRecipient(m.envelope().recipient(0), "mx said: 550 5.1.1 unknown", "mx.test [127.0.0.1]",
                        false, "550 5.1.1 unknown user"),
                new FailedRecipient(m.envelope().recipient(1), "mx said: 554 no", "mx.test", false, "554 no")));

        assertThat(fx.submitted).hasSize(1);
        StoredMessage report = fx.submitted.get(0);
        assertThat(report.envelope().sender()).isEmpty();
        assertThat(report.envelope().recipients().get(0).address()).isEqualTo("john@company.com");
        assertThat(fx.mime(report).getHeader("Auto-Submitted")).containsExactly("auto-replied");
        DeliveryStatus status = fx.deliveryStatus(report);
        assertThat(status.getMessageDSN().getHeader("Original-Envelope-Id")).containsExactly("env+1");
        assertThat(status.getRecipientDSNCount()).isEqualTo(2);
        assertThat(status.getRecipientDSN(0).getHeader("Action", null)).isEqualTo("failed");
        assertThat(status.getRecipientDSN(0).getHeader("Status", null)).isEqualTo("5.1.1");
        assertThat(status.getRecipientDSN(0).getHeader("Remote-MTA", null)).isEqualTo("dns; mx.test");
        assertThat(status.getRecipientDSN(0).getHeader("Diagnostic-Code", null))
                .isEqualTo("smtp; 550 5.1.1 unknown user");
        assertThat(status.getRecipientDSN(1).getHeader("Original-Recipient", null))
                .isEqualTo("rfc822; b@company.com");
        assertThat(status.getRecipientDSN(1).getHeader("Status", null)).isEqualTo("5.0.0");
        // RET=HDRS: the header block only
        assertThat(fx.text(report)).contains("Content-Type: text/rfc822-headers").doesNotContain("body line");
    }

    /** Listeners of the DSN events (the status page) learn which notice was queued, and that none was when none was. */
    @Test
    void aQueuedNoticeIsToldWithItsQueueIdAndADiscardedOneWithout() throws Exception {
        StoredMessage m = fx.store("john@company.com", null, null, PLAIN, "a@tw.company.com");
        notifier.failed(m, List.of(new FailedRecipient(m.envelope().recipient(0), "mx said: 550 5.1.1 unknown",
                "mx.test", false, "550 5.1.1 unknown user")));
        StoredMessage r = fx.store("john@company.com", null, null, PLAIN, "c@elsewhere.example SUCCESS");
        notifier.relayed(r, List.of(new RelayedRecipient(r.envelope().recipient(0), "qmail2", "qmail.test",
                "250 ok")));

        assertThat(fx.submitted).hasSize(1);
        assertThat(events).containsExactly("FAILED REPORT " + fx.submitted.get(0).id().value(), "RELAYED DISCARDED -");
    }

    @Test
    void expiredRecipientFailsWithDeliveryTimeExpiredAndRetFullReturnsTheMessage() throws Exception {
        StoredMessage m = fx.store("john@company.com", null, null, PLAIN, "a@tw.company.com");
        notifier.failed(m, List.of(new FailedRecipient(m.envelope().recipient(0), "451 busy", null, true)));
        DeliveryStatus status = fx.deliveryStatus(fx.submitted.get(0));
        assertThat(status.getRecipientDSN(0).getHeader("Status", null)).isEqualTo("5.4.7");
        assertThat(fx.text(fx.submitted.get(0))).contains("Content-Type: message/rfc822").contains("body line");
    }

    @Test
    void retFullOfAMessageOverTheLimitReturnsItsHeadersAndSaysWhy() throws Exception {
        String big = PLAIN + ("x".repeat(998) + "\r\n").repeat((int) (DsnNotifier.FULL_RETURN_LIMIT / 1000) + 1);
        StoredMessage m = fx.store("john@company.com", "FULL", null, big, "a@tw.company.com");
        notifier.failed(m, List.of(new FailedRecipient(m.envelope().recipient(0), "550 no", "mx.test", false,
                "550 5.1.1 no")));

        String report = fx.text(fx.submitted.get(0));
        assertThat(report).contains("Content-Type: text/rfc822-headers").contains("Subject: hello")
                .doesNotContain("xxxxxxxxxx").contains("only its header section is attached");
        assertThat(fx.submitted.get(0).contentSize()).isLessThan(16_000);
    }

    @Test
    void noFailureReportWhenNotifyExcludesFailure() throws Exception {
        StoredMessage m = fx.store("john@company.com", null, null, PLAIN, "a@tw.company.com NEVER",
                "b@tw.company.com SUCCESS,DELAY");
        notifier.failed(m, List.of(new FailedRecipient(m.envelope().recipient(0), "550", null, false),
                new FailedRecipient(m.envelope().recipient(1), "550", null, false)));
        assertThat(fx.submitted).isEmpty();
    }

    @Test
    void neverReportsAboutAReport() throws Exception {
        String report = "From: MAILER-DAEMON@elsewhere\r\nContent-Type: multipart/report; report-type=delivery-status;"
                + " boundary=x\r\n\r\n--x--\r\n";
        StoredMessage fromSomeone = fx.store("someone@company.com", null, null, report, "a@tw.company.com");
        StoredMessage nullSender = fx.store("", null, null, PLAIN, "a@tw.company.com SUCCESS");
        StoredMessage autoReply = fx.store("john@company.com", null, null,
                "Auto-Submitted: auto-replied\r\nSubject: away\r\n\r\nx\r\n", "a@tw.company.com");
        for (StoredMessage m : List.of(fromSomeone, nullSender, autoReply)) {
            notifier.failed(m, List.of(new FailedRecipient(m.envelope().recipient(0), "550", null, false)));
            notifier.relayed(m, List.of(new RelayedRecipient(m.envelope().recipient(0), "qmail0", "q", "250 ok")));
        }
        assertThat(fx.submitted).isEmpty();
    }

    @Test
    void relayedNoticeUnderPolicy0IsAReportWithActionRelayedAndHeadersOnly() throws Exception {
        StoredMessage m = fx.store("john@company.com", "FULL", null, PLAIN, "a@company.com SUCCESS");
        notifier.relayed(m, List.of(new RelayedRecipient(m.envelope().recipient(0), "qmail0", "qmail.test [10.0.0.1]",
                "250 ok 1234 qp 99")));
        DeliveryStatus status = fx.deliveryStatus(fx.submitted.get(0));
        assertThat(status.getRecipientDSN(0).getHeader("Action", null)).isEqualTo("relayed");
        assertThat(status.getRecipientDSN(0).getHeader("Status", null)).isEqualTo("2.0.0");
        assertThat(status.getRecipientDSN(0).getHeader("Remote-MTA", null)).isEqualTo("dns; qmail.test");
        assertThat(status.getRecipientDSN(0).getHeader("Diagnostic-Code", null)).isEqualTo("smtp; 250 ok 1234 qp 99");
        assertThat(fx.text(fx.submitted.get(0))).contains("text/rfc822-headers").doesNotContain("body line");
    }

    @Test
    void relayedNoticeUnderPolicy1IsPlainTextToTheSender() throws Exception {
        StoredMessage m = fx.store("john@company.com", null, null, PLAIN, "a@company.com SUCCESS,FAILURE");
        notifier.relayed(m, List.of(new RelayedRecipient(m.envelope().recipient(0), "qmail1", "qmail.test", "250 ok")));
        StoredMessage notice = fx.submitted.get(0);
        assertThat(notice.envelope().sender()).isEmpty();
        assertThat(fx.mime(notice).getContentType()).startsWith("text/plain");
        assertThat(fx.text(notice)).contains("a@company.com").contains("Auto-Submitted: auto-replied");
    }

    @Test
    void relayedNoticeUnderPolicy2IsOnlyCounted() throws Exception {
        StoredMessage m = fx.store("john@company.com", null, null, PLAIN, "a@company.com SUCCESS");
        notifier.relayed(m, List.of(new RelayedRecipient(m.envelope().recipient(0), "qmail2", "qmail.test", "250 ok")));
        assertThat(fx.submitted).isEmpty();
        assertThat(counters.relayedNoticesDiscarded()).isEqualTo(1);
    }

    @Test
    void noRelayedNoticeWithoutNotifySuccess() throws Exception {
        StoredMessage m = fx.store("john@company.com", null, null, PLAIN, "a@company.com", "b@company.com NEVER",
                "c@company.com FAILURE,DELAY");
        notifier.relayed(m, m.envelope().recipients().stream()
                .map(r -> new RelayedRecipient(r, "qmail0", "qmail.test", "250 ok")).toList());
        assertThat(fx.submitted).isEmpty();
        assertThat(counters.relayedNoticesDiscarded()).isZero();
    }

    @Test
    void delayReportGoesOnlyToRecipientsWhoseNotifyHasDelay() throws Exception {
        StoredMessage m = fx.store("john@company.com", null, "E1", PLAIN, "a@tw.company.com",
                "b@tw.company.com FAILURE");
        notifier.delayed(m, m.envelope().recipients().stream()
                .map(r -> new DelayedRecipient(r, "mx said 451 4.4.1 later", "451 4.4.1 later")).toList());
        DeliveryStatus status = fx.deliveryStatus(fx.submitted.get(0));
        assertThat(status.getRecipientDSNCount()).isEqualTo(1);
        assertThat(status.getRecipientDSN(0).getHeader("Final-Recipient", null)).isEqualTo("rfc822; a@tw.company.com");
        assertThat(status.getRecipientDSN(0).getHeader("Action", null)).isEqualTo("delayed");
        assertThat(status.getRecipientDSN(0).getHeader("Status", null)).isEqualTo("4.4.1");
        assertThat(status.getRecipientDSN(0).getHeader("Will-Retry-Until", null)).contains("6 Mar 2026");
    }
}
