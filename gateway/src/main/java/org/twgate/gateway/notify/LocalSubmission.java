package org.twgate.gateway.notify;

import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.twgate.gateway.spool.Envelope;
import org.twgate.gateway.spool.EnvelopeRecipient;
import org.twgate.gateway.spool.IncomingMessage;
import org.twgate.gateway.spool.QueueId;
import org.twgate.gateway.spool.Spool;
import org.twgate.gateway.spool.StoredMessage;

/** Queues a message twgate itself writes: durable in the spool, then handed to the queue. */
public final class LocalSubmission {
    private final Spool spool;
    private final Consumer<StoredMessage> queue;
    private final Clock clock;

    public LocalSubmission(Spool spool, Consumer<StoredMessage> queue, Clock clock) {
        this.spool = spool;
        this.queue = queue;
        this.clock = clock;
    }

    /** Blocks until the message is fsynced; call from a delivery thread, never an event loop. */
    public QueueId submit(String sender, String recipient, byte[] content) throws IOException {
        Instant now = clock.instant();
        Envelope envelope = new Envelope(sender, List.of(new EnvelopeRecipient(0, recipient, "NEVER", null)),
                null, null, "8BITMIME", false, now, "127.0.0.1", "localhost", "LOCAL");
        IncomingMessage message = spool.receive(envelope, id -> new byte[0]);
        message.write(Unpooled.wrappedBuffer(content));
        try {
            StoredMessage stored = message.commit().get();
            queue.accept(stored);
            return stored.id();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while queueing a notice", e);
        } catch (ExecutionException e) {
            throw new IOException("cannot queue a notice: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
