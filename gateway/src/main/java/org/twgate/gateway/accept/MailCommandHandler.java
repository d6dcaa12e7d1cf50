package org.twgate.gateway.accept;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.twgate.dsn.param.DsnMailParameters;
import org.twgate.dsn.param.EnvelopeId;
import org.twgate.dsn.param.SmtpArgument;
import org.twgate.dsn.param.SmtpArgumentException;

/**
 * MAIL FROM, parsed from the raw argument: the reverse-path and the parameters SIZE, BODY and
 * (when DSN is offered) RET and ENVID. Any other parameter is refused, never ignored.
 */
final class MailCommandHandler implements CommandHandler<SMTPSession> {
    private final AcceptSettings settings;

    MailCommandHandler(AcceptSettings settings) {
        this.settings = settings;
    }

    @Override
    public Collection<String> getImplCommands() {
        return List.of("MAIL");
    }

    @Override
    public Response onCommand(SMTPSession session, Request request) {
        return handle(session, request.getArgument()).toResponse();
    }

    private Reply handle(SMTPSession session, String argument) {
        if (session.getAttachment(InboundTransaction.KEY, State.Transaction).isPresent()) {
            return AcceptReplies.NESTED_MAIL;
        }
        SmtpArgument command;
        try {
            command = CommandArgument.mail(argument);
        } catch (CommandArgument.Invalid e) {
            return e.reply();
        }
        String sender = command.path();
        if (!Mailbox.ascii(sender)) {
            return AcceptReplies.nonAsciiAddress(sender);
        }
        if (!sender.isEmpty()) {
            String problem = Mailbox.problem(sender);
            if (problem != null) {
                return Reply.refusal(RefusalReason.SYNTAX, 501, "5.1.7", "Bad sender address syntax <" + sender + ">: " + problem);
            }
        }
        String body = null;
        for (Map.Entry<String, String> p : command.parameters().entrySet()) {
            String value = p.getValue();
            switch (p.getKey()) {
                case "SIZE" -> {
                    Reply refusal = checkSize(value);
                    if (refusal != null) {
                        return refusal;
                    }
                }
                case "BODY" -> {
                    if (!(value.equalsIgnoreCase("7BIT") || value.equalsIgnoreCase("8BITMIME"))) {
                        return Reply.refusal(RefusalReason.SYNTAX, 501, "5.5.4", "Unsupported BODY type '" + value + "' (7BIT or 8BITMIME)");
                    }
                    body = value.toUpperCase(java.util.Locale.ROOT);
                }
                case "RET", "ENVID" -> {
                    if (!settings.advertiseDsn()) {
                        return unknown(p.getKey());
                    }
                }
                default -> {
                    return unknown(p.getKey());
                }
            }
        }
        DsnMailParameters dsn;
        try {
            dsn = DsnMailParameters.from(command);
        } catch (SmtpArgumentException e) {
            return CommandArgument.refusal(e);
        }
        Reply overRate = session.getAttachment(ClientSession.KEY, State.Connection).orElseThrow().rates().message();
        if (overRate != null) {
            return overRate;
        }
        String ret = dsn.ret().map(Enum::name).orElse(null);
        String envid = dsn.envid().map(EnvelopeId::parameterValue).orElse(null);
        session.setAttachment(InboundTransaction.KEY, new InboundTransaction(sender, body, ret, envid), State.Transaction);
        // James's DATA handler only checks that a sender is present; the real one is ours.
        session.setAttachment(SMTPSession.SENDER, MaybeSender.nullSender(), State.Transaction);
        return AcceptReplies.MAIL_OK;
    }

    private Reply checkSize(String value) {
        if (!value.matches("\\d{1,19}")) {
            return Reply.refusal(RefusalReason.SYNTAX, 501, "5.5.4", "Malformed SIZE parameter '" + value + "'");
        }
        long declared = Long.parseLong(value);
        if (settings.maxMessageSize() > 0 && declared > settings.maxMessageSize()) {
            return AcceptReplies.messageTooBig(declared, settings.maxMessageSize());
        }
        return null;
    }

    /** RFC 5321 §4.1.1.11: a parameter not recognised or not offered is 555 (SMTPUTF8 among them, RFC 6531 §3.4). */
    private static Reply unknown(String keyword) {
        return Reply.refusal(RefusalReason.SYNTAX, 555, "5.5.4", "Unsupported MAIL parameter " + keyword);
    }
}
