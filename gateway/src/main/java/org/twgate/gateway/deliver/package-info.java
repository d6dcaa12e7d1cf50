/**
 * Deliver: hands a spooled message to the next hop over SMTP and reports, per recipient,
 * whether it was delivered, must be retried, or failed for good.
 *
 * <p><b>Takes</b> a {@link org.twgate.gateway.deliver.NextHop} (where to connect, whether it is a
 * final delivery, how many connections it may have) and an
 * {@link org.twgate.gateway.deliver.OutboundMessage} (envelope, DSN parameters, and the stored
 * content: CRLF lines, not dot-stuffed). The entry point is
 * {@link org.twgate.gateway.deliver.SmtpTransport#deliver}.
 *
 * <p><b>Hands on</b> a {@link org.twgate.gateway.deliver.DeliveryResult}: one
 * {@link org.twgate.gateway.deliver.RecipientResult} per recipient, whose
 * {@link org.twgate.gateway.outcome.DeliveryStatus} (result, enhanced status, reason, remote
 * reply and MTA) the queue journals and the notify stage turns into DSNs.
 *
 * <p><b>Fails</b> only by value: connection refused, timeouts, DNS answers, TLS and I/O errors,
 * replies and local checks become statuses; the rule for each case lives in
 * {@link org.twgate.gateway.outcome.DeliveryPolicy} and nowhere else (a refusal before MAIL moves
 * on to the next MX host; NXDOMAIN fails with 5.1.2; a spool read error is never delivered).
 * Exceptions leave this package only for programming errors (bad arguments).
 *
 * <p><b>Threads.</b> The client is blocking: one caller thread drives one connection through
 * a whole transaction (the caller's pool bounds how many run). Callers may block in
 * {@link org.twgate.gateway.deliver.SmtpConnectionPool} waiting for a free connection slot,
 * bounded by {@code acquireTimeout}. The pool owns one daemon thread,
 * {@code twgate-smtp-reaper}, which closes idle connections and aborts transactions that
 * overrun {@code transactionTimeout} (a blocked socket write has no timeout of its own);
 * {@code close()} stops it.
 */
package org.twgate.gateway.deliver;
