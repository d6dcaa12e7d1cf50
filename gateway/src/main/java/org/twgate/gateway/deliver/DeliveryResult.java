package org.twgate.gateway.deliver;

import java.util.List;

/**
 * The result of one delivery attempt of one message: one {@link RecipientResult} per
 * recipient handed in, in the same order.
 */
public record DeliveryResult(String queueId, List<RecipientResult> recipients) {

    public DeliveryResult {
        recipients = List.copyOf(recipients);
    }

    /** Every recipient with the same outcome and diagnostic: a session-wide event. */
    static DeliveryResult all(OutboundMessage message, Outcome outcome, SmtpReply reply, String remoteMta,
                              String diagnostic) {
        return new DeliveryResult(message.queueId(), message.recipients().stream()
                .map(r -> new RecipientResult(r, outcome, reply, remoteMta, diagnostic)).toList());
    }

    public long count(Outcome outcome) {
        return recipients.stream().filter(r -> r.outcome() == outcome).count();
    }

    public boolean allDelivered() {
        return count(Outcome.DELIVERED) == recipients.size();
    }

    /** The result for {@code address}, or null when it was not part of the attempt. */
    public RecipientResult of(String address) {
        return recipients.stream().filter(r -> r.recipient().address().equals(address)).findFirst().orElse(null);
    }
}
