package org.twgate.gateway.accept;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.smtp.SMTPSession;

/** The {@code 220} banner. What the client may do was decided when it connected ({@link SessionStart}). */
final class Greeting implements ConnectHandler<SMTPSession> {
    private final String hostname;

    Greeting(String hostname) {
        this.hostname = hostname;
    }

    @Override
    public Response onConnect(SMTPSession session) {
        return Reply.of(220, null, hostname + " ESMTP twgate").toResponse();
    }
}
