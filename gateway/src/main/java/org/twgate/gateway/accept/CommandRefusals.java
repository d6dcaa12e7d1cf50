package org.twgate.gateway.accept;

import java.util.Collection;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandDispatcher;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.api.handler.ProtocolHandler;
import org.apache.james.protocols.api.handler.ProtocolHandlerResultHandler;
import org.apache.james.protocols.smtp.SMTPSession;

/**
 * Sees every command's reply after its handler and tells the {@link SmtpListener} of each 4xx/5xx,
 * once: one place for every command refusal, whichever handler (twgate's or James's) produced it.
 * Never changes the reply.
 *
 * <p>James runs result handlers twice for a command line: the command dispatcher runs them for
 * the command handler, and the Netty handler runs them again for the dispatcher (the line handler
 * that received the line), with the same response. So the dispatcher's repeat of the reply just
 * told is skipped (by identity); a reply the dispatcher made itself (a handler that threw) is told
 * once, as command {@code OTHER}. The end of data is no command: it is told as
 * {@link SmtpListener#messageAccepted} or {@link SmtpListener#messageRefused}.
 *
 * <p>twgate's handlers send {@link Reply#refusal}s, whose response carries the reply with its
 * reason; a reply from one of James's handlers is read back from the response and named by
 * {@link RefusalReason#ofLibraryReply}.
 */
final class CommandRefusals implements ProtocolHandlerResultHandler<Response, SMTPSession> {
    private static final Pattern LAST_LINE = Pattern.compile("\\d{3}[ -](?:(\\d\\.\\d{1,3}\\.\\d{1,3}) )?(.*)");

    private final SmtpListener listener;

    CommandRefusals(SmtpListener listener) {
        this.listener = listener;
    }

    /** The last refusal told for this session, so the dispatcher's repeat of it is recognised. */
    private static final ProtocolSession.AttachmentKey<Response> TOLD =
            ProtocolSession.AttachmentKey.of("twgate.refusal-told", Response.class);

    @Override
    public Response onResponse(ProtocolSession session, Response response, long executionTime, ProtocolHandler handler) {
        String command;
        if (handler instanceof CommandHandler<?> commands) {
            command = command(commands);
        } else if (handler instanceof CommandDispatcher<?>) {
            command = "OTHER";
        } else {
            return response; // the end of data
        }
        int code = code(response);
        if (code < 400 || code > 599) {
            return response;
        }
        if (handler instanceof CommandDispatcher<?>
                && session.getAttachment(TOLD, State.Connection).map(told -> told == response).orElse(false)) {
            return response;
        }
        session.setAttachment(TOLD, response, State.Connection);
        Reply reply = response instanceof Reply.Refused refused ? refused.reply() : toReply(code, response);
        String client = session.getAttachment(ClientSession.KEY, State.Connection).map(ClientSession::address).orElse("-");
        listener.commandRefused(new SmtpListener.CommandRefused(session.getSessionID(), client, command, reply));
        return response;
    }

    private static int code(Response response) {
        try {
            return Integer.parseInt(response.getRetCode());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Back from a James handler's response to twgate's reply value: the last line carries the status and text. */
    static Reply toReply(int code, Response response) {
        var lines = response.getLines();
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1).toString();
        Matcher m = LAST_LINE.matcher(last);
        RefusalReason reason = RefusalReason.ofLibraryReply(code);
        if (!m.matches()) {
            return Reply.refusal(reason, code, null, last.replace('\r', ' ').replace('\n', ' '));
        }
        return Reply.refusal(reason, code, m.group(1), m.group(2));
    }

    /** The verb the handler implements, from the server's own list: never text the client sent. */
    private static String command(CommandHandler<?> commands) {
        Collection<String> verbs = commands.getImplCommands();
        return verbs.size() == 1 ? verbs.iterator().next().toUpperCase(Locale.ROOT) : "OTHER";
    }
}
