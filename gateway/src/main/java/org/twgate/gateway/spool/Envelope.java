package org.twgate.gateway.spool;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The SMTP envelope of one accepted message, as stored in the spool.
 *
 * @param sender  the reverse-path without brackets; empty for the null sender {@code <>}
 * @param ret     DSN {@code RET} value (FULL or HDRS) or null
 * @param envid   DSN {@code ENVID} as received (xtext) or null
 * @param body    {@code BODY} value (7BIT or 8BITMIME) or null
 * @param smtputf8 whether the client asked for SMTPUTF8
 */
public record Envelope(
        String sender,
        List<EnvelopeRecipient> recipients,
        String ret,
        String envid,
        String body,
        boolean smtputf8,
        Instant arrival,
        String clientAddress,
        String clientHelo,
        String protocol) {

    public Envelope {
        Objects.requireNonNull(sender, "sender");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("an envelope needs at least one recipient");
        }
        Objects.requireNonNull(arrival, "arrival");
    }

    public boolean hasNullSender() {
        return sender.isEmpty();
    }

    public EnvelopeRecipient recipient(int index) {
        return recipients.get(index);
    }
}
