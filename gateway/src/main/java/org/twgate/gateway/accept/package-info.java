/**
 * Accept: the SMTP server. Takes a client's connection; hands on a message committed to the
 * spool ({@code MessageIntake}), and tells an {@code SmtpListener} of sessions, of every refusal
 * with the {@code RefusalReason} named where it was decided, and of every message accepted or
 * refused; the log ({@code SmtpEventLog}) and the metrics are listeners of the same events.
 *
 * <p>Netty's pipeline is twgate's own ({@code SmtpServer}): the client policy and the per-client
 * limits at connect ({@code ClientRates}), the banner held for the client's PTR name at most its
 * timeout ({@code SessionStart}, {@code ClientNames}), strict framing of command lines and of the
 * message content ({@code SmtpFramer}, {@code DataDecoder}) with the session's deadlines
 * ({@code SessionDeadlines}); James's handlers answer the commands, twgate's own MAIL, RCPT and
 * DATA among them.
 *
 * <p>How it fails: never silently. Every refusal is a {@link org.twgate.gateway.accept.Reply} with
 * an enhanced status code, its text escaped to printable US-ASCII; a connection twgate will not
 * serve hears one reply before it is closed; a session twgate ends hears {@code 421} first.
 * {@code SmtpServer.bind} holds the ports before {@code accept} takes connections, so the gateway
 * can bind every listener before it recovers its queue. No
 * I/O thread waits on a downstream server, a name server or the log, nor on the disk while it
 * serves more than one session ({@code SmtpFramer}).
 */
package org.twgate.gateway.accept;
