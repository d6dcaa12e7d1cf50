package org.twgate.gateway.deliver;

import java.util.List;
import org.twgate.gateway.outcome.DeliveryStatus;

/**
 * The result of one delivery attempt of one message: one {@link RecipientResult} per
 * recipient handed in, in the same order.
 *
 * @param hopOffersDsn the next hop announced DSN in its EHLO reply, so it took over the
 *                     RFC 3461 duties; false when no session got that far (RFC 3461 §5.2.2
 *                     then leaves "relayed" notices to us)
 * @param storedHeaders the stored message's header section as this attempt read it from the
 *                     spool, or null when it did not get that far: what comes after the delivery
 *                     (the record of a relayed message's Message-ID) need not read the file again
 */
public record DeliveryResult(String queueId, List<RecipientResult> recipients, boolean hopOffersDsn,
        HeaderSection storedHeaders) {

    public DeliveryResult {
        recipients = List.copyOf(recipients);
    }

    public DeliveryResult(String queueId, List<RecipientResult> recipients, boolean hopOffersDsn) {
        this(queueId, recipients, hopOffersDsn, null);
    }

    public DeliveryResult(String queueId, List<RecipientResult> recipients) {
        this(queueId, recipients, false);
    }

    /** Every recipient with the same status: a session-wide event. */
    static DeliveryResult all(OutboundMessage message, DeliveryStatus status, SmtpReply reply) {
        return all(message, status, reply, false);
    }

    static DeliveryResult all(OutboundMessage message, DeliveryStatus status, SmtpReply reply, boolean hopOffersDsn) {
        return new DeliveryResult(message.queueId(), message.recipients().stream()
                .map(r -> new RecipientResult(r, status, reply)).toList(), hopOffersDsn);
    }

    public long count(DeliveryStatus.Result outcome) {
        return recipients.stream().filter(r -> r.outcome() == outcome).count();
    }

    public boolean allDelivered() {
        return count(DeliveryStatus.Result.DELIVERED) == recipients.size();
    }

    /** The result for {@code address}, or null when it was not part of the attempt. */
    public RecipientResult of(String address) {
        return recipients.stream().filter(r -> r.recipient().address().equals(address)).findFirst().orElse(null);
    }
}
