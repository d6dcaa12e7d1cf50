package org.twgate.gateway.outcome;

import java.io.IOException;
import java.util.Set;
import org.twgate.dsn.status.EnhancedStatus;
import org.twgate.gateway.deliver.SmtpReply;
import org.twgate.gateway.deliver.SmtpStage;
import org.twgate.gateway.outcome.DeliveryStatus.Result;

/**
 * The one place that decides, for every cause, whether a recipient is delivered, retried or
 * failed, with which RFC 3463 status, and what comes next. Every rule has its reason next to it;
 * nothing else in twgate compares reply codes, exit codes or DNS answers to decide an outcome.
 * The retry times themselves are {@code queue.RetrySchedule}'s (spool settings).
 */
public final class DeliveryPolicy {

    private DeliveryPolicy() {
    }

    // ---- SMTP replies, per stage ---------------------------------------------------------

    /**
     * The outcome for the recipients a negative (or unexpected) reply applies to: one recipient
     * for RCPT, every recipient still open for MAIL, DATA and end of data; every recipient for a
     * refusal before MAIL. The status is the server's enhanced code when it gave one, else the
     * generic code of the result's class.
     */
    public static DeliveryStatus forReply(SmtpStage stage, SmtpReply reply, String remoteMta, String diagnostic) {
        Result result = resultOf(stage, reply);
        EnhancedStatus status = reply.status() != null ? reply.status() : EnhancedStatus.genericFor(reply.code());
        return new DeliveryStatus(result, status, Reason.REMOTE_REPLY, reply.oneLine(), remoteMta, diagnostic);
    }

    static Result resultOf(SmtpStage stage, SmtpReply reply) {
        // A 2xx after the end of data: the next hop took responsibility.
        if (stage == SmtpStage.END_OF_DATA && reply.positive()) {
            return Result.DELIVERED;
        }
        // 421: the server is going away (RFC 5321 §3.8); it says nothing about the message.
        if (reply.code() == 421) {
            return Result.DEFERRED;
        }
        // 4xx: the server asks us to try again later.
        if (reply.transientNegative()) {
            return Result.DEFERRED;
        }
        // 5xx at the greeting, EHLO/HELO, STARTTLS or RSET refuses the session, not this message or
        // its recipients: most often a misconfiguration between twgate and its own next hop
        // (our HELO name, an access list). The next MX host is tried (triesNextHost); when none
        // takes it, retrying until the queue lifetime expires loses nothing and gives the
        // operator time to fix it; the lifetime bounds the delay.
        if (beforeTransaction(stage)) {
            return Result.DEFERRED;
        }
        // 5xx at MAIL, RCPT, DATA or after the end of data: a definite no for this message
        // (MAIL/DATA/end) or this recipient (RCPT).
        if (reply.permanentNegative()) {
            return Result.FAILED;
        }
        // A 2xx or 3xx where another was due: the server is confused; try again later.
        return Result.DEFERRED;
    }

    /** Whether a reply ends the session: the connection must be closed, never reused. */
    public static boolean closesSession(SmtpReply reply) {
        return reply.code() == 421;
    }

    /**
     * Whether a refusal or fault at {@code stage} moves on to the next address or MX host. Up to
     * and including EHLO/HELO and STARTTLS (a 4xx/5xx greeting, a refused EHLO, a failed TLS
     * handshake, required TLS not offered, a connection lost during the handshake) the fault is
     * the host's, not the message's: RFC 5321 §5.1 has the client try the next host, as Postfix
     * and qmail-remote do. The last host's outcome stands when none takes the session.
     */
    public static boolean triesNextHost(SmtpStage stage) {
        return stage == SmtpStage.CONNECT || beforeTransaction(stage);
    }

    private static boolean beforeTransaction(SmtpStage stage) {
        return stage == SmtpStage.GREETING || stage == SmtpStage.EHLO || stage == SmtpStage.HELO
                || stage == SmtpStage.STARTTLS || stage == SmtpStage.RSET;
    }

    // ---- network faults ------------------------------------------------------------------

