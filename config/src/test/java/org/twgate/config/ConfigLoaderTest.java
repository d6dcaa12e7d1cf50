package org.twgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.config.policy.ClientDecision;
import org.twgate.config.route.PipePer;
import org.twgate.config.route.Relay;
import org.twgate.config.route.Route;
import org.twgate.config.route.TlsMode;
import org.twgate.config.route.Transport;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void embeddedDefaultsListenOnLoopbackAndRouteEverythingToTheConnectorAsFinalDelivery() throws Exception {
        GatewayConfig c = ConfigLoader.defaults(Map.of());

        assertThat(c.source()).isEqualTo("<defaults>");
        assertThat(c.server().listen()).containsExactly(new InetSocketAddress("127.0.0.1", 2525));
        assertThat(c.routes().routes()).hasSize(1);
        Route route = c.routes().lookup("tw.company.com").orElseThrow();
        assertThat(route.name()).isEqualTo("connector");
        assertThat(route.domain()).isEmpty();
        assertThat(route.relay()).isEqualTo(new Relay("127.0.0.1", true, 2025));
        assertThat(route.finalDelivery()).isTrue();
        assertThat(route.transport()).isEqualTo(Transport.SMTP);
        assertThat(route.tls()).isEqualTo(TlsMode.NONE);
        assertThat(route.maxConnections()).isEqualTo(10);
        assertThat(c.spool().directory()).isEqualTo(Path.of("spool").toAbsolutePath());
        assertThat(c.spool().maxQueuedMessages()).isEqualTo(SpoolConfig.AUTO);
        assertThat(c.metrics().listen()).contains(new InetSocketAddress("127.0.0.1", 9464));
        assertThat(c.server().maxMessageSize()).isEqualTo(50L * 1024 * 1024);
        assertThat(c.server().maxDataLine()).isEqualTo(1024L * 1024);
        assertThat(c.server().idleTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.delivery().heloName()).isEqualTo(c.server().hostname());
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void embeddedDefaultsHoldHostileClientsToDeadlinesAndRatesButNotRelayClients() throws Exception {
        ServerConfig s = ConfigLoader.defaults(Map.of()).server();

        assertThat(s.deadlines()).isEqualTo(new ServerConfig.Deadlines(Duration.ofMinutes(5), Duration.ofMinutes(5), 500));
        assertThat(s.clientLimits()).isEqualTo(
                new ServerConfig.ClientLimits(120, 300, 3000, Duration.ofMinutes(1), 32, 84, true));
        assertThat(s.maxConnectionsPerIp()).isEqualTo(20);
        assertThat(s.reverseDns()).isEqualTo(new ServerConfig.ReverseDns(true, Duration.ofSeconds(5)));
        assertThat(s.bareLineEndings()).isEqualTo(ServerConfig.BareLineEndings.REJECT);
        assertThat(s.relayClientBareLineEndings()).isEqualTo(ServerConfig.BareLineEndings.NORMALIZE);
        assertThat(s.forbidUnauthPipelining()).isTrue();
    }

    @Test
    void limitsAndDeadlinesAreRead() throws Exception {
        Path file = dir.resolve("twgate.yaml");
        Files.writeString(file, String.join("\n", "server:", "  command_deadline: 30s", "  data_deadline: 2m",
                "  min_data_rate: 1k", "  connection_rate_limit: 0", "  message_rate_limit: 10",
                "  recipient_rate_limit: 50", "  rate_time_unit: 10m", "  client_ipv4_prefix: 24",
                "  client_ipv6_prefix: 64", "  exempt_relay_clients: false", "  reverse_dns: false",
                "  reverse_dns_timeout: 250ms", "  bare_line_endings: normalize",
                "  relay_client_bare_line_endings: reject", "  forbid_unauth_pipelining: false", ""));

        ServerConfig s = ConfigLoader.load(file, Map.of()).server();

        assertThat(s.deadlines()).isEqualTo(new ServerConfig.Deadlines(Duration.ofSeconds(30), Duration.ofMinutes(2), 1024));
        assertThat(s.clientLimits()).isEqualTo(
                new ServerConfig.ClientLimits(0, 10, 50, Duration.ofMinutes(10), 24, 64, false));
        assertThat(s.reverseDns()).isEqualTo(new ServerConfig.ReverseDns(false, Duration.ofMillis(250)));
        assertThat(s.bareLineEndings()).isEqualTo(ServerConfig.BareLineEndings.NORMALIZE);
        assertThat(s.relayClientBareLineEndings()).isEqualTo(ServerConfig.BareLineEndings.REJECT);
        assertThat(s.forbidUnauthPipelining()).isFalse();
    }

    @Test
    void embeddedDefaultsLetOnlyLoopbackRelayAndAcceptNoDomainFromOthers() throws Exception {
        GatewayConfig c = ConfigLoader.defaults(Map.of());

        assertThat(c.policy().clientAccess().decide(InetAddress.getByName("127.0.0.1")).relayClient()).isTrue();
        assertThat(c.policy().clientAccess().decide(InetAddress.getByName("127.8.9.10")).relayClient()).isTrue();
        assertThat(c.policy().clientAccess().decide(InetAddress.getByName("::1")).relayClient()).isTrue();
        ClientDecision stranger = c.policy().clientAccess().decide(InetAddress.getByName("192.0.2.1"));
        assertThat(stranger.relayClient()).isFalse();
        assertThat(c.policy().acceptedDomains().accepts("company.com")).isFalse();
    }

    @Test
    void aFileKeepsTheDefaultsOfWhatItOmitsButReplacesTheRouteList() throws Exception {
        Path file = write("twgate.yaml", """
                server:
                  hostname: gw.company.com
                  max_message_size: 10MiB
                routes:
                  - smtproutes: "tw.company.com:[127.0.0.1]:2025"
                    final: true
                  - smtproutes: ":[127.0.0.1]:25"
                """);

        GatewayConfig c = ConfigLoader.load(file, Map.of());

        assertThat(c.server().hostname()).isEqualTo("gw.company.com");
        assertThat(c.delivery().heloName()).isEqualTo("gw.company.com");
        assertThat(c.server().maxMessageSize()).isEqualTo(10L * 1024 * 1024);
        assertThat(c.server().maxRecipients()).isEqualTo(100);
        assertThat(c.server().listen()).containsExactly(new InetSocketAddress("127.0.0.1", 2525));
        assertThat(c.routes().routes()).extracting(Route::name).containsExactly("tw.company.com", "default");
        assertThat(c.routes().lookup("tw.company.com").orElseThrow().finalDelivery()).isTrue();
        Route relay = c.routes().lookup("example.org").orElseThrow();
        assertThat(relay.finalDelivery()).isFalse();
        assertThat(relay.relay()).isEqualTo(new Relay("127.0.0.1", true, 25));
        assertThat(relay.source()).isEqualTo(new Source(file.toString(), 7));
    }

    @Test
    void theStatusPageSharesTheMetricsListenerUnlessGivenItsOwnOrSwitchedOff() throws Exception {
        InetSocketAddress metrics = new InetSocketAddress("127.0.0.1", 9464);
        assertThat(ConfigLoader.defaults(Map.of()).metrics().statusAddress()).contains(metrics);
        GatewayConfig own = ConfigLoader.load(write("own.yaml", "metrics:\n  status_listen: 127.0.0.1:9465\n"), Map.of());
        assertThat(own.metrics().statusAddress()).contains(new InetSocketAddress("127.0.0.1", 9465));
        assertThat(own.metrics().listen()).contains(metrics);
        GatewayConfig off = ConfigLoader.load(write("off.yaml", "metrics:\n  status_listen: \"\"\n"), Map.of());
        assertThat(off.metrics().statusAddress()).isEmpty();
        assertThat(off.metrics().listen()).contains(metrics);
        GatewayConfig alone = ConfigLoader.load(write("alone.yaml",
                "metrics:\n  listen: \"\"\n  status_listen: \"[::1]:9465\"\n"), Map.of());
        assertThat(alone.metrics().statusAddress()).contains(new InetSocketAddress("::1", 9465));
        assertThat(alone.metrics().listen()).isEmpty();
    }

    @Test
    void anEmptyFileMeansTheDefaults() throws Exception {
        GatewayConfig c = ConfigLoader.load(write("empty.yaml", "# nothing\n"), Map.of());

        assertThat(c.routes().lookup("x.example").orElseThrow().name()).isEqualTo("connector");
    }

    @Test
    void environmentVariablesOverrideFileAndDefaults() throws Exception {
        Path file = write("twgate.yaml", """
                spool:
                  directory: /var/spool/file
                """);

        GatewayConfig c = ConfigLoader.load(file, Map.of(
                "TWGATE_SERVER__LISTEN", "0.0.0.0:2525,[::1]:2526",
                "TWGATE_SPOOL__DIRECTORY", "/var/spool/twgate",
                "TWGATE_ROUTES__0__RELAY", "[10.0.0.5]:2025",
                "TWGATE_ROUTES__1__SMTPROUTES", "example.org:[10.0.0.6]",
                "TWGATE_METRICS__LISTEN", "",
                "TWGATE_SERVER__MAX_MESSAGE_SIZE", "0",
                "TWGATE_SPOOL__MAX_QUEUED_MESSAGES", "3",
                "PATH", "/usr/bin"));
        assertThat(c.spool().maxQueuedMessages()).isEqualTo(3);

        assertThat(c.server().listen()).containsExactly(new InetSocketAddress("0.0.0.0", 2525),
                new InetSocketAddress("::1", 2526));
        assertThat(c.spool().directory()).isEqualTo(Path.of("/var/spool/twgate"));
        assertThat(c.routes().lookup("x.example").orElseThrow().relay()).isEqualTo(new Relay("10.0.0.5", true, 2025));
        assertThat(c.routes().lookup("x.example").orElseThrow().name()).isEqualTo("connector");
        assertThat(c.routes().lookup("example.org").orElseThrow().relay()).isEqualTo(new Relay("10.0.0.6", true, 25));
        assertThat(c.metrics().listen()).isEmpty();
        assertThat(c.server().maxMessageSize()).isZero();
    }

    @Test
    void aSmtproutesFileIsImportedInPlaceWithTheEntrysOtherKeys() throws Exception {
        write("smtproutes", """
                tw.company.com:[127.0.0.1]:2025
                .tw.company.com:
                """);
        Path file = write("twgate.yaml", """
                routes:
                  - smtproutes: "special.company.com:[192.0.2.9]"
                  - smtproutes_file: smtproutes
                    final: true
                    tls: opportunistic
                    max_connections: 3
                  - smtproutes: ":[127.0.0.1]:25"
                """);

        GatewayConfig c = ConfigLoader.load(file, Map.of());

        assertThat(c.routes().routes()).extracting(Route::domain)
                .containsExactly("special.company.com", "tw.company.com", ".tw.company.com", "");
        Route imported = c.routes().lookup("tw.company.com").orElseThrow();
        assertThat(imported.source()).isEqualTo(new Source(dir.resolve("smtproutes").toString(), 1));
        assertThat(imported.finalDelivery()).isTrue();
        assertThat(imported.tls()).isEqualTo(TlsMode.OPPORTUNISTIC);
        assertThat(imported.maxConnections()).isEqualTo(3);
        assertThat(c.routes().lookup("a.tw.company.com").orElseThrow().relay().isMx()).isTrue();
        assertThat(c.routes().lookup("special.company.com").orElseThrow().finalDelivery()).isFalse();
    }

    @Test
    void aPipeRouteCarriesItsCommandAndAToIniSuppliesTheRelayedDsnPolicy() throws Exception {
        write("to.ini", "[MIME]\ndeliver_relayed_dsn = 2\nmode = list\nallow = partner.example\n");
        write("tombsmtp.ini", "own_node = company.com\nown_node = A:tw.company.com\n");
        Path file = write("twgate.yaml", """
                routes:
                  - domain: tw.company.com
                    transport: pipe
                    command: ["/usr/bin/torecvm", "-d/to/smtp", "-pA", "-f$SENDER", "-r$RECIPIENT"]
                    pipe_per: recipient
                    pipe_timeout: 2m
                    final: true
                  - smtproutes: ":[127.0.0.1]:25"
                    deliver_relayed_dsn: 1
                    convert_qmail_bounces: false
                teamware:
                  to_ini: to.ini
                  tombsmtp_ini: tombsmtp.ini
                """);

        GatewayConfig c = ConfigLoader.load(file, Map.of());

        Route pipe = c.routes().lookup("tw.company.com").orElseThrow();
        assertThat(pipe.transport()).isEqualTo(Transport.PIPE);
        assertThat(pipe.pipeCommand()).containsExactly("/usr/bin/torecvm", "-d/to/smtp", "-pA", "-f$SENDER",
                "-r$RECIPIENT");
        assertThat(pipe.pipePer()).isEqualTo(PipePer.RECIPIENT);
        assertThat(pipe.pipeTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(pipe.deliverRelayedDsn()).isEqualTo(2);
        assertThat(c.routes().lookup("example.org").orElseThrow().deliverRelayedDsn()).isEqualTo(1);
        assertThat(pipe.convertQmailBounces()).isTrue();
        assertThat(c.routes().lookup("example.org").orElseThrow().convertQmailBounces()).isFalse();
        assertThat(c.teamware().ownNodes().aliases()).containsExactly("tw.company.com");
        assertThat(c.teamware().connectorAcceptance().accepts("partner.example", c.teamware().ownNodes())).isTrue();
        assertThat(c.teamware().connectorAcceptance().accepts("other.example", c.teamware().ownNodes())).isFalse();
    }

    @Test
    void relayClientsAndATcpRulesFileAreJudgedTogetherMostSpecificFirst() throws Exception {
        write("tcp.smtp", "10.1.2.3:deny\n:allow\n");
        Path file = write("twgate.yaml", """
                policy:
                  relay_clients: ["10.1.", "2001:db8::/32", "192.168.7.0/24"]
                  tcp_rules_file: tcp.smtp
                  accepted_domains: [company.com, .tw.company.com]
                """);

        GatewayConfig c = ConfigLoader.load(file, Map.of());

        var access = c.policy().clientAccess();
        assertThat(access.decide(InetAddress.getByName("10.1.2.3")).allowed()).isFalse();
        assertThat(access.decide(InetAddress.getByName("10.1.2.4")).relayClient()).isTrue();
        assertThat(access.decide(InetAddress.getByName("10.1.2.4")).reason())
                .isEqualTo(file + ":2 'relay_clients: 10.1.'");
        assertThat(access.decide(InetAddress.getByName("2001:db8::1")).relayClient()).isTrue();
        assertThat(access.decide(InetAddress.getByName("192.168.7.200")).relayClient()).isTrue();
        assertThat(access.decide(InetAddress.getByName("192.168.8.1")).relayClient()).isFalse();
        assertThat(access.decide(InetAddress.getByName("127.0.0.1")).relayClient())
                .as("the file's relay_clients replace the loopback default").isFalse();
        assertThat(c.policy().acceptedDomains().accepts("john.tw.company.com")).isTrue();
        assertThat(c.policy().acceptedDomains().accepts("tw.company.com")).isFalse();
    }

    @Test
    void shadowedRoutesAreWarningsNotErrors() throws Exception {
        Path file = write("twgate.yaml", """
                routes:
                  - smtproutes: "example.com:[192.0.2.1]"
                  - smtproutes: "Example.com:[192.0.2.2]"
                """);

        GatewayConfig c = ConfigLoader.load(file, Map.of());

        assertThat(c.routes().lookup("example.com").orElseThrow().relay().host()).isEqualTo("192.0.2.2");
        assertThat(c.warnings()).extracting(Problem::toString).containsExactly(file + ":2: route "
                + "'example.com:[192.0.2.1]:25' is never used: " + file + ":3 sets the same domain again, and as in"
                + " qmail the later line wins");
    }

    @Test
    void aToIniKeyGivenTwiceTakesTheFirstValueAndWarnsNamingBothLines() throws Exception {
        Path ini = write("to.ini", "[MIME]\ndeliver_relayed_dsn=0\nDELIVER_RELAYED_DSN = 2\n");
        Path file = write("twgate.yaml", """
                routes:
                  - smtproutes: "tw.company.com:[127.0.0.1]:2025"
                    final: true
                teamware:
                  to_ini: to.ini
                """);

        GatewayConfig c = ConfigLoader.load(file, Map.of());

        assertThat(c.routes().lookup("tw.company.com").orElseThrow().deliverRelayedDsn()).isZero();
        assertThat(c.warnings()).extracting(Problem::toString).containsExactly(ini + ":3: [MIME] "
                + "deliver_relayed_dsn = 2 ignored: line 2 set it first (deliver_relayed_dsn = 0), and the first"
                + " value counts, as Windows' GetPrivateProfileString reads it");
        assertThat(c.policy().postmaster()).isEqualTo("postmaster@" + c.server().hostname());
    }

    @Test
    void aFinalRouteWhoseDomainTheConnectorRefusesIsAWarningNamingBothLines() throws Exception {
        Path ini = write("to.ini", "[MIME]\nmode = list\nallow = tw.company.com\n");
        Path file = write("twgate.yaml", """
                rewrite:
                  sets:
                    alias:
                      - match: {domain: company.com}
                        result: "$LOCAL@partner.example"
                routes:
                  - smtproutes: "tw.company.com:[127.0.0.1]:2025"
                    final: true
                  - smtproutes: "other.example:[127.0.0.1]:2025"
                    final: true
                  - smtproutes: "company.com:[127.0.0.1]:2025"
                    final: true
                    rewrite: alias
                teamware:
                  to_ini: to.ini
                """);

        GatewayConfig c = ConfigLoader.load(file, Map.of());

        assertThat(c.warnings()).extracting(Problem::toString).containsExactly(
                file + ":9: route 'other.example:[127.0.0.1]:2025' delivers other.example to the connector, whose"
                        + " rules (mode at " + ini + ":2, allow at " + ini + ":3) refuse it: every such message would"
                        + " be refused at RCPT",
                file + ":11: route 'company.com:[127.0.0.1]:2025' delivers partner.example by rule alias#1 ("
                        + file + ":4) to the connector, whose rules (mode at " + ini + ":2, allow at " + ini
                        + ":3) refuse it: every such message would be refused at RCPT");
    }

    /** A route built in code with nothing named is the route a YAML entry with only its smtproutes line gets. */
    @Test
    void aRouteBuiltWithNothingNamedIsARouteEntryWithNoKeysButItsLine() throws Exception {
        GatewayConfig c = ConfigLoader.load(write("bare.yaml", "routes:\n  - smtproutes: \"example.org:[127.0.0.9]:2026\"\n"),
                Map.of());
        Route fromYaml = c.routes().lookup("example.org").orElseThrow();

        Route built = Route.builder("example.org", "example.org", new Relay("127.0.0.9", true, 2026),
                fromYaml.source()).build();

        assertThat(built).isEqualTo(fromYaml);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
