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
    private final RecipientCheck check;

    RcptCommandHandler(AcceptSettings settings, RelayPolicy policy) {
        this.settings = settings;
        this.check = new RecipientCheck(policy, settings.hostname());
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
        ClientSession client = session.getAttachment(ClientSession.KEY, State.Connection).orElseThrow();
        RecipientCheck.Verdict verdict = check.check(argument, client.verdict(), client.address());
        if (verdict.refusedForSyntax()) {
            return verdict.refusal();
        }
        SmtpArgument command = verdict.argument();
        String recipient = verdict.recipient();
        for (String keyword : command.parameters().keySet()) {
            if (!settings.advertiseDsn() || !(keyword.equals("NOTIFY") || keyword.equals("ORCPT"))) {
                return Reply.refusal(RefusalReason.SYNTAX, 555, "5.5.4", "Unsupported RCPT parameter " + keyword); // RFC 5321 §4.1.1.11
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
        if (verdict.refusal() != null) {
            return verdict.refusal();
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
}
