package org.twgate.gateway.accept;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.protocols.api.ProtocolSession;
import org.twgate.gateway.spool.Envelope;
import org.twgate.gateway.spool.EnvelopeRecipient;

/** The envelope being built by MAIL and RCPT, kept on the session until the transaction ends. */
final class InboundTransaction {
    static final ProtocolSession.AttachmentKey<InboundTransaction> KEY =
            ProtocolSession.AttachmentKey.of("twgate.transaction", InboundTransaction.class);

    private final String sender;
    private final String body;
    private final String ret;
    private final String envid;
    private final List<EnvelopeRecipient> recipients = new ArrayList<>();

    InboundTransaction(String sender, String body, String ret, String envid) {
        this.sender = sender;
        this.body = body;
        this.ret = ret;
        this.envid = envid;
    }

    void addRecipient(String address, String notify, String orcpt) {
        recipients.add(new EnvelopeRecipient(recipients.size(), address, notify, orcpt));
    }

    int recipientCount() {
        return recipients.size();
    }

    Envelope envelope(Instant arrival, String clientAddress, String helo, String protocol) {
        boolean smtputf8 = false; // not offered (RFC 6531): a non-ASCII address was refused at MAIL or RCPT
        return new Envelope(sender, recipients, ret, envid, body, smtputf8, arrival, clientAddress, helo, protocol);
    }
}
