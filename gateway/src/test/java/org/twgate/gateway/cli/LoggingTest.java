package org.twgate.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** logging.format: json gives one JSON object per line carrying the key=value message. */
class LoggingTest {

    @Test
    void jsonFormatWritesOneObjectPerEventWithTheFormattedMessage() {
        LoggerContext context = new LoggerContext(); // private: the tests' own logging stays as it is
        context.setMDCAdapter(new LogbackMDCAdapter());
        LoggingEvent event = new LoggingEvent("org.twgate.Test", context.getLogger("org.twgate.accept"), Level.INFO,
                "queue_id={} event=accepted from=<{}> rcpts={}", null,
                new Object[] {"1A1FD5BF9EBF42DF", "john@company.com", 1});

        String out = new String(Logging.jsonEncoder(context).encode(event), StandardCharsets.UTF_8);

        assertThat(out).endsWith("\n");
        assertThat(out.lines()).hasSize(1);
        assertThat(out.strip()).startsWith("{").endsWith("}")
                .contains("\"level\":\"INFO\"")
                .contains("\"loggerName\":\"org.twgate.accept\"")
                .contains("\"formattedMessage\":\"queue_id=1A1FD5BF9EBF42DF event=accepted from=<john@company.com> rcpts=1\"")
                .doesNotContain("\"message\":").doesNotContain("\"arguments\"");
    }
}
