package org.twgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.twgate.config.route.Route;
import org.twgate.config.route.Transport;

/** The shipped examples are valid and do what their comments say. */
class ExamplesTest {

    static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    @Test
    void everyExampleConfigurationLoadsWithoutProblemsOrWarnings() throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(EXAMPLES)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("inbound-qmail-to-teamware.yaml", "outbound-teamware-to-qmail.yaml", "both-directions.yaml");
        for (Path file : files) {
            GatewayConfig c = ConfigLoader.load(file, Map.of());
            assertThat(c.warnings()).as(file.toString()).isEmpty();
        }
    }

    @Test
    void inboundDeliversTeamwareMailToTheConnectorAsFinalDelivery() throws Exception {
        GatewayConfig c = load("inbound-qmail-to-teamware.yaml");

        Route route = c.routes().lookup("tw.company.com").orElseThrow();
        assertThat(route.relay().toString()).isEqualTo("[127.0.0.1]:2025");
        assertThat(route.finalDelivery()).isTrue();
        assertThat(c.policy().clientAccess().decide(InetAddress.getByName("127.0.0.1")).relayClient()).isTrue();
    }

    @Test
    void outboundRelaysEverythingToQmailWithoutReturnPath() throws Exception {
        GatewayConfig c = load("outbound-teamware-to-qmail.yaml");

        Route route = c.routes().lookup("example.org").orElseThrow();
        assertThat(route.relay().toString()).isEqualTo("[127.0.0.1]:25");
        assertThat(route.finalDelivery()).isFalse();
        assertThat(route.deliverRelayedDsn()).isEqualTo(2);
        assertThat(c.policy().clientAccess().decide(InetAddress.getByName("10.0.0.20")).relayClient()).isTrue();
        assertThat(c.policy().clientAccess().decide(InetAddress.getByName("10.0.0.21")).relayClient()).isFalse();
    }

    @Test
    void bothDirectionsSplitsByRecipientDomainUsingTheQmailAndTeamwareFiles() throws Exception {
        GatewayConfig c = load("both-directions.yaml");

        assertThat(c.routes().lookup("tw.company.com").orElseThrow().finalDelivery()).isTrue();
        assertThat(c.routes().lookup("dept.tw.company.com").orElseThrow().finalDelivery()).isTrue();
        assertThat(c.routes().lookup("pipe.tw.company.com").orElseThrow().transport()).isEqualTo(Transport.PIPE);
        Route out = c.routes().lookup("example.org").orElseThrow();
        assertThat(out.finalDelivery()).isFalse();
        assertThat(out.deliverRelayedDsn()).as("from to.ini").isEqualTo(2);
        assertThat(c.policy().acceptedDomains().accepts("tw.company.com")).isTrue();
        assertThat(c.policy().acceptedDomains().accepts("company.com")).isFalse();
        assertThat(c.policy().clientAccess().decide(InetAddress.getByName("10.0.0.20")).relayClient()).isTrue();
        assertThat(c.policy().clientAccess().decide(InetAddress.getByName("192.0.2.1")).relayClient()).isFalse();
        assertThat(c.teamware().ownNodes().base()).containsExactly("company.com");
    }

    private static GatewayConfig load(String name) throws IOException, ConfigException {
        return ConfigLoader.load(EXAMPLES.resolve(name), Map.of());
    }
}
