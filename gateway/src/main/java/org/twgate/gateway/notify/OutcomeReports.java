package org.twgate.gateway.notify;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.twgate.dsn.param.Ret;
import org.twgate.dsn.report.Diagnostic;
import org.twgate.dsn.report.DsnRecipient;
import org.twgate.dsn.report.DsnReport;
import org.twgate.dsn.report.ReturnContent;
import org.twgate.dsn.status.Action;
import org.twgate.dsn.status.EnhancedStatus;
import org.twgate.gateway.outcome.DeliveryStatus;
import org.twgate.gateway.queue.Notifier.DelayedRecipient;
import org.twgate.gateway.queue.Notifier.FailedRecipient;
import org.twgate.gateway.queue.Notifier.RelayedRecipient;
import org.twgate.gateway.spool.Envelope;
import org.twgate.gateway.spool.EnvelopeRecipient;

/**
 * Turns the queue's outcomes into the facts of an RFC 3464 report: one per-recipient section
 * per recipient, the per-message fields from the spooled envelope. Pure: no I/O.
 */
final class OutcomeReports {
    /** Diagnostic type for a reason twgate found itself (no SMTP reply): an RFC 3464 x-token. */
    private static final String LOCAL_DIAGNOSTIC = "X-twgate";

    private final String reportingMta;

    OutcomeReports(String reportingMta) {
        this.reportingMta = reportingMta;
    }

    DsnReport failed(Envelope envelope, List<FailedRecipient> recipients, Instant now) {
        List<DsnRecipient> sections = recipients.stream().map(f -> {
            // The status the delivery status carries: the next hop's enhanced code, or the local
            // cause's (5.1.3 for a rewrite refusal, 5.4.7 for an expiry); a failure is class 5.
            EnhancedStatus status = f.status().status().withClass(5);
            return section(f.recipient(), Action.FAILED, status, f.status().remoteMta(), f.status().remoteReply(),
                    f.status().diagnostic(), now);
        }).toList();
        return report(envelope, sections, ReturnContent.forOutcome(ret(envelope), Action.FAILED));
    }

    DsnReport delayed(Envelope envelope, List<DelayedRecipient> recipients, Instant now, Instant giveUp) {
        ZonedDateTime until = giveUp.atZone(ZoneOffset.UTC);
        List<DsnRecipient> sections = recipients.stream().map(d -> {
            DeliveryStatus last = d.status(); // null: not attempted yet
            return section(d.recipient(), Action.DELAYED,
                    (last == null ? EnhancedStatus.TRANSIENT : last.status()).withClass(4), null,
                    last == null ? null : last.remoteReply(),
                    last == null || last.diagnostic() == null ? "not attempted yet" : last.diagnostic(), now)
                    .withWillRetryUntil(until);
        }).toList();
        return report(envelope, sections, ReturnContent.HEADERS);
    }

    /** RFC 3461 §5.2.2: Action relayed, Status 2.0.0, the non-DSN hop and what it said; headers only. */
    DsnReport relayed(Envelope envelope, List<RelayedRecipient> recipients, Instant now) {
        List<DsnRecipient> sections = recipients.stream().map(r -> section(r.recipient(), Action.RELAYED,
                EnhancedStatus.SUCCESS, r.remoteMta(), r.smtpReply(), "relayed to a next hop without DSN", now))
                .toList();
        return report(envelope, sections, ReturnContent.HEADERS);
    }

    private DsnReport report(Envelope envelope, List<DsnRecipient> sections, ReturnContent content) {
        DsnReport report = DsnReport.of(reportingMta, sections, content)
                .withArrivalDate(envelope.arrival().atZone(ZoneOffset.UTC));
        if (envelope.clientHelo() != null && !envelope.clientHelo().isBlank()) {
            report = report.withReceivedFromMta(envelope.clientHelo());
        }
        Optional<String> envid = DsnDuties.envelopeId(envelope);
        return envid.map(report::withEnvelopeId).orElse(report);
    }

    private static DsnRecipient section(EnvelopeRecipient r, Action action, EnhancedStatus status, String remoteMta,
            String smtpReply, String localReason, Instant now) {
        DsnRecipient d = DsnRecipient.of(r.address(), action, status)
                .withOriginalRecipient(DsnDuties.reportedOrcpt(r))
                .withLastAttempt(now.atZone(ZoneOffset.UTC));
        if (remoteMta != null && !remoteMta.isBlank()) {
            // The deliver stage names hosts "name [ip]"; Remote-MTA is "dns; name".
            d = d.withRemoteMta(remoteMta.strip().split(" ")[0]);
        }
        if (smtpReply != null) {
            d = d.withDiagnostic(Diagnostic.smtp(smtpReply));
        } else if (localReason != null) {
            d = d.withDiagnostic(new Diagnostic(LOCAL_DIAGNOSTIC, localReason));
        }
        return d;
    }

    private static Optional<Ret> ret(Envelope envelope) {
        if (envelope.ret() == null) {
            return Optional.empty();
        }
        return Optional.of(envelope.ret().equalsIgnoreCase("HDRS") ? Ret.HDRS : Ret.FULL);
    }
}
