package org.twgate.gateway.accept;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolTransport;
import org.apache.james.protocols.api.handler.ProtocolHandlerChain;
import org.apache.james.protocols.smtp.SMTPConfiguration;
import org.apache.james.protocols.smtp.SMTPProtocol;
import org.apache.james.protocols.smtp.SMTPSessionImpl;

/**
 * James's SMTP protocol with sessions that decode command lines octet for octet (ISO-8859-1)
 * instead of as US-ASCII, where every octet over 127 became U+FFFD: a handler sees exactly what
 * the client sent and a reply can quote it escaped ({@code <j\xC3\xB6rg@…>}), not as {@code j??rg}.
 * Nothing else changes: replies are still written as US-ASCII.
 */
final class OctetSmtpProtocol extends SMTPProtocol {
    OctetSmtpProtocol(ProtocolHandlerChain chain, SMTPConfiguration configuration) {
        super(chain, configuration);
    }

    @Override
    public ProtocolSession newSession(ProtocolTransport transport) {
        return new SMTPSessionImpl(transport, (SMTPConfiguration) getConfiguration()) {
            @Override
            public Charset getCharset() {
                return StandardCharsets.ISO_8859_1;
            }
        };
    }
}
