package org.twgate.gateway.queue;

import java.io.IOException;
import java.util.List;
import org.twgate.gateway.spool.EnvelopeRecipient;
import org.twgate.gateway.spool.StoredMessage;

/** Tells a sender what became of their message, by queueing a new message to them. */
public interface Notifier {

    /** A recipient that will not be delivered: refused permanently, or out of queue lifetime. */
    record FailedRecipient(EnvelopeRecipient recipient, String reply, String remoteMta, boolean expired) {
    }

    /** Queues one notice covering every recipient that failed in one attempt. Never called for {@code <>}. */
    void failed(StoredMessage message, List<FailedRecipient> recipients) throws IOException;
}
