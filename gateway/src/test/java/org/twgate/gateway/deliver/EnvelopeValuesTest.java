package org.twgate.gateway.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The input values refuse what could corrupt a command line, quoting it. */
class EnvelopeValuesTest {

    @Test
    void refusesLineBreaksSmuggledIntoEnvelopeValues() {
        assertThatThrownBy(() -> OutboundRecipient.of("a@b>\r\nRCPT TO:<evil@x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a@b>\\r\\nRCPT TO:<evil@x");
        assertThatThrownBy(() -> new OutboundRecipient("a@b", "SUCCESS\n", null))
                .hasMessageContaining("NOTIFY of a@b");
        assertThatThrownBy(() -> OutboundMessage.of("Q9", "x@y\rDATA", List.of(OutboundRecipient.of("a@b")), new byte[0]))
                .hasMessageContaining("sender of Q9");
    }

    @Test
    void refusesAMessageWithoutRecipients() {
        assertThatThrownBy(() -> OutboundMessage.of("Q9", "", List.of(), new byte[0]))
                .hasMessageContaining("Q9").hasMessageContaining("no recipients");
    }

    @Test
    void validatesNextHops() {
        assertThatThrownBy(() -> NextHop.ipLiteral("tw", "127.0.0.1", 0)).hasMessageContaining("port 0");
        assertThatThrownBy(() -> NextHop.ipLiteral("tw", "127.0.0.1", 25).asFinalDelivery().withMaxConnections(0))
                .hasMessageContaining("maxConnections 0");
        assertThat(NextHop.ipLiteral("tw", "127.0.0.1", 2025).asFinalDelivery().withMaxConnections(2).toString()).isEqualTo("tw=[127.0.0.1]:2025");
        assertThat(NextHop.mxOf("example.com", 2).toString()).isEqualTo("example.com=mx:example.com:25");
    }

    @Test
    void validatesTheClientConfiguration() {
        assertThatThrownBy(() -> SmtpClientConfig.defaults("two words")).hasMessageContaining("'two words'");
        assertThatThrownBy(() -> SmtpClientConfig.defaults("gw").withIdleTimeout(java.time.Duration.ZERO))
                .hasMessageContaining("idleTimeout");
    }
}
