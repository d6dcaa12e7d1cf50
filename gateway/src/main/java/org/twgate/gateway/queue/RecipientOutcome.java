package org.twgate.gateway.queue;

/**
 * What one delivery attempt did for one recipient.
 *
 * @param reply        the next hop's reply or a local diagnostic, one line
 * @param remoteMta    the host that answered, or null when none did
 * @param smtpReply    the next hop's reply exactly as it said it (one line), or null when none
 *                     decided the outcome: a report's {@code Diagnostic-Code: smtp; …}
 * @param hopOffersDsn the next hop announced DSN, so it took over the RFC 3461 duties
 */
public record RecipientOutcome(int recipient, Result result, String reply, String remoteMta, String smtpReply,
        boolean hopOffersDsn) {
    public enum Result { DELIVERED, DEFERRED, FAILED }

    public RecipientOutcome(int recipient, Result result, String reply, String remoteMta) {
        this(recipient, result, reply, remoteMta, null, false);
    }

    public static RecipientOutcome deferred(int recipient, String why) {
        return new RecipientOutcome(recipient, Result.DEFERRED, why, null);
    }
}