    /**
     * Connection refused, timeouts, resets, malformed replies: the network or the server is
     * unwell, not the message (4.4.1 no answer when connecting, 4.4.2 a connection lost later).
     * Also a connection lost after the final "." but before the reply: the message may have
     * arrived, and RFC 5321 §6.1 prefers a possible duplicate to a possible loss.
     */
    public static DeliveryStatus forFault(SmtpStage stage, IOException fault, String remoteMta, String diagnostic) {
        EnhancedStatus status = stage == SmtpStage.CONNECT ? new EnhancedStatus(4, 4, 1) : new EnhancedStatus(4, 4, 2);
        return local(Result.DEFERRED, status, Reason.CONNECTION, remoteMta, diagnostic);
    }

    // ---- DNS -----------------------------------------------------------------------------

    /** What a name server said about a recipient domain, as far as delivery cares. */
    public enum DnsAnswer {
        /** NXDOMAIN: the domain does not exist. */
        NO_SUCH_DOMAIN,
        /** The domain exists, with neither MX nor A/AAAA records. */
        NO_MAIL_HOST,
        /** SERVFAIL, a timeout, no server reachable: nothing is known. */
        UNAVAILABLE
    }

    /**
     * NXDOMAIN and "no MX and no address" are answers: the domain cannot receive mail, and
     * waiting 5 days changes nothing, so the recipient fails with 5.1.2 (bad destination system
     * address), as Postfix bounces "Host or domain name not found". SERVFAIL and timeouts say
     * nothing about the domain: deferred (4.4.3, directory server failure).
     */
    public static DeliveryStatus forDns(DnsAnswer answer, String diagnostic) {
        return switch (answer) {
            case NO_SUCH_DOMAIN -> local(Result.FAILED, EnhancedStatus.BAD_DESTINATION_SYSTEM, Reason.NO_SUCH_DOMAIN,
                    null, diagnostic);
            case NO_MAIL_HOST -> local(Result.FAILED, EnhancedStatus.BAD_DESTINATION_SYSTEM, Reason.NO_MAIL_HOST,
                    null, diagnostic);
            case UNAVAILABLE -> local(Result.DEFERRED, new EnhancedStatus(4, 4, 3), Reason.DNS_UNAVAILABLE, null,
                    diagnostic);
        };
    }

    /** The domain publishes a null MX (RFC 7505 §4.2: 5.1.10): it accepts no mail, ever. */
    public static DeliveryStatus forNullMx(String diagnostic) {
        return local(Result.FAILED, new EnhancedStatus(5, 1, 10), Reason.NULL_MX, null, diagnostic);
    }

    // ---- TLS -----------------------------------------------------------------------------

    /**
     * TLS required and the hop does not offer it (4.7.4 security features not supported), or
     * the handshake failed (4.7.5 cryptographic failure): deferred, so an operator can fix
     * either end within the queue lifetime; never sent in clear text.
     */
    public static DeliveryStatus forTlsUnavailable(String remoteMta, String diagnostic) {
        return local(Result.DEFERRED, new EnhancedStatus(4, 7, 4), Reason.TLS_UNAVAILABLE, remoteMta, diagnostic);
    }

    public static DeliveryStatus forTlsFailure(String remoteMta, String diagnostic) {
        return local(Result.DEFERRED, new EnhancedStatus(4, 7, 5), Reason.TLS_FAILED, remoteMta, diagnostic);
    }

    // ---- local checks before sending -----------------------------------------------------

    /**
     * The message needs SMTPUTF8 and the hop does not offer it: RFC 6531 §3.4 allows no
     * downgrade here, and retrying will not change what the server offers (5.6.7).
     */
    public static DeliveryStatus forMissingSmtpUtf8(String remoteMta, String diagnostic) {
        return local(Result.FAILED, new EnhancedStatus(5, 6, 7), Reason.SMTPUTF8_UNSUPPORTED, remoteMta, diagnostic);
    }

    /** Larger than the SIZE the hop announced: it would answer 552 5.3.4 anyway. */
    public static DeliveryStatus forOverSize(String remoteMta, String diagnostic) {
        return local(Result.FAILED, new EnhancedStatus(5, 3, 4), Reason.TOO_BIG, remoteMta, diagnostic);
    }

