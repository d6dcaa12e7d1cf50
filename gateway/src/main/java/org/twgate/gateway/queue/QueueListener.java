package org.twgate.gateway.queue;

import java.time.Duration;
import java.time.Instant;
import org.twgate.gateway.spool.StoredMessage;

/** What the queue reports as it works (metrics hang here). */
public interface QueueListener {
    QueueListener NONE = new QueueListener() {
    };

    default void attempted(String route, RecipientOutcome.Result result, Duration took, Instant arrival) {
    }

    /** A recipient failed because the message outlived the queue lifetime, without an attempt. */
    default void expired(String route, Instant arrival) {
    }

    default void removed(StoredMessage message) {
    }
}
