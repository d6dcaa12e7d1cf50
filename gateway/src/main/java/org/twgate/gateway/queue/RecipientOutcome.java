package org.twgate.gateway.queue;

/**
 * What one delivery attempt did for one recipient.
 *
 * @param reply     the next hop's reply or a local diagnostic, one line
 * @param remoteMta the host that answered, or null when none did
 */
public record RecipientOutcome(int recipient, Result result, String reply, String remoteMta) {
    public enum Result { DELIVERED, DEFERRED, FAILED }

    public static RecipientOutcome deferred(int recipient, String why) {
        return new RecipientOutcome(recipient, Result.DEFERRED, why, null);
    }
}
