package org.twgate.dsn.qsbmf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.twgate.dsn.param.OriginalRecipient;
import org.twgate.dsn.report.Diagnostic;
import org.twgate.dsn.report.DsnRecipient;
import org.twgate.dsn.report.DsnReport;
import org.twgate.dsn.report.ReturnContent;
import org.twgate.dsn.status.Action;
import org.twgate.dsn.status.EnhancedStatus;
import org.twgate.dsn.status.SmtpReplyStatus;

/**
 * Turns a qmail bounce into the facts of an RFC 3464 report: one {@code failed} recipient per
 * paragraph, the bounce text kept whole as the report's explanation, the original attached
 * as the bounce carried it (copy or headers). Write it with {@code DsnWriter}, giving it the
 * stream from {@link QmailBounce#openOriginal}.
 */
public final class QsbmfConverter {

    private QsbmfConverter() {
    }

    /**
     * @param reportingMta used when the bounce does not name its host
     * @param recovered    ENVID and ORCPT from the caller's records, or {@link RecoveredEnvelope#NONE}
     */
    public static DsnReport convert(QmailBounce bounce, String reportingMta, RecoveredEnvelope recovered) {
        if (bounce.recipients().isEmpty()) {
            throw new IllegalArgumentException("qmail bounce names no recipient paragraph: "
                    + bounce.text().lines().findFirst().orElse(""));
        }
        List<DsnRecipient> recipients = new ArrayList<>();
        for (QmailBounceRecipient r : bounce.recipients()) {
            DsnRecipient d = DsnRecipient.of(r.address(), Action.FAILED, statusOf(r))
                    .withDiagnostic(r.remoteReply().map(Diagnostic::smtp)
                            .orElseGet(() -> new Diagnostic("X-qmail", r.text())));
            if (r.remoteHost().isPresent()) {
                d = d.withRemoteMta(r.remoteHost().get());
            }
            Optional<OriginalRecipient> orcpt = recovered.originalRecipient().apply(r.address());
            if (orcpt.isPresent()) {
                d = d.withOriginalRecipient(orcpt.get());
            }
            recipients.add(d);
        }
        ReturnContent content = switch (bounce.original()) {
            case FULL -> ReturnContent.FULL;
            case HEADERS -> ReturnContent.HEADERS;
            case NONE -> ReturnContent.NONE;
        };
        DsnReport report = DsnReport.of(bounce.reportingHost().orElse(reportingMta), recipients, content)
                .withExplanation("The text of the qmail bounce follows.\n\n" + bounce.text());
        return recovered.envelopeId().map(report::withEnvelopeId).orElse(report);
    }

    /** The status of one paragraph, from the most specific evidence to the least. */
    static EnhancedStatus statusOf(QmailBounceRecipient r) {
        Optional<String> reply = r.remoteReply();
        // The remote server's own enhanced code says most about why it refused.
        Optional<EnhancedStatus> remote = reply.flatMap(SmtpReplyStatus::enhancedStatus);
        if (remote.isPresent()) {
            return remote.get();
        }
        // qmail's (#x.y.z): how qmail-local and qmail-remote classify their own failures.
        if (r.code().isPresent() && !r.code().get().isSuccess()) {
            return r.code().get();
        }
        // A bare reply code: its class only.
        Optional<EnhancedStatus> basic = reply.flatMap(SmtpReplyStatus::statusOf);
        if (basic.isPresent() && !basic.get().isSuccess()) {
            return basic.get();
        }
        // Given up after queuelifetime without a code: delivery time expired.
        if (r.lifetimeExpired()) {
            return EnhancedStatus.DELIVERY_TIME_EXPIRED;
        }
        // A permanent failure qmail did not classify.
        return EnhancedStatus.PERMANENT;
    }
}
