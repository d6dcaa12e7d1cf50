package org.twgate.gateway.status;

import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.twgate.dsn.status.Action;
import org.twgate.gateway.accept.SmtpListener;
import org.twgate.gateway.metrics.DsnDisposition;
import org.twgate.gateway.queue.QueueListener;
import org.twgate.gateway.outcome.DeliveryStatus;
import org.twgate.gateway.spool.EnvelopeRecipient;
import org.twgate.gateway.spool.QueueId;
import org.twgate.gateway.spool.StoredMessage;

/**
 * The recorder as one more listener beside the log and the metrics: the queue's adapter tells
 * {@code next} everything, as before, and the recorder the facts it keeps; the SMTP server's
 * is one of its listeners ({@code SmtpListener.all}). These are the only classes that
 * know today's listener interfaces; the recorder's own input stays one method per fact.
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

    /**
     * DSNs: the notify stage counts each one (action, what the policy did) right after it queued
     * the notice, on the same thread, but does not say which notice; {@link #submitted} remembers
     * the id of the notice the thread just queued so {@link #counted} can name it.
     */
    public static final class Notices {
        private final ThreadLocal<QueueId> lastQueued = new ThreadLocal<>();
        private final StatusRecorder recorder;

        public Notices(StatusRecorder recorder) {
            this.recorder = recorder;
        }

        /** Wraps the hand-off of a notice twgate wrote to the queue. */
        public Consumer<StoredMessage> submitted(Consumer<StoredMessage> queue) {
            return stored -> {
                lastQueued.set(stored.id());
                queue.accept(stored);
            };
        }

        /** Wraps the DSN counters' listener ({@code disposition} is a {@link DsnDisposition} name). */
        public BiConsumer<Action, String> counted(BiConsumer<Action, String> next) {
            return (action, disposition) -> {
                next.accept(action, disposition);
                QueueId notice = lastQueued.get();
                lastQueued.remove();
                DsnDisposition d = DsnDisposition.valueOf(disposition);
                boolean queued = d == DsnDisposition.REPORT || d == DsnDisposition.MESSAGE;
                recorder.dsn(action, d, queued ? notice : null);
            };
        }
    }
}
