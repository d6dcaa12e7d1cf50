package org.twgate.dsn.report;

import org.twgate.dsn.param.OriginalRecipient;

/**
 * The body of the {@code message/delivery-status} part (RFC 3464 §2.1): the per-message
 * fields, then one blank-line-separated group per recipient, in the order of the report.
 */
final class DeliveryStatusBody {

    private DeliveryStatusBody() {
    }

    static String render(DsnReport report) {
        StringBuilder sb = new StringBuilder(256 + 256 * report.recipients().size());
        FieldWriter fields = new FieldWriter(sb);
        fields.field("Reporting-MTA", "dns; " + report.reportingMta());
        report.envelopeId().ifPresent(id -> fields.field("Original-Envelope-Id", id));
        report.receivedFromMta().ifPresent(host -> fields.field("Received-From-MTA", "dns; " + host));
        report.arrivalDate().ifPresent(when -> fields.field("Arrival-Date", Rfc5322Date.format(when)));
        for (DsnRecipient r : report.recipients()) {
            sb.append("\r\n");
            r.originalRecipient().ifPresent(o -> fields.field("Original-Recipient", o.reportValue()));
            // The same address-type rule as a gateway-made ORCPT: rfc822, or utf-8 escaped.
            fields.field("Final-Recipient", OriginalRecipient.of(r.finalRecipient()).reportValue());
            fields.field("Action", r.action().fieldValue());
            fields.field("Status", r.status().toString());
            r.remoteMta().ifPresent(host -> fields.field("Remote-MTA", "dns; " + host));
            r.diagnosticCode().ifPresent(d -> fields.field("Diagnostic-Code", d.fieldValue()));
            r.lastAttempt().ifPresent(when -> fields.field("Last-Attempt-Date", Rfc5322Date.format(when)));
            r.willRetryUntil().ifPresent(when -> fields.field("Will-Retry-Until", Rfc5322Date.format(when)));
        }
        return sb.toString();
    }
}
