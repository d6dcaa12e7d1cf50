package org.twgate.gateway.accept;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twgate.gateway.spool.Envelope;

/**
 * The log lines of the SMTP server's decisions: one {@code connection_refused} line per refused
 * connection, one {@code command_refused} line per refused command, one {@code accepted} or
 * {@code refused} line per message after DATA, one {@code session_closed} line per session a
 * deadline ended. A listener of the
 * same events the metrics count, so a line and a counter never disagree on a cause.
 */
public final class SmtpEventLog implements SmtpListener {
    private static final Logger LOG = LoggerFactory.getLogger("org.twgate.accept");

    @Override
    public void connectionRefused(ConnectionRefused r) {
        if (r.rule() != null) {
            LOG.info("event=connection_refused client={} reason={} rule=\"{}\"", r.client(), r.reason().label(), r.rule());
        } else if (r.limit() > 0) {
            LOG.info("event=connection_refused client={} reason={} limit={}", r.client(), r.reason().label(), r.limit());
        } else {
            LOG.info("event=connection_refused client={} reason={}", r.client(), r.reason().label());
        }
    }

    /** Deadlines are what a slow or hostile client runs into; idle timeouts and shutdowns are routine and only counted. */
    @Override
    public void sessionClosedByServer(SessionClosed c) {
        if (c.reason() == SessionClosure.COMMAND_DEADLINE || c.reason() == SessionClosure.DATA_DEADLINE) {
            LOG.info("event=session_closed client={} reason={} reply=\"{}\"", c.client(), c.reason().label(), c.reply());
        }
    }

    @Override
    public void commandRefused(CommandRefused r) {
        String command = UNREAD_LINE.equals(r.command()) ? "line" : r.command();
        LOG.info("event=command_refused session={} client={} command={} reason={} reply=\"{}\"",
                r.session() == null ? "-" : r.session(), r.client(), command, r.reason().label(), r.reply());
    }

    @Override
    public void messageAccepted(MessageAccepted a) {
        Envelope e = a.message().envelope();
        LOG.info("queue_id={} event=accepted from=<{}> rcpts={} size={} client={}", a.stored().id(), e.sender(),
                e.recipients().size(), a.stored().contentSize(), e.clientAddress());
    }

    @Override
    public void messageRefused(MessageRefused r) {
        Envelope e = r.message().envelope();
        LOG.info("queue_id={} event=refused from=<{}> rcpts={} client={} reason={} reply=\"{}\"", r.message().id(),
                e.sender(), e.recipients().size(), e.clientAddress(), r.reason().label(), r.reply());
    }
}
