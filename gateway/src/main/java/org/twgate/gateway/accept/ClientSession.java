package org.twgate.gateway.accept;

import java.util.Optional;
import org.apache.james.protocols.api.ProtocolSession;
import org.twgate.gateway.policy.RelayPolicy;

/**
 * What is known about the client for the whole connection, decided when it connects.
 *
 * @param name  its forward-confirmed PTR name, when looked up and found in time
 * @param rates its message and recipient counts, or {@link ClientRates.Client#UNLIMITED} when exempt
 */
record ClientSession(String address, RelayPolicy.ClientVerdict verdict, Optional<String> name,
                     ClientRates.Client rates) {
    static final ProtocolSession.AttachmentKey<ClientSession> KEY =
            ProtocolSession.AttachmentKey.of("twgate.client", ClientSession.class);

    ClientSession named(Optional<String> found) {
        return new ClientSession(address, verdict, found, rates);
    }
}
