package org.twgate.dsn.param;

import java.util.Optional;

/**
 * The DSN parameters of a RCPT command (RFC 3461 §4.1, §4.2).
 *
 * @param notification NOTIFY: when to report, absent when the client did not say (see {@link Notify#DEFAULT});
 *                     not named {@code notify}, which would clash with {@link Object#notify()}
 * @param orcpt  the original recipient as the client gave it
 */
public record DsnRcptParameters(Optional<Notify> notification, Optional<OriginalRecipient> orcpt) {

    public static final DsnRcptParameters NONE = new DsnRcptParameters(Optional.empty(), Optional.empty());

    /** Reads and validates NOTIFY and ORCPT; other parameters are left to the caller. */
    public static DsnRcptParameters from(SmtpArgument rcpt) throws SmtpArgumentException {
        Optional<String> notify = rcpt.parameter("NOTIFY");
        Optional<String> orcpt = rcpt.parameter("ORCPT");
        return new DsnRcptParameters(
                notify.isPresent() ? Optional.of(Notify.parse(notify.get())) : Optional.empty(),
                orcpt.isPresent() ? Optional.of(OriginalRecipient.parse(orcpt.get())) : Optional.empty());
    }

    /** NOTIFY as given, or the default that applies when it was not. */
    public Notify effectiveNotify() {
        return notification.orElse(Notify.DEFAULT);
    }

    /**
     * The parameters for a DSN-aware next hop, each preceded by a space. RFC 3461 §5.2.1: when
     * the client gave no ORCPT, the address as received ({@code receivedAddress}, before any
     * rewriting) is sent as one.
     */
    public String toCommandText(String receivedAddress) {
        StringBuilder sb = new StringBuilder();
        notification.ifPresent(n -> sb.append(" NOTIFY=").append(n.toParameterValue()));
        OriginalRecipient original = orcpt.orElseGet(() -> OriginalRecipient.of(receivedAddress));
        sb.append(" ORCPT=").append(original.parameterValue());
        return sb.toString();
    }
}
