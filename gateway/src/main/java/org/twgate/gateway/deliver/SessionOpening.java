package org.twgate.gateway.deliver;

/** How an attempt to open an SMTP session with a hop ended. */
sealed interface SessionOpening {

    /** Connected, greeted, EHLO (or HELO) accepted: ready for a transaction. */
    record Opened(SmtpConnection connection) implements SessionOpening {
    }

    /**
     * No session: nothing reachable, or the server refused us before any transaction.
     *
     * @param reply     the refusing reply, or null when no server answered
     * @param remoteMta the server that refused, or null when none was reached
     */
    record NotOpened(Outcome outcome, SmtpStage stage, SmtpReply reply, String remoteMta, String diagnostic)
            implements SessionOpening {
    }
}
