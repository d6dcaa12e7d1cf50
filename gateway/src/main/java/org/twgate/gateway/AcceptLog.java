package org.twgate.gateway;

import java.util.function.Consumer;
import org.twgate.gateway.accept.MessageIntake;
import org.twgate.gateway.accept.Reply;
import org.twgate.gateway.spool.Envelope;
import org.twgate.gateway.spool.IncomingMessage;
import org.twgate.gateway.spool.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs every message the server accepted or refused after DATA, and queues the accepted ones. */
final class AcceptLog implements MessageIntake {
    private static final Logger LOG = LoggerFactory.getLogger("org.twgate.accept");
    private final Consumer<StoredMessage> queue;

    AcceptLog(Consumer<StoredMessage> queue) {
        this.queue = queue;
    }

    @Override
    public void finished(IncomingMessage message, StoredMessage stored, Reply reply) {
        Envelope e = message.envelope();
        if (stored != null) {
            LOG.info("queue_id={} event=accepted from=<{}> rcpts={} size={} client={}", stored.id(), e.sender(),
                    e.recipients().size(), stored.contentSize(), e.clientAddress());
            queue.accept(stored);
        } else {
            LOG.info("queue_id={} event=refused from=<{}> rcpts={} client={} reply=\"{}\"", message.id(), e.sender(),
                    e.recipients().size(), e.clientAddress(), reply);
        }
    }
}
