package org.twgate.gateway.accept;

import org.twgate.gateway.spool.IncomingMessage;
import org.twgate.gateway.spool.StoredMessage;

/**
 * Where the SMTP server hands what it received: the queue. The log and the metrics hear of the
 * same end of data as {@link SmtpListener} events, told just before.
 */
public interface MessageIntake {
    /**
     * Called once per message after its end of data, before the client hears {@code reply}.
     *
     * @param stored the committed message, or null when it was refused or could not be stored
     */
    void finished(IncomingMessage message, StoredMessage stored, Reply reply);
}
