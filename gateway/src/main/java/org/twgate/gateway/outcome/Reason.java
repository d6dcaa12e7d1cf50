package org.twgate.gateway.outcome;

import java.util.Locale;

/**
 * Why a recipient's attempt ended as it did: a closed set, so logs ({@code reason=}), metrics
 * labels and the journal name the same causes. {@link DeliveryPolicy} says what each one means.
 */
public enum Reason {
    /** The next hop's reply to a command decided it. */
    REMOTE_REPLY,
    /** Connect failure, timeout, reset, malformed reply: the network or the server is unwell. */
    CONNECTION,
    /** The recipient's domain does not exist (NXDOMAIN on the MX lookup). */
    NO_SUCH_DOMAIN,
    /** The domain exists but has neither MX nor address records: nowhere to deliver. */
    NO_MAIL_HOST,
    /** The domain publishes a null MX (RFC 7505). */
    NULL_MX,
    /** The name server failed or did not answer (SERVFAIL, timeout). */
    DNS_UNAVAILABLE,
    /** TLS is required on the route and the hop does not offer it. */
    TLS_UNAVAILABLE,
    /** The TLS handshake failed (certificate, protocol). */
    TLS_FAILED,
    /** Every connection slot to the hop stayed busy. */
    HOP_BUSY,
    /** The message needs SMTPUTF8 and the hop does not offer it. */
    SMTPUTF8_UNSUPPORTED,
    /** Larger than the SIZE the hop announced. */
    TOO_BIG,
    /** The stored header section cannot be read within its bound. */
    UNREADABLE_MESSAGE,
    /** The spool could not be read while sending. */
    SPOOL_READ_ERROR,
    /** A pipe route's program ended with this exit code. */
    PIPE_EXIT,
    /** A pipe route's program ran past its timeout and was killed. */
    PIPE_TIMEOUT,
    /** A pipe route's program could not be started. */
    PIPE_NOT_STARTED,
    /** The route's rule set could not rewrite the recipient. */
    REWRITE_REFUSED,
    /** The message outlived the queue lifetime. */
    EXPIRED,
    /** A programming error (an exception) inside twgate during the attempt. */
    INTERNAL_ERROR,
    /** The attempt gave no outcome for this recipient. */
    NOT_REPORTED,
    /** Interrupted (shutting down) before the attempt finished. */
    INTERRUPTED,
    /** Not sent on purpose: a report on a final route handled otherwise ({@code deliver_relayed_dsn}). */
    NOT_SENT,
    /** Deleted from the queue by the administrator. */
    DELETED;

    /** How logs, metrics and the journal write it: {@code no_such_domain}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reason a label names, or null for one this version does not know (a newer journal). */
    public static Reason ofLabel(String label) {
        try {
            return valueOf(label.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
