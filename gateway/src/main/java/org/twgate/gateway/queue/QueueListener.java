package org.twgate.gateway.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.twgate.gateway.outcome.DeliveryStatus;
import org.twgate.gateway.outcome.Reason;
import org.twgate.gateway.spool.EnvelopeRecipient;
import org.twgate.gateway.spool.StoredMessage;

/**
 * The queue's decisions as events, for anyone who wants them: the log lines
 * ({@link DeliveryLog}) and the metrics are two listeners, so both always tell the same story.
 * Called on delivery threads, some under a message's guard: implementations must be quick and
 * must not call back into the queue.
 */
public interface QueueListener {
    QueueListener NONE = new QueueListener() {
    };

    /** A route's group of a message's recipients is handed to the courier. */
    default void attemptStarted(StoredMessage message, String route, int recipients) {
    }

    /** What the attempt made of one recipient (delivered, deferred or failed); {@code took} is the group's. */
    default void recipientOutcome(StoredMessage message, EnvelopeRecipient recipient, String route,
            DeliveryStatus status, Duration took) {
    }

    /** A recipient failed because the message outlived the queue lifetime, without an attempt. */
    default void expired(StoredMessage message, EnvelopeRecipient recipient, String route, DeliveryStatus status) {
    }

    /**
     * A notice ({@code action} failed, delayed or relayed) covering {@code recipients} was handed
     * to the notifier, which wrote one if their NOTIFY and the route's policy ask for it.
     */
    default void noticeQueued(StoredMessage message, String action, int recipients) {
    }

    /**
     * A notice could not be queued. A failure notice ({@code retry} not null) keeps the original
     * and is tried again then; a delay or relayed notice ({@code retry} null) is dropped.
     */
    default void noticeNotQueued(StoredMessage message, String action, int recipients, Instant retry,
            Exception error) {
    }

    /** A programming error during an attempt (see {@link org.twgate.gateway.outcome.DeliveryPolicy#forInternalError}). */
    default void internalError(StoredMessage message, String route, RuntimeException error) {
    }

    /** The queue held the message itself (not an operator). */
    default void held(StoredMessage message, Reason reason, int inARow) {
    }

    /** The message left the queue: finished or deleted. */
    default void removed(StoredMessage message) {
    }

    /** Every event to each of {@code listeners}, in order. */
    static QueueListener all(QueueListener... listeners) {
        List<QueueListener> list = List.of(listeners);
        return new QueueListener() {
            @Override
            public void attemptStarted(StoredMessage message, String route, int recipients) {
                list.forEach(l -> l.attemptStarted(message, route, recipients));
            }

            @Override
            public void recipientOutcome(StoredMessage message, EnvelopeRecipient recipient, String route,
                    DeliveryStatus status, Duration took) {
                list.forEach(l -> l.recipientOutcome(message, recipient, route, status, took));
            }

            @Override
            public void expired(StoredMessage message, EnvelopeRecipient recipient, String route,
                    DeliveryStatus status) {
                list.forEach(l -> l.expired(message, recipient, route, status));
            }

            @Override
            public void noticeQueued(StoredMessage message, String action, int recipients) {
                list.forEach(l -> l.noticeQueued(message, action, recipients));
            }

            @Override
            public void noticeNotQueued(StoredMessage message, String action, int recipients, Instant retry,
                    Exception error) {
                list.forEach(l -> l.noticeNotQueued(message, action, recipients, retry, error));
            }

            @Override
            public void internalError(StoredMessage message, String route, RuntimeException error) {
                list.forEach(l -> l.internalError(message, route, error));
            }

            @Override
            public void held(StoredMessage message, Reason reason, int inARow) {
                list.forEach(l -> l.held(message, reason, inARow));
            }

            @Override
            public void removed(StoredMessage message) {
                list.forEach(l -> l.removed(message));
            }
        };
    }
}
