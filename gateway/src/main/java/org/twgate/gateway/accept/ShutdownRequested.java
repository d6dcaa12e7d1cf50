package org.twgate.gateway.accept;

/** Pipeline event: the server is stopping; finish the current transaction, then say 421. */
enum ShutdownRequested {
    INSTANCE
}
