package org.twgate.gateway.accept;

import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.twgate.gateway.policy.RelayPolicy;

/** The {@code 220} banner; records what the client may do for the rest of the connection. */
final class Greeting implements ConnectHandler<SMTPSession> {
    private final RelayPolicy policy;
    private final String hostname;

    Greeting(RelayPolicy policy, String hostname) {
        this.policy = policy;
        this.hostname = hostname;
    }

    @Override
    public Response onConnect(SMTPSession session) {
        var address = session.getRemoteAddress().getAddress();
        ClientSession client = new ClientSession(address.getHostAddress(), policy.client(address));
        session.setAttachment(ClientSession.KEY, client, State.Connection);
        session.setRelayingAllowed(client.verdict().relayClient());
        return Reply.of(220, null, hostname + " ESMTP twgate").toResponse();
    }
}
