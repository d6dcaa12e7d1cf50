package org.twgate.gateway.queue;

import org.twgate.gateway.spool.StoredMessage;

/**
 * One message in the running queue: its stored form and its {@link MessageState}, replaced
 * whole. Everything here is guarded by this object's monitor, which {@code list}, {@code show},
 * {@code hold}, {@code retry}, {@code delete} and a running attempt's outcome all take, so none
 * sees or makes half a change; {@code busy} keeps two attempts from overlapping and
 * {@code removed} tells a running attempt that its result is to be discarded.
 */
final class QueuedMessage {
    final StoredMessage stored;
    MessageState state;
    boolean busy;
    boolean removed;

    QueuedMessage(StoredMessage stored, MessageState state) {
        this.stored = stored;
        this.state = state;
    }
}
