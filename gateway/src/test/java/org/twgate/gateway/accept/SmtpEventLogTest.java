package org.twgate.gateway.accept;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The log listener writes the lines the server wrote itself before its decisions were events. */
class SmtpEventLogTest {

    @Test
    void writesOneLinePerRefusalAndPerDeadlineClosure() {
        Logger logger = (Logger) LoggerFactory.getLogger("org.twgate.accept");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        SmtpEventLog log = new SmtpEventLog();
        try {
            log.connectionRefused(new SmtpListener.ConnectionRefused("192.0.2.1", ConnectionRefusal.POLICY,
                    "deny 192.0.2.0/24", 0));
            log.connectionRefused(new SmtpListener.ConnectionRefused("192.0.2.1", ConnectionRefusal.CONNECTION_RATE,
                    null, 30));
            log.connectionRefused(new SmtpListener.ConnectionRefused("192.0.2.1", ConnectionRefusal.MAX_CONNECTIONS,
                    null, 0));
            log.sessionClosedByServer(new SmtpListener.SessionClosed("192.0.2.1", SessionClosure.COMMAND_DEADLINE,
                    AcceptReplies.commandDeadline("gw.test", "5m")));
            log.sessionClosedByServer(new SmtpListener.SessionClosed("192.0.2.1", SessionClosure.IDLE_TIMEOUT,
                    AcceptReplies.idleTimeout("gw.test")));
            log.commandRefused(new SmtpListener.CommandRefused("7", "192.0.2.1", "RCPT",
                    AcceptReplies.tooManyRecipients(2)));
            log.commandRefused(new SmtpListener.CommandRefused(null, "192.0.2.1", SmtpListener.UNREAD_LINE,
                    AcceptReplies.lineTooLong(512)));
        } finally {
            logger.detachAppender(lines);
        }
        List<String> logged = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(logged).containsExactly(
                "event=connection_refused client=192.0.2.1 reason=policy rule=\"deny 192.0.2.0/24\"",
                "event=connection_refused client=192.0.2.1 reason=connection_rate limit=30",
                "event=connection_refused client=192.0.2.1 reason=max_connections",
                "event=session_closed client=192.0.2.1 reason=command_deadline reply=\"421 4.4.2 gw.test Timeout:"
                        + " no complete command line within 5m, closing connection\"",
                "event=command_refused session=7 client=192.0.2.1 command=RCPT reason=too_many_recipients"
                        + " reply=\"452 4.5.3 Too many recipients (at most 2 per message)\"",
                "event=command_refused session=- client=192.0.2.1 command=line reason=line_length"
                        + " reply=\"500 5.5.2 Line too long: command lines are limited to 512 octets\"");
    }
}
