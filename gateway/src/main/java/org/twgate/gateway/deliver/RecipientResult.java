package org.twgate.gateway.deliver;

import java.util.Objects;
import org.twgate.gateway.outcome.DeliveryStatus;

/**
 * The outcome for one recipient, with what the notify stage needs for a DSN.
 *
 * @param recipient the recipient as it was handed in
 * @param status    what became of it, decided by {@link org.twgate.gateway.outcome.DeliveryPolicy}
 * @param reply     the remote reply that decided it, or null (connection fault, local check)
 */
public record RecipientResult(OutboundRecipient recipient, DeliveryStatus status, SmtpReply reply) {

    public RecipientResult {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(status, "status");
    }

    public DeliveryStatus.Result outcome() {
        return status.result();
    }

    /** The host that answered ("name [ip]:port"), or null when none was reached. */
    public String remoteMta() {
        return status.remoteMta();
    }

    /** One line for logs and DSNs, quoting the command and the reply or fault. */
    public String diagnostic() {
        return status.diagnostic();
    }
}
