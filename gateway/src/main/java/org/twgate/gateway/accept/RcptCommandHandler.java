package org.twgate.gateway.accept;

import java.util.Collection;
import java.util.List;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.twgate.dsn.param.DsnRcptParameters;
import org.twgate.dsn.param.Notify;
import org.twgate.dsn.param.OriginalRecipient;
import org.twgate.dsn.param.SmtpArgument;
import org.twgate.dsn.param.SmtpArgumentException;
import org.twgate.gateway.policy.RelayPolicy;

/**
 * RCPT TO: the forward-path, the relay decision (relay clients may send anywhere, others only
 * to accepted domains), the recipient limit, and (when DSN is offered) NOTIFY and ORCPT.
 */
final class RcptCommandHandler implements CommandHandler<SMTPSession> {
    private final AcceptSettings settings;
    private final RelayPolicy policy;

    RcptCommandHandler(AcceptSettings settings, RelayPolicy policy) {
        this.settings = settings;
        this.policy = policy;
    }

    @Override
    public Collection<String> getImplCommands() {
        return List.of("RCPT");
    }

    @Override
    public Response onCommand(SMTPSession session, Request request) {
        return handle(session, request.getArgument()).toResponse();
    }

    private Reply handle(SMTPSession session, String argument) {
        InboundTransaction transaction = session.getAttachment(InboundTransaction.KEY, State.Transaction).orElse(null);
        if (transaction == null) {
            return AcceptReplies.NEED_MAIL;
        }
        SmtpArgument command;
        try {
            command = CommandArgument.rcpt(argument);
        } catch (CommandArgument.Invalid e) {
            return e.reply();
        }
        String recipient = command.path();
        if (!Mailbox.ascii(recipient)) {
            return AcceptReplies.nonAsciiAddress(recipient);
        }
        if (recipient.equalsIgnoreCase("postmaster")) {
            recipient = "postmaster@" + settings.hostname(); // RFC 5321 §4.5.1
        }
        String problem = recipient.isEmpty() ? "empty address" : Mailbox.problem(recipient);
        if (problem != null) {
            return Reply.of(501, "5.1.3", "Bad recipient address syntax <" + recipient + ">: " + problem);
        }
        for (String keyword : command.parameters().keySet()) {
            if (!settings.advertiseDsn() || !(keyword.equals("NOTIFY") || keyword.equals("ORCPT"))) {
                return Reply.of(555, "5.5.4", "Unsupported RCPT parameter " + keyword); // RFC 5321 §4.1.1.11
            }
        }
        DsnRcptParameters dsn;
        try {
            dsn = DsnRcptParameters.from(command);
        } catch (SmtpArgumentException e) {
            return CommandArgument.refusal(e);
        }
        // Stored in canonical form (NOTIFY upper-cased, ORCPT as received) and passed on unchanged.
        String notify = dsn.notification().map(Notify::toParameterValue).orElse(null);
        String orcpt = dsn.orcpt().map(OriginalRecipient::parameterValue).orElse(null);
        Reply refusal = relayRefusal(session, recipient);
        if (refusal != null) {
            return refusal;
        }
        // What the connector would refuse later (to.ini mode/allow/no_relay) is refused now, so
        // qmail bounces at once with the reason instead of the connector failing after delivery.
        java.util.Optional<String> connector = policy.connectorRefusal(recipient);
        if (connector.isPresent()) {
            return Reply.of(550, "5.7.1", "<" + recipient + ">: " + connector.get());
        }
        if (transaction.recipientCount() >= settings.maxRecipients()) {
            return AcceptReplies.tooManyRecipients(settings.maxRecipients());
        }
        Reply overRate = session.getAttachment(ClientSession.KEY, State.Connection).orElseThrow().rates().recipient();
        if (overRate != null) {
            return overRate;
        }
        transaction.addRecipient(recipient, notify, orcpt);
        // James's DATA handler only checks that a recipient list is present; the real one is ours.
        session.setAttachment(SMTPSession.RCPT_LIST, List.of(), State.Transaction);
        return AcceptReplies.RCPT_OK;
    }

    private Reply relayRefusal(SMTPSession session, String recipient) {
        ClientSession client = session.getAttachment(ClientSession.KEY, State.Connection).orElseThrow();
        if (client.verdict().relayClient()) {
            return null;
        }
        String domain = Mailbox.domainOf(recipient);
        if (policy.acceptsDomain(domain)) {
            return null;
        }
        return Reply.of(554, "5.7.1", "<" + recipient + ">: Relay access denied: " + domain
                + " is not an accepted domain and client " + client.address() + " is not a relay client");
    }
}