    /**
     * The stored message has a header section beyond the bound: it will never become readable,
     * so retrying is pointless (5.6.0; the accept stage bounds headers far below).
     */
    public static DeliveryStatus forUnreadableHeaders(String remoteMta, String diagnostic) {
        return local(Result.FAILED, new EnhancedStatus(5, 6, 0), Reason.UNREADABLE_MESSAGE, remoteMta, diagnostic);
    }

    /** Every connection slot to the hop stayed busy past the wait: try again later (4.4.5). */
    public static DeliveryStatus forBusyHop(String diagnostic) {
        return local(Result.DEFERRED, new EnhancedStatus(4, 4, 5), Reason.HOP_BUSY, null, diagnostic);
    }

    /**
     * The spool could not be read while the message was being sent or piped: the next hop got
     * a truncated message, or none. Never "delivered", whatever the program or server said of
     * the part it got (a program that exits 0 on truncated input would otherwise lose the
     * rest): deferred (4.3.0), the disk may recover.
     */
    public static DeliveryStatus forSpoolReadError(String remoteMta, String diagnostic) {
        return local(Result.DEFERRED, new EnhancedStatus(4, 3, 0), Reason.SPOOL_READ_ERROR, remoteMta, diagnostic);
    }

    /** Interrupted (twgate is stopping): the attempt did not finish; retried after the restart. */
    public static DeliveryStatus forInterruption(String diagnostic) {
        return local(Result.DEFERRED, new EnhancedStatus(4, 3, 0), Reason.INTERRUPTED, null, diagnostic);
    }

    // ---- pipe routes (qmail-command) ------------------------------------------------------

    /** Exit codes qmail-command(8) names as hard errors besides 100. */
    private static final Set<Integer> PIPE_PERMANENT = Set.of(64, 65, 70, 76, 77, 78, 100, 112);

    /**
     * A program's exit code read as qmail-command(8) says: "0 means that the delivery was
     * successful; 99 means that the delivery was successful, but that qmail-local should ignore
     * all further delivery instructions; 100 means that the delivery failed permanently (hard
     * error); 111 means that the delivery failed but should be tried again in a little while
     * (soft error). Currently 64, 65, 70, 76, 77, 78, and 112 are considered hard errors, and
     * all other codes are considered soft errors". A route has one program, so 99 is simply
     * delivered here. Hard errors fail with 5.3.0, soft ones are deferred with 4.3.0 (the
     * program gives no enhanced code of its own).
     */
    public static DeliveryStatus forPipeExit(int exitCode, String program, String diagnostic) {
        if (exitCode == 0 || exitCode == 99) {
            return local(Result.DELIVERED, EnhancedStatus.SUCCESS, Reason.PIPE_EXIT, program, diagnostic);
        }
        if (PIPE_PERMANENT.contains(exitCode)) {
            return local(Result.FAILED, new EnhancedStatus(5, 3, 0), Reason.PIPE_EXIT, program, diagnostic);
        }
        return local(Result.DEFERRED, new EnhancedStatus(4, 3, 0), Reason.PIPE_EXIT, program, diagnostic);
    }

    /** The program ran past the route's timeout and was killed: as qmail-local, a soft error. */
    public static DeliveryStatus forPipeTimeout(String program, String diagnostic) {
        return local(Result.DEFERRED, new EnhancedStatus(4, 3, 0), Reason.PIPE_TIMEOUT, program, diagnostic);
    }

    /** The program could not be started (missing, not executable): an operator can fix it. */
    public static DeliveryStatus forPipeNotStarted(String program, String diagnostic) {
        return local(Result.DEFERRED, new EnhancedStatus(4, 3, 0), Reason.PIPE_NOT_STARTED, program, diagnostic);
    }

    // ---- rewriting and content handling ---------------------------------------------------

