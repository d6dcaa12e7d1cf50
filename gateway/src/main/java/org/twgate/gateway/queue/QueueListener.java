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

    default void removed(StoredMessage message) {
    }
}
