package org.twgate.config.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.twgate.config.ConfigException;
import org.twgate.config.Source;
import org.twgate.config.syntax.BadValue;

class ClientAccessTest {

    private static final Source HERE = new Source("test", 1);

    @Test
    void relayClientPrefixesCoverWholeOctetsOnly() throws Exception {
        ClientAccess access = new ClientAccess(List.of(
                ClientRule.relayClient(AddressPatterns.relayClient("1.2.3"), "1.2.3", HERE)));

        assertThat(access.decide(InetAddress.getByName("1.2.3.4")).relayClient()).isTrue();
        assertThat(access.decide(InetAddress.getByName("1.2.34.5")).relayClient()).isFalse();
    }

    @Test
    void anIpv4MappedIpv6ClientIsJudgedByItsIpv4Rules() throws Exception {
        ClientAccess access = new ClientAccess(List.of(
                ClientRule.relayClient(AddressPatterns.relayClient("192.0.2.0/24"), "192.0.2.0/24", HERE)));
        InetAddress mapped = InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff,
            (byte) 0xff, (byte) 192, 0, 2, 9});

        assertThat(access.decide(mapped).relayClient()).isTrue();
    }

    @Test
    void aDeniedClientIsNeverARelayClient() throws Exception {
        TcpRules.Parsed parsed = TcpRules.parse("tcp.smtp", List.of("10.:deny,RELAYCLIENT=\"\""));

        ClientDecision d = new ClientAccess(parsed.rules()).decide(InetAddress.getByName("10.0.0.1"));

        assertThat(d.allowed()).isFalse();
        assertThat(d.relayClient()).isFalse();
        assertThat(d.reason()).isEqualTo("tcp.smtp:1 '10.:deny,RELAYCLIENT=\"\"'");
    }

    @Test
    void malformedTcpRulesAreAllReportedWithFileAndLine() {
        assertThatThrownBy(() -> TcpRules.parse("tcp.smtp", List.of("# ok", "1.2.3.4allow", "1.2.3.:permit",
                "1.2.3.4:allow,deny", "1.2.3:allow", "1.2.3.9-2:deny", "5.6.7.8:allow,X=\"open")))
                .isInstanceOf(ConfigException.class)
                .hasMessage(String.join("\n",
                        "tcp.smtp:2: not a tcprules line (address:allow or address:deny): '1.2.3.4allow'",
                        "tcp.smtp:3: not a tcprules line (address:allow or address:deny): '1.2.3.:permit'",
                        "tcp.smtp:4: more than one allow/deny in rule: '1.2.3.4:allow,deny'",
                        "tcp.smtp:5: tcpserver never matches this address (a prefix must end with a dot): '1.2.3'",
                        "tcp.smtp:6: not an address range (e.g. 1.2.3.40-49): '1.2.3.9-2'",
                        "tcp.smtp:7: unterminated \" in: '5.6.7.8:allow,X=\"open'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "::1/129", "1.2.3.4.5", "a.b.c.", "10.0.0.0/", "/8", ""})
    void badRelayClientEntriesAreRefused(String text) {
        assertThatThrownBy(() -> AddressPatterns.relayClient(text)).isInstanceOf(BadValue.class);
    }
}
