package org.twgate.gateway.accept;

/**
 * What the SMTP server reports about sessions and refusals as it works (metrics hang here).
 * Called on event-loop threads: implementations must not block.
 */
public interface SmtpListener {
    SmtpListener NONE = new SmtpListener() {
    };

    /** A session was admitted (it passed the client policy and the connection limits). */
    default void sessionOpened() {
    }

    /** An admitted session ended, however it ended. */
    default void sessionClosed() {
    }

    /** The server ended an admitted session with a {@code 421} (idle, or stopping). */
    default void sessionClosedByServer(SessionClosure reason) {
    }

    /** A connection was answered with one refusal and closed; it never became a session. */
    default void connectionRefused(ConnectionRefusal reason) {
    }

    /** The command label of a line the framer refused before any verb was read (too long, bare LF). */
    String UNREAD_LINE = "LINE";

    /**
     * A command got a 4xx or 5xx reply (the end of data is reported to {@link MessageIntake}).
     *
     * @param command the verb as the server knows it (MAIL, RCPT, DATA, …), or {@link #UNREAD_LINE};
     *                never client text
     */
    default void commandRefused(String command, Reply reply) {
    }
}