    /**
     * The route's rule set could not produce an address: no configuration of this message will
     * change, so it fails with 5.1.3 (bad destination mailbox address syntax), the status the
     * diagnostic quotes.
     */
    public static DeliveryStatus forRewriteRefusal(String diagnostic) {
        return local(Result.FAILED, EnhancedStatus.BAD_ADDRESS_SYNTAX, Reason.REWRITE_REFUSED, null, diagnostic);
    }

    /**
     * Not sent on purpose (a report on a final route under {@code deliver_relayed_dsn}: 2, or
     * converted and sent elsewhere): done, and no one is owed a notice.
     */
    public static DeliveryStatus forNotSent(String diagnostic) {
        return local(Result.DELIVERED, EnhancedStatus.SUCCESS, Reason.NOT_SENT, null, diagnostic);
    }

    // ---- the queue ------------------------------------------------------------------------

    /** An attempt that gave no outcome for a recipient: counted as deferred, never as delivered. */
    public static DeliveryStatus forNotReported() {
        return local(Result.DEFERRED, new EnhancedStatus(4, 3, 0), Reason.NOT_REPORTED, null,
                "local error: no outcome reported for this recipient");
    }

    /**
     * A programming error (a RuntimeException) during an attempt. It is logged at ERROR with its
     * stack trace; the recipients are deferred (4.3.0) so that a bug triggered by one odd
     * message or a passing state does not bounce mail. A bug that repeats would otherwise
     * retry quietly for the whole queue lifetime: after {@link #INTERNAL_ERRORS_BEFORE_HOLD}
     * attempts in a row end this way the message is held (journalled, shown by
     * {@code twgate queue list}) for an operator to look at and release, never bounced for a
     * fault of twgate's and never lost.
     */
    public static DeliveryStatus forInternalError(RuntimeException error) {
        return local(Result.DEFERRED, new EnhancedStatus(4, 3, 0), Reason.INTERNAL_ERROR, null,
                "local error: " + error);
    }

    /** See {@link #forInternalError}. */
    public static final int INTERNAL_ERRORS_BEFORE_HOLD = 3;

    /** Whether a message whose attempts ended in an internal error this many times in a row is held. */
    public static boolean holdsAfterInternalErrors(int inARow) {
        return inARow >= INTERNAL_ERRORS_BEFORE_HOLD;
    }

    /**
     * Past the queue lifetime every pending recipient fails: 5.4.7 (delivery time expired),
     * whatever the last attempt said (its reply stays in the diagnostic).
     */
    public static DeliveryStatus forExpiry(DeliveryStatus last) {
        String why = "gave up after the queue lifetime; last error: " + (last == null ? null : last.diagnostic());
        return new DeliveryStatus(Result.FAILED, EnhancedStatus.DELIVERY_TIME_EXPIRED.withClass(5), Reason.EXPIRED,
                null, last == null ? null : last.remoteMta(), why);
    }

    /** Deleted by the administrator with a notice: RFC 3463 has no closer code than 5.0.0. */
    public static DeliveryStatus forDeletion() {
        return local(Result.FAILED, EnhancedStatus.PERMANENT, Reason.DELETED, null,
                "deleted from the queue by the administrator");
    }

    /**
     * A failure notice that cannot be queued (spool full, disk error) leaves the original in the
     * queue, its failed recipients journalled as failed but not yet notified: the notice is tried
     * again at every later attempt time (the retry schedule), and the original leaves the spool
     * only once every notice it owes is queued. Postfix defers the original the same way. The
     * queue lifetime does not apply to an owed notice: losing it would lose the only word the
     * sender gets.
     */
    public static final boolean KEEPS_ORIGINAL_UNTIL_NOTICE_QUEUED = true;

    /**
     * A delay warning or "relayed" notice that cannot be queued is logged and not retried: they
     * are courtesies of RFC 3461 and the message's fate does not hang on them (a delay warning
     * retried would arrive late anyway).
     */
    public static final boolean RETRIES_COURTESY_NOTICES = false;

    private static DeliveryStatus local(Result result, EnhancedStatus status, Reason reason, String remoteMta,
            String diagnostic) {
        return new DeliveryStatus(result, status, reason, null, remoteMta, diagnostic);
    }
}
