package org.twgate.dsn.report;

import java.time.ZonedDateTime;
import java.util.List;
import org.twgate.dsn.param.OriginalRecipient;
import org.twgate.dsn.status.Action;
import org.twgate.dsn.status.EnhancedStatus;

/** The reports rendered to golden files: one per kind the gateway sends. */
final class ReportFixtures {

    static final ZonedDateTime ARRIVED = ZonedDateTime.parse("2026-11-20T09:14:00+01:00");
    static final ZonedDateTime ATTEMPT = ZonedDateTime.parse("2026-11-20T10:15:30+01:00");
    static final String HOST = "gw.company.com";

    private ReportFixtures() {
    }

    static ReportHeaders headers() {
        return new ReportHeaders(ReportHeaders.mailerDaemon(HOST), "john@company.com",
                "<report-1@gw.company.com>", ZonedDateTime.parse("2026-11-20T10:16:00+01:00"),
                "BOUNDARY-twgate-test");
    }

    static DsnReport failed() {
        return DsnReport.of(HOST, List.of(
                DsnRecipient.of("jane@example.org", Action.FAILED, EnhancedStatus.parse("5.1.1"))
                        .withOriginalRecipient(OriginalRecipient.of("jane@example.org"))
                        .withRemoteMta("mx.example.org")
                        .withDiagnostic(Diagnostic.smtp("550 5.1.1 <jane@example.org>: Recipient address rejected: "
                                + "User unknown in virtual mailbox table; please check the spelling and try again"))
                        .withLastAttempt(ATTEMPT),
                DsnRecipient.of("bob@example.net", Action.FAILED, EnhancedStatus.parse("5.4.7"))
                        .withDiagnostic(new Diagnostic("X-twgate", "queue lifetime of 5 days exceeded"))
                        .withLastAttempt(ATTEMPT)),
                ReturnContent.FULL)
                .withEnvelopeId("QQ314159")
                .withReceivedFromMta("tw.company.com")
                .withArrivalDate(ARRIVED);
    }

    static DsnReport delayed() {
        return DsnReport.of(HOST, List.of(
                DsnRecipient.of("jane@example.org", Action.DELAYED, EnhancedStatus.parse("4.4.1"))
                        .withOriginalRecipient(OriginalRecipient.of("jane@example.org"))
                        .withRemoteMta("mx.example.org")
                        .withDiagnostic(Diagnostic.smtp("421 4.4.1 mx.example.org: connection timed out"))
                        .withLastAttempt(ATTEMPT)
                        .withWillRetryUntil(ZonedDateTime.parse("2026-11-25T09:14:00+01:00"))),
                ReturnContent.HEADERS)
                .withEnvelopeId("QQ314159")
                .withArrivalDate(ARRIVED);
    }

    static DsnReport relayed() {
        return DsnReport.of(HOST, List.of(
                DsnRecipient.of("john@tw.company.com", Action.RELAYED, EnhancedStatus.SUCCESS)
                        .withOriginalRecipient(OriginalRecipient.of("tw.john@company.com"))
                        .withRemoteMta("127.0.0.1")
                        .withDiagnostic(Diagnostic.smtp("250 ok 1763629000 qp 4711"))
                        .withLastAttempt(ATTEMPT)),
                ReturnContent.HEADERS)
                .withEnvelopeId("TW-0001-ABCD")
                .withArrivalDate(ARRIVED);
    }

    static DsnReport delivered() {
        return DsnReport.of(HOST, List.of(
                DsnRecipient.of("jane@tw.company.com", Action.DELIVERED, EnhancedStatus.SUCCESS)
                        .withRemoteMta("127.0.0.1")
                        .withDiagnostic(Diagnostic.smtp("250 2.0.0 Ok: queued as 7F3A2"))
                        .withLastAttempt(ATTEMPT)),
                ReturnContent.HEADERS)
                .withArrivalDate(ARRIVED);
    }
}
