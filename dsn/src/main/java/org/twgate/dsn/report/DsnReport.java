package org.twgate.dsn.report;

import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.twgate.dsn.status.Action;

/**
 * The per-message fields of a report (RFC 3464 §2.2) and its recipients.
 *
 * @param reportingMta    host name of the MTA issuing the report ({@code Reporting-MTA: dns; …})
 * @param envelopeId      the decoded ENVID of the original transaction
 * @param receivedFromMta the host the original came from, if known
 * @param arrivalDate     when the original arrived
 * @param recipients      one entry per recipient reported on; never empty
 * @param returnContent   what of the original to attach
 * @param explanation     extra human-readable text, e.g. a converted qmail bounce verbatim
 */
public record DsnReport(
        String reportingMta,
        Optional<String> envelopeId,
        Optional<String> receivedFromMta,
        Optional<ZonedDateTime> arrivalDate,
        List<DsnRecipient> recipients,
        ReturnContent returnContent,
        Optional<String> explanation) {

    public DsnReport {
        Objects.requireNonNull(reportingMta, "reportingMta");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("A report needs at least one recipient (Reporting-MTA "
                    + reportingMta + ")");
        }
        Objects.requireNonNull(returnContent, "returnContent");
        Objects.requireNonNull(envelopeId, "envelopeId");
        Objects.requireNonNull(receivedFromMta, "receivedFromMta");
        Objects.requireNonNull(arrivalDate, "arrivalDate");
        Objects.requireNonNull(explanation, "explanation");
    }

    /** A report with only what RFC 3464 requires; add the rest with the withers. */
    public static DsnReport of(String reportingMta, List<DsnRecipient> recipients, ReturnContent content) {
        return new DsnReport(reportingMta, Optional.empty(), Optional.empty(), Optional.empty(),
                recipients, content, Optional.empty());
    }

    public DsnReport withEnvelopeId(String envid) {
        return new DsnReport(reportingMta, Optional.of(envid), receivedFromMta, arrivalDate,
                recipients, returnContent, explanation);
    }

    public DsnReport withReceivedFromMta(String host) {
        return new DsnReport(reportingMta, envelopeId, Optional.of(host), arrivalDate,
                recipients, returnContent, explanation);
    }

    public DsnReport withArrivalDate(ZonedDateTime when) {
        return new DsnReport(reportingMta, envelopeId, receivedFromMta, Optional.of(when),
                recipients, returnContent, explanation);
    }

    public DsnReport withExplanation(String text) {
        return new DsnReport(reportingMta, envelopeId, receivedFromMta, arrivalDate,
                recipients, returnContent, Optional.of(text));
    }

    public DsnReport withReturnContent(ReturnContent content) {
        return new DsnReport(reportingMta, envelopeId, receivedFromMta, arrivalDate,
                recipients, content, explanation);
    }

    /**
     * The action that names the report in its Subject: the most severe one present
     * (failed, then delayed, relayed, delivered, expanded).
     */
    public Action headlineAction() {
        List<Action> order = List.of(Action.FAILED, Action.DELAYED, Action.RELAYED,
                Action.DELIVERED, Action.EXPANDED);
        return recipients.stream().map(DsnRecipient::action)
                .min(Comparator.comparingInt(order::indexOf)).orElseThrow();
    }
}
