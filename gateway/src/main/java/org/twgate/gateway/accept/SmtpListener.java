package org.twgate.gateway.accept;

import java.util.List;
import java.util.Objects;
import org.twgate.gateway.spool.IncomingMessage;
import org.twgate.gateway.spool.StoredMessage;

/**
 * What the SMTP server reports as it works: sessions, refused connections, and every decision on
 * a command or a message (refused with its {@link RefusalReason}, or accepted). The log lines
 * ({@link SmtpEventLog}) and the metrics are two listeners of the same events, so they always
 * agree; a status page can be a third ({@link #all}). Called on event-loop threads (and, for the
 * end of data, on a spool I/O thread): implementations must not block and should not throw.
 */
public interface SmtpListener {
    SmtpListener NONE = new SmtpListener() {
    };

    /** Every listener in turn; one that throws is logged and does not keep the others from the event. */
    static SmtpListener all(SmtpListener... listeners) {
        return new SmtpListeners(List.of(listeners));
    }

    /** A session was admitted (it passed the client policy and the connection limits). */
    default void sessionOpened() {
    }

    /** An admitted session ended, however it ended. */
    default void sessionClosed() {
    }

    /** The server ended an admitted session with a {@code 421} (idle, deadlines, or stopping). */
    default void sessionClosedByServer(SessionClosure reason) {
    }

    /**
     * A session the server ended, with the client and the {@code 421} it heard.
     *
     * @param client the client's IP address
     */
    record SessionClosed(String client, SessionClosure reason, Reply reply) {
    }

    /** The server ended an admitted session; by default told as {@link #sessionClosedByServer(SessionClosure)}. */
    default void sessionClosedByServer(SessionClosed closed) {
        sessionClosedByServer(closed.reason());
    }

    /** A connection was answered with one refusal and closed; it never became a session. */
    default void connectionRefused(ConnectionRefusal reason) {
    }

    /**
     * A connection refused before its session began, with what decided it.
     *
     * @param client the client's IP address
     * @param rule   the client policy's rule that refused it, or null
     * @param limit  the limit it was over, or 0
     */
    record ConnectionRefused(String client, ConnectionRefusal reason, String rule, int limit) {
    }

    /** A connection refused; by default told as {@link #connectionRefused(ConnectionRefusal)}. */
    default void connectionRefused(ConnectionRefused refused) {
        connectionRefused(refused.reason());
    }

    /** The command label of a line the framer refused before any verb was read (too long, bare LF). */
    String UNREAD_LINE = "LINE";

    /**
     * A command got a 4xx or 5xx reply. The end of data is not a command: it is reported as
     * {@link #messageAccepted} or {@link #messageRefused}.
     *
     * @param session the James session id, or null when there is none yet
     * @param client  the client's IP address
     * @param command the verb as the server knows it (MAIL, RCPT, DATA, UNKNOWN, …), or
     *                {@link #UNREAD_LINE}; never client text
     * @param reply   what the client heard; its {@link Reply#reason()} is the cause
     */
    record CommandRefused(String session, String client, String command, Reply reply) {
        public CommandRefused {
            Objects.requireNonNull(reply.reason(), "a refusal names its reason where it is decided");
        }

        public RefusalReason reason() {
            return reply.reason();
        }
    }

    default void commandRefused(CommandRefused refusal) {
    }

    /** A message was committed to the spool; the client hears {@code reply} ({@code 250 … queued as ID}). */
    record MessageAccepted(IncomingMessage message, StoredMessage stored, Reply reply) {
    }

    default void messageAccepted(MessageAccepted accepted) {
    }

    /** A message was refused at its end of data (limits, content, the spool); nothing was queued. */
    record MessageRefused(IncomingMessage message, Reply reply) {
        public MessageRefused {
            Objects.requireNonNull(reply.reason(), "a refusal names its reason where it is decided");
        }

        public RefusalReason reason() {
            return reply.reason();
        }
    }

    default void messageRefused(MessageRefused refused) {
    }
}
