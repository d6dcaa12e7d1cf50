package org.twgate.gateway.accept;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twgate.gateway.spool.Envelope;

/**
 * The log lines of the SMTP server's decisions: one {@code command_refused} line per refused
 * command, one {@code accepted} or {@code refused} line per message after DATA. A listener of the
 * same events the metrics count, so a line and a counter never disagree on a cause.
 */
public final class SmtpEventLog implements SmtpListener {
    private static final Logger LOG = LoggerFactory.getLogger("org.twgate.accept");

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
