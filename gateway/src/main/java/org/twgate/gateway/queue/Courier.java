package org.twgate.gateway.queue;

import java.util.List;
import org.twgate.gateway.spool.EnvelopeRecipient;
import org.twgate.gateway.spool.StoredMessage;

/** Carries one message to the next hop of one route, for some of its recipients. */
@FunctionalInterface
public interface Courier {
    /**
     * Makes one delivery attempt. Blocks (network I/O); called on a delivery thread.
     *
     * @return one outcome per recipient given, in any order
     */
    List<RecipientOutcome> deliver(String route, StoredMessage message, List<EnvelopeRecipient> recipients);
}
