package org.twgate.gateway.deliver;

import java.io.IOException;

/**
 * The one place that decides whether a failed step is worth retrying. Every rule has its
 * reason next to it; nothing else in the package compares reply codes to decide an outcome.
 */
public final class FailureClassifier {

    private FailureClassifier() {
    }

    /**
     * The outcome for the recipients a negative (or unexpected) reply applies to: one
     * recipient for RCPT, every recipient still open for MAIL, DATA and end of data.
     */
    public static Outcome forReply(SmtpStage stage, SmtpReply reply) {
        // 421: the server is going away (RFC 5321 §3.8); it says nothing about the message.
        if (reply.code() == 421) {
            return Outcome.DEFERRED;
        }
        // 4xx: the server asks us to try again later.
        if (reply.transientNegative()) {
            return Outcome.DEFERRED;
        }
        // 5xx at the greeting, EHLO/HELO, STARTTLS or RSET refuses the session, not this message or
        // its recipients: most often a misconfiguration between twgate and its own next hop
        // (our HELO name, an access list). Retrying until the queue lifetime expires loses
        // nothing and gives the operator time to fix it; the lifetime bounds the delay.
        if (stage == SmtpStage.GREETING || stage == SmtpStage.EHLO || stage == SmtpStage.HELO
                || stage == SmtpStage.STARTTLS || stage == SmtpStage.RSET) {
            return Outcome.DEFERRED;
        }
        // 5xx at MAIL, RCPT, DATA or after the end of data: a definite no for this message
        // (MAIL/DATA/end) or this recipient (RCPT).
        if (reply.permanentNegative()) {
            return Outcome.FAILED;
        }
        // A 2xx or 3xx where another was due: the server is confused; try again later.
        return Outcome.DEFERRED;
    }

    /**
     * Connection refused, timeouts, resets, DNS failures, malformed replies: the network or
     * the server is unwell, not the message. Also a connection lost after the final "." but
     * before the reply: the message may have arrived, and RFC 5321 §6.1 prefers a possible
     * duplicate to a possible loss.
     */
    public static Outcome forFault(SmtpStage stage, IOException fault) {
        return Outcome.DEFERRED;
    }

    /**
     * The message needs SMTPUTF8 and the hop does not offer it: RFC 6531 §3.4 allows no
     * downgrade here, and retrying will not change what the server offers.
     */
    public static Outcome forMissingSmtpUtf8() {
        return Outcome.FAILED;
    }

    /** Larger than the SIZE the hop announced: it would answer 552 5.3.4 anyway. */
    public static Outcome forOverSize() {
        return Outcome.FAILED;
    }

    /**
     * The stored message has a header section beyond the bound: it will never become
     * readable, so retrying is pointless (the accept stage bounds headers far below).
     */
    public static Outcome forUnreadableHeaders() {
        return Outcome.FAILED;
    }

    /** The domain publishes a null MX (RFC 7505): it accepts no mail, ever. */
    public static Outcome forNullMx() {
        return Outcome.FAILED;
    }

    /** Every connection slot to the hop stayed busy past the wait: try again later. */
    public static Outcome forBusyHop() {
        return Outcome.DEFERRED;
    }

    /** Whether a reply ends the session: the connection must be closed, never reused. */
    public static boolean closesSession(SmtpReply reply) {
        return reply.code() == 421;
    }
}
