package org.twgate.gateway.accept;

import java.util.concurrent.CompletableFuture;
import org.apache.james.protocols.api.ProtocolSession;
import org.twgate.gateway.spool.IncomingMessage;
import org.twgate.gateway.spool.SpoolIoException;
import org.twgate.gateway.spool.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message of the current transaction from {@code 354} to the reply after the end of data.
 * Set on the session by the DATA command, read by the {@link SmtpFramer} (which streams the
 * content into {@link #message()}) and by the end-of-data handler (which sends {@link #outcome()}).
 */
final class InboundData {
    static final ProtocolSession.AttachmentKey<InboundData> KEY =
            ProtocolSession.AttachmentKey.of("twgate.data", InboundData.class);
    private static final Logger LOG = LoggerFactory.getLogger(InboundData.class);

    private final IncomingMessage message;
    private final MessageIntake intake;
    private volatile Reply outcome;
    private volatile StoredMessage stored;

    InboundData(IncomingMessage message, MessageIntake intake) {
        this.message = message;
        this.intake = intake;
    }

    IncomingMessage message() {
        return message;
    }

    /**
     * Commits the message (with its last content chunk, or null); completes with the reply the
     * client must hear. Call {@link #announce()} afterwards.
     *
     * @param onCallerThread see {@link IncomingMessage#commit(io.netty.buffer.ByteBuf, boolean)}
     */
    CompletableFuture<Reply> commit(io.netty.buffer.ByteBuf last, boolean onCallerThread) {
        return message.commit(last, onCallerThread).handle((stored, failure) -> {
            if (failure == null) {
                setOutcome(AcceptReplies.queued(stored.id().value()), stored);
            } else {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                LOG.error("queue_id={} event=spool_error error=\"{}\"", message.id(), cause.getMessage());
                boolean full = cause instanceof SpoolIoException io && io.isOutOfSpace();
                setOutcome(full ? AcceptReplies.SPOOL_FULL : AcceptReplies.SPOOL_ERROR, null);
            }
            return outcome;
        });
    }

    void setOutcome(Reply reply, StoredMessage stored) {
        this.outcome = reply;
        this.stored = stored;
    }

    /** Hands the outcome to the intake (log, metrics, queue): after the reply is on its way. */
    void announce() {
        intake.finished(message, stored, outcome);
    }

    Reply outcome() {
        return outcome;
    }
}
