package org.twgate.gateway.queue;

import org.twgate.dsn.status.EnhancedStatus;
import org.twgate.gateway.outcome.DeliveryPolicy;
import org.twgate.gateway.outcome.DeliveryStatus;
import org.twgate.gateway.outcome.DeliveryStatus.Result;
import org.twgate.gateway.outcome.Reason;

/**
 * What one delivery attempt did for one envelope recipient (by index).
 *
 * @param status       result, enhanced status, reason, the next hop's reply and name
 * @param hopOffersDsn the next hop announced DSN, so it took over the RFC 3461 duties
 */
public record RecipientOutcome(int recipient, DeliveryStatus status, boolean hopOffersDsn) {

    public RecipientOutcome {
        java.util.Objects.requireNonNull(status, "status");
    }

    /** A scripted outcome (tests, tools): the status is read from {@code smtpReply}, else generic. */
    public RecipientOutcome(int recipient, Result result, String reply, String remoteMta, String smtpReply,
            boolean hopOffersDsn) {
        this(recipient, DeliveryStatus.fromTexts(result, reply, remoteMta, smtpReply, generic(result),
                Reason.REMOTE_REPLY), hopOffersDsn);
    }

    public RecipientOutcome(int recipient, Result result, String reply, String remoteMta) {
        this(recipient, result, reply, remoteMta, null, false);
    }

    public static RecipientOutcome deferred(int recipient, DeliveryStatus why) {
        return new RecipientOutcome(recipient, why, false);
    }

    /** See {@link DeliveryPolicy#forNotReported}. */
    static RecipientOutcome notReported(int recipient) {
        return deferred(recipient, DeliveryPolicy.forNotReported());
    }

    public Result result() {
        return status.result();
    }

    /** The next hop's reply or a local diagnostic, one line. */
    public String reply() {
        return status.diagnostic();
    }

    public String remoteMta() {
        return status.remoteMta();
    }

    /** The next hop's reply exactly as it said it, or null when none decided the outcome. */
    public String smtpReply() {
        return status.remoteReply();
    }

    private static EnhancedStatus generic(Result result) {
        return switch (result) {
            case DELIVERED -> EnhancedStatus.SUCCESS;
            case DEFERRED -> EnhancedStatus.TRANSIENT;
            case FAILED -> EnhancedStatus.PERMANENT;
        };
    }
}
