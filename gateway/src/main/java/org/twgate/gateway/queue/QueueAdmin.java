package org.twgate.gateway.queue;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.twgate.gateway.spool.QueueId;

/**
 * The operator's actions on the queue, the same whether twgate is running ({@link DeliveryQueue},
 * reached through the control socket so nothing races its delivery threads) or stopped
 * ({@link StoppedQueue}, working on the spool files under the spool lock).
 */
public interface QueueAdmin {
    List<QueueEntry> list() throws IOException;

    Optional<QueueEntry> entry(QueueId id) throws IOException;

    /** Attempts every message (id null) or one now; returns how many were scheduled. */
    int retry(QueueId id) throws IOException;

    boolean hold(QueueId id, boolean hold) throws IOException;

    /** Removes a message; with {@code notify}, its sender gets a failure notice for the pending recipients. */
    boolean delete(QueueId id, boolean notify) throws IOException;
}
