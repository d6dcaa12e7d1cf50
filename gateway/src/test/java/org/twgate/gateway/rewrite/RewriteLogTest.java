package org.twgate.gateway.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.twgate.config.ConfigLoader;
import org.twgate.config.GatewayConfig;
import org.twgate.gateway.spool.EnvelopeRecipient;

/** The rewrite log line carries {@code queue_id=} like every other line. */
class RewriteLogTest {
    @TempDir
    Path dir;

    @Test
    void rewrittenAndRefusedLinesStartWithTheQueueId() throws Exception {
        Path file = Files.writeString(dir.resolve("twgate.yaml"), """
                rewrite:
                  sets:
                    in:
                      - id: tw
                        match: {prefix: "tw.", domain: company.com}
                        result: "$DEFAULT@tw.company.com"
                      - id: no
                        match: {domain: company.com}
                        refuse: "no mailbox here by that name"
                routes:
                  - smtproutes: "company.com:[127.0.0.1]:2025"
                    rewrite: in
                """);
        GatewayConfig c = ConfigLoader.load(file, Map.of());
        RouteRewriter rewriter = RouteRewriter.of(c.routes().routes().get(0), c.rewrite());
        Logger logger = (Logger) LoggerFactory.getLogger(RewriteLog.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        logger.addAppender(events);
        try {
            RewriteLog.log("1A1FD5BF9EBF42DF", "company.com", "", rewriter.rewrite("", List.of(
                    new EnvelopeRecipient(0, "tw.john@company.com", null, null),
                    new EnvelopeRecipient(1, "jim@company.com", null, null))));
        } finally {
            logger.detachAppender(events);
        }
        assertThat(events.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "queue_id=1A1FD5BF9EBF42DF event=rewritten rcpt=<tw.john@company.com> to=<john@tw.company.com>"
                        + " rule=\"tw (" + file + ":4)\" route=company.com",
                "queue_id=1A1FD5BF9EBF42DF event=failed rcpt=<jim@company.com> route=company.com reply=\"550 5.1.1"
                        + " <jim@company.com>: no mailbox here by that name (rule no (" + file + ":7))\"");
    }
}
