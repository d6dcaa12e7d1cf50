package org.twgate.gateway.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.twgate.dsn.loop.HeaderBlock;
import org.twgate.dsn.param.EnvelopeId;
import org.twgate.dsn.param.OriginalRecipient;
import org.twgate.dsn.param.SmtpArgumentException;
import org.twgate.dsn.qsbmf.RecoveredEnvelope;
import org.twgate.dsn.report.Diagnostic;
import org.twgate.dsn.report.DsnRecipient;
import org.twgate.dsn.report.DsnReport;
import org.twgate.dsn.report.ReturnContent;
import org.twgate.dsn.status.Action;
import org.twgate.dsn.status.EnhancedStatus;

/** Reads report facts back out of someone else's report, and out of twgate's relay record. */
final class ReportFacts {
    private ReportFacts() {
    }

    /** The facts of an arriving report, to be rewritten in another form (plain text). */
    static DsnReport of(ArrivingReport arriving, String fallbackMta) {
        List<DsnRecipient> recipients = new ArrayList<>();
        for (HeaderBlock g : arriving.perRecipient()) {
            String address = value(g.first("Final-Recipient")).orElse("unknown");
            Action action = Action.parse(g.first("Action").orElse("relayed"));
            EnhancedStatus status;
            try {
                status = EnhancedStatus.parse(g.first("Status").orElse("2.0.0").strip());
            } catch (IllegalArgumentException e) {
                status = EnhancedStatus.SUCCESS;
            }
            DsnRecipient r = DsnRecipient.of(address, action, status);
            Optional<String> remote = value(g.first("Remote-MTA"));
            if (remote.isPresent()) {
                r = r.withRemoteMta(remote.get());
            }
            Optional<String> diagnostic = g.first("Diagnostic-Code");
            if (diagnostic.isPresent() && diagnostic.get().contains(";")) {
                String d = diagnostic.get();
                r = r.withDiagnostic(new Diagnostic(d.substring(0, d.indexOf(';')).strip(),
                        d.substring(d.indexOf(';') + 1).strip()));
            }
            Optional<String> original = value(g.first("Original-Recipient"));
            if (original.isPresent()) {
                r = r.withOriginalRecipient(OriginalRecipient.of(original.get()));
            }
            recipients.add(r);
        }
        DsnReport report = DsnReport.of(value(arriving.perMessage().first("Reporting-MTA")).orElse(fallbackMta),
                recipients, arriving.returnedHeaders().isPresent() ? ReturnContent.HEADERS : ReturnContent.NONE);
        Optional<String> envid = arriving.perMessage().first("Original-Envelope-Id");
        return envid.map(String::strip).map(report::withEnvelopeId).orElse(report);
    }

    /** ENVID and ORCPT of a message twgate relayed, for a qmail bounce about it. */
    static RecoveredEnvelope recovered(Optional<RelayedMessages.Relayed> record) {
        if (record.isEmpty()) {
            return RecoveredEnvelope.NONE;
        }
        RelayedMessages.Relayed r = record.get();
        Optional<String> envid = Optional.empty();
        if (r.envid() != null) {
            try {
                envid = Optional.of(EnvelopeId.parse(r.envid()).value());
            } catch (SmtpArgumentException e) {
                envid = Optional.empty();
            }
        }
        return new RecoveredEnvelope(envid, address -> r.orcptByAddress().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(address)).findFirst().flatMap(e -> {
                    try {
                        return Optional.of(OriginalRecipient.parse(e.getValue()));
                    } catch (SmtpArgumentException bad) {
                        return Optional.empty();
                    }
                }));
    }

    /** {@code rfc822; a@b} gives {@code a@b}; a value without a type is taken whole. */
    private static Optional<String> value(Optional<String> typed) {
        return typed.map(v -> v.contains(";") ? v.substring(v.indexOf(';') + 1) : v).map(String::strip)
                .filter(v -> !v.isEmpty());
    }
}
