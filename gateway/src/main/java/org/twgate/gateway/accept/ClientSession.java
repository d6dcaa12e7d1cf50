package org.twgate.gateway.accept;

import org.apache.james.protocols.api.ProtocolSession;
import org.twgate.gateway.policy.RelayPolicy;

/** What is known about the client for the whole connection, decided when it connects. */
record ClientSession(String address, RelayPolicy.ClientVerdict verdict) {
    static final ProtocolSession.AttachmentKey<ClientSession> KEY =
            ProtocolSession.AttachmentKey.of("twgate.client", ClientSession.class);
}
