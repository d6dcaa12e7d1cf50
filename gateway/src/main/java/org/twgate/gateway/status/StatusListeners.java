package org.twgate.gateway.status;

import java.time.Duration;
import org.twgate.gateway.accept.SmtpListener;
import org.twgate.gateway.outcome.DeliveryStatus;
import org.twgate.gateway.queue.QueueListener;
import org.twgate.gateway.spool.EnvelopeRecipient;
import org.twgate.gateway.spool.StoredMessage;

/**
 * The recorder as one more listener beside the log and the metrics, of the queue's events and
 * of the SMTP server's ({@code SmtpListener.all}); DSNs reach it from the gateway's
 * {@code DsnCounters.Events}. The recorder's own input stays one method per fact.
 */
public final class StatusListeners {
    private StatusListeners() {
    }

    /** The queue's listener: every event to {@code next}, recipient outcomes (and expiries) also to the recorder. */
    public static QueueListener queue(QueueListener next, StatusRecorder recorder) {
        return QueueListener.all(next, new QueueListener() {
            @Override
            public void recipientOutcome(StoredMessage message, EnvelopeRecipient recipient, String route,
                    DeliveryStatus status, Duration took) {
                recorder.recipientOutcome(message.id(), recipient.address(), route, status.result(),
                        status.diagnostic());
            }

            @Override
            public void expired(StoredMessage message, EnvelopeRecipient recipient, String route,
                    DeliveryStatus status) {
                recorder.recipientOutcome(message.id(), recipient.address(), route, status.result(),
                        status.diagnostic());
            }
        });
    }

    /**
     * One more of the SMTP server's listeners (beside the log and the metrics): refused
     * connections and commands, and each end of data, accepted or refused, with its reason.
     */
    public static SmtpListener smtp(StatusRecorder recorder) {
        return new SmtpListener() {
            @Override
            public void connectionRefused(ConnectionRefused refused) {
                recorder.connectionRefused(refused.reason().label());
            }

            @Override
            public void commandRefused(CommandRefused refusal) {
                recorder.commandRefused(refusal.command(), refusal.reason().label(), refusal.reply().toString());
            }

            @Override
            public void messageAccepted(MessageAccepted accepted) {
                StoredMessage stored = accepted.stored();
                recorder.accepted(stored.id(), stored.envelope().sender(), stored.envelope().recipients().size());
            }

            @Override
            public void messageRefused(MessageRefused refused) {
                recorder.messageRefused(refused.message().id().value(), refused.message().envelope().sender(),
                        refused.reason().label(), refused.reply().toString());
            }
        };
    }
}
