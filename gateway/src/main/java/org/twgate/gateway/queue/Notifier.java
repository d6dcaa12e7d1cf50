package org.twgate.gateway.queue;

import java.io.IOException;
import java.util.List;
import org.twgate.dsn.status.EnhancedStatus;
import org.twgate.gateway.outcome.DeliveryStatus;
import org.twgate.gateway.outcome.DeliveryStatus.Result;
import org.twgate.gateway.outcome.Reason;
import org.twgate.gateway.spool.EnvelopeRecipient;
import org.twgate.gateway.spool.StoredMessage;

/**
 * Tells a sender what became of their message, by queueing a new message to them. The queue
 * calls it with every recipient an outcome applies to; the notifier decides, per recipient's
 * NOTIFY and per route policy, whether anything is written. Never called for {@code <>}.
 * An exception means the notice is not queued (see
 * {@link org.twgate.gateway.outcome.DeliveryPolicy#KEEPS_ORIGINAL_UNTIL_NOTICE_QUEUED}).
 */
public interface Notifier {

    /**
     * A recipient that will not be delivered: refused permanently, or out of queue lifetime.
     *
     * @param status why, with the status a report gives (the next hop's, or the local cause's)
     */
    record FailedRecipient(EnvelopeRecipient recipient, DeliveryStatus status) {
        public FailedRecipient(EnvelopeRecipient recipient, String reply, String remoteMta, boolean expired,
                String smtpReply) {
            this(recipient, DeliveryStatus.fromTexts(Result.FAILED,
                    expired ? "gave up after the queue lifetime; last error: " + reply : reply, remoteMta,
                    expired ? null : smtpReply,
                    expired ? EnhancedStatus.DELIVERY_TIME_EXPIRED : EnhancedStatus.PERMANENT,
                    expired ? Reason.EXPIRED : Reason.REMOTE_REPLY));
        }

        public FailedRecipient(EnvelopeRecipient recipient, String reply, String remoteMta, boolean expired) {
            this(recipient, reply, remoteMta, expired, null);
        }

        public boolean expired() {
            return status.reason() == Reason.EXPIRED;
        }

    }

    /** A recipient handed to a next hop that does not offer DSN (RFC 3461 §5.2.2). */
    record RelayedRecipient(EnvelopeRecipient recipient, String route, String remoteMta, String smtpReply) {
    }

    /**
     * A recipient still waiting in the queue past the delay-warning time.
     *
     * @param status its latest status (the next hop's reply, or the local cause: 4.4.3 a name
     *               server failure, 4.7.4 TLS not offered…), or null when not attempted yet
     */
    record DelayedRecipient(EnvelopeRecipient recipient, DeliveryStatus status) {
        public DelayedRecipient(EnvelopeRecipient recipient, String reply, String smtpReply) {
            this(recipient, reply == null && smtpReply == null ? null : DeliveryStatus.fromTexts(Result.DEFERRED,
                    reply, null, smtpReply, EnhancedStatus.TRANSIENT, Reason.REMOTE_REPLY));
        }
    }

    /** Queues one notice covering every recipient that failed in one attempt. */
    void failed(StoredMessage message, List<FailedRecipient> recipients) throws IOException;

    /** Recipients accepted by a next hop without DSN in one attempt: the "relayed" duty. */
    default void relayed(StoredMessage message, List<RelayedRecipient> recipients) throws IOException {
    }

    /** The message's pending recipients, once, when it has waited past the warning time. */
    default void delayed(StoredMessage message, List<DelayedRecipient> recipients) throws IOException {
    }
}
