package org.twgate.gateway.accept;

import java.util.Collection;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.api.handler.ProtocolHandler;
import org.apache.james.protocols.api.handler.ProtocolHandlerResultHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sees every command's reply after its handler (James calls result handlers from the command
 * dispatcher); logs one line for each 4xx/5xx and tells the {@link SmtpListener}. One place for
 * every command refusal, whichever handler (twgate's or James's) produced it. Never changes the reply.
 */
final class RefusedCommandLog implements ProtocolHandlerResultHandler<Response, SMTPSession> {
    private static final Logger LOG = LoggerFactory.getLogger("org.twgate.accept");
    private static final Pattern LAST_LINE = Pattern.compile("\\d{3}[ -](?:(\\d\\.\\d{1,3}\\.\\d{1,3}) )?(.*)");

    private final SmtpListener listener;

    RefusedCommandLog(SmtpListener listener) {
        this.listener = listener;
    }

    @Override
    public Response onResponse(ProtocolSession session, Response response, long executionTime, ProtocolHandler handler) {
        int code = code(response);
        if (code < 400 || code > 599) {
            return response;
        }
        Reply reply = toReply(code, response);
        String command = command(handler);
        String client = session.getAttachment(ClientSession.KEY, State.Connection).map(ClientSession::address).orElse("-");
        LOG.info("event=command_refused session={} client={} command={} reason={} reply=\"{}\"", session.getSessionID(),
                client, command, RefusalReason.of(reply).label(), reply);
        listener.commandRefused(command, reply);
        return response;
    }

    private static int code(Response response) {
        try {
            return Integer.parseInt(response.getRetCode());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Back from James's response to twgate's reply value: the last line carries the status and text. */
    static Reply toReply(int code, Response response) {
        var lines = response.getLines();
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1).toString();
        Matcher m = LAST_LINE.matcher(last);
        if (!m.matches()) {
            return Reply.of(code, null, last.replace('\r', ' ').replace('\n', ' '));
        }
        return Reply.of(code, m.group(1), m.group(2));
    }

    /** The verb the handler implements, from the server's own list: never text the client sent. */
    private static String command(ProtocolHandler handler) {
        if (handler instanceof CommandHandler<?> commands) {
            Collection<String> verbs = commands.getImplCommands();
            if (verbs.size() == 1) {
                return verbs.iterator().next().toUpperCase(Locale.ROOT);
            }
        }
        return "OTHER";
    }
}
