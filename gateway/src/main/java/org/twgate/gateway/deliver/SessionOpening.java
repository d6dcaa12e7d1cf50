package org.twgate.gateway.deliver;

import org.twgate.gateway.outcome.DeliveryStatus;

/** How an attempt to open an SMTP session with a hop ended. */
sealed interface SessionOpening {

    /** Connected, greeted, EHLO (or HELO) accepted: ready for a transaction. */
    record Opened(SmtpConnection connection) implements SessionOpening {
    }

    /**
     * No session: nothing reachable, or the server refused us before any transaction.
     *
     * @param stage where it ended
     * @param reply the refusing reply, or null when no server answered
     */
    record NotOpened(DeliveryStatus status, SmtpStage stage, SmtpReply reply) implements SessionOpening {
        DeliveryStatus.Result outcome() {
            return status.result();
        }

        String diagnostic() {
            return status.diagnostic();
        }
    }
}
