package org.twgate.gateway.deliver;

import java.util.Objects;

/**
 * The outcome for one recipient, with what the notify stage needs for a DSN.
 *
 * @param recipient  the recipient as it was handed in
 * @param outcome    delivered, deferred or failed
 * @param reply      the remote reply that decided it, or null (connection fault, local check)
 * @param remoteMta  the host that answered ("name [ip]"), or null when none was reached
 * @param diagnostic one line for logs and DSNs, quoting the command and the reply or fault
 */
public record RecipientResult(OutboundRecipient recipient, Outcome outcome, SmtpReply reply,
                              String remoteMta, String diagnostic) {

    public RecipientResult {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(diagnostic, "diagnostic");
    }
}
