package org.twgate.gateway.queue;

import java.time.Duration;
import java.time.Instant;
import org.twgate.gateway.spool.QueueId;
import org.twgate.gateway.spool.StoredMessage;

/** What the queue reports as it works (metrics hang here). */
public interface QueueListener {
    QueueListener NONE = new QueueListener() {
    };

    default void attempted(String route, RecipientOutcome.Result result, Duration took, Instant arrival) {
    }

    /**
     * What became of one recipient at an attempt (or at expiry, as failed): the facts the status
     * page lists. {@code reply} is the next hop's reply or a local diagnostic, from outside.
     */
    default void recipientOutcome(QueueId id, String recipient, String route, RecipientOutcome.Result result,
            String reply) {
    }

    /** A recipient failed because the message outlived the queue lifetime, without an attempt. */
    default void expired(String route, Instant arrival) {
    }

    default void removed(StoredMessage message) {
    }
}
