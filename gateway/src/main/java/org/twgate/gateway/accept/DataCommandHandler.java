package org.twgate.gateway.accept;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.DataCmdHandler;
import org.twgate.gateway.spool.Envelope;
import org.twgate.gateway.spool.IncomingMessage;
import org.twgate.gateway.spool.Spool;

/**
 * DATA: James checks the sequence (sender and recipients present, no argument); this opens
 * the spool file and answers {@code 354}. From then on the {@link SmtpFramer} streams the
 * content; once it is committed, the framer sends a one-byte signal line that the end-of-data
 * handler answers with the stored outcome.
 */
final class DataCommandHandler extends DataCmdHandler {
    private final Spool spool;
    private final MessageIntake intake;
    private final AcceptSettings settings;
    private final Clock clock;
    private final LineHandler<SMTPSession> endOfData = new EndOfData();

    DataCommandHandler(MetricFactory metrics, Spool spool, MessageIntake intake, AcceptSettings settings, Clock clock) {
        super(metrics);
        this.spool = spool;
        this.intake = intake;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    protected Response doDATA(SMTPSession session, String argument) {
        InboundTransaction transaction = session.getAttachment(InboundTransaction.KEY, State.Transaction).orElseThrow();
        ClientSession client = session.getAttachment(ClientSession.KEY, State.Connection).orElseThrow();
        Instant now = clock.instant();
        String helo = session.getAttachment(SMTPSession.CURRENT_HELO_NAME, State.Connection).orElse(null);
        String protocol = protocol(session);
        Envelope envelope = transaction.envelope(now, client.address(), helo, protocol);
        IncomingMessage message = spool.receive(envelope, id -> ReceivedHeader
                .render(envelope, client.name(), id, settings.hostname(), now).getBytes(StandardCharsets.UTF_8));
        session.setAttachment(InboundData.KEY, new InboundData(message, intake), State.Transaction);
        session.pushLineHandler(endOfData);
        return AcceptReplies.START_MAIL_INPUT.toResponse();
    }

    private static String protocol(SMTPSession session) {
        boolean esmtp = session.getAttachment(SMTPSession.CURRENT_HELO_MODE, State.Connection)
                .map("EHLO"::equals).orElse(false);
        String base = esmtp ? "ESMTP" : "SMTP";
        return session.isTLSStarted() ? base + "S" : base;
    }

    /** Answers the framer's end-of-data signal with the outcome of storing the message. */
    private static final class EndOfData implements LineHandler<SMTPSession> {
        @Override
        public Response onLine(SMTPSession session, byte[] line) {
            Reply outcome = session.getAttachment(InboundData.KEY, State.Transaction)
                    .map(InboundData::outcome)
                    .orElse(AcceptReplies.SPOOL_ERROR);
            session.popLineHandler();
            session.resetState();
            return outcome.toResponse();
        }
    }
}
