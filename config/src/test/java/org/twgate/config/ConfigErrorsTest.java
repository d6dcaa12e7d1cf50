package org.twgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every problem is reported, exactly, with where it came from and the bad value quoted. */
class ConfigErrorsTest {

    @TempDir
    Path dir;

    @Test
    void badYamlSyntaxNamesTheLine() throws Exception {
        assertThat(problems("""
                server:
                  listen: ["127.0.0.1:2525"
                  hostname: gw
                """)).isEqualTo(f() + ":3: YAML syntax error: expected ',' or ']', but got <scalar>");
    }

    @Test
    void unknownKeySuggestsTheClosestKnownOne() throws Exception {
        assertThat(problems("""
                server:
                  listn: "127.0.0.1:2525"
                spool:
                  retry_intial: 1m
                bogus: 1
                """)).isEqualTo(f() + ":2: server: unknown key 'listn' (did you mean 'listen'?)\n"
                + f() + ":4: spool: unknown key 'retry_intial' (did you mean 'retry_initial'?)\n"
                + f() + ":5: unknown key 'bogus'");
    }

    @Test
    void aBadQueueBoundNamesItsLine() throws Exception {
        assertThat(problems("spool:\n  retry_initial: 1m\n  max_queued_messages: 0\n"))
                .isEqualTo(f() + ":3: spool.max_queued_messages: not 'auto' or a whole number from 1 to 999999999: '0'");
        assertThat(problems("spool:\n  max_queued_messages: lots\n"))
                .isEqualTo(f() + ":2: spool.max_queued_messages: not 'auto' or a whole number from 1 to 999999999: 'lots'");
    }

    @Test
    void badDurationIsQuoted() throws Exception {
        assertThat(problems("server:\n  idle_timeout: 5x\n"))
                .isEqualTo(f() + ":2: server.idle_timeout: not a duration: '5x'");
    }

    @Test
    void badLimitsAndDeadlinesNameTheirLine() throws Exception {
        assertThat(problems("server:\n  command_deadline: 0\n  data_deadline: soon\n  message_rate_limit: -1\n"
                + "  client_ipv4_prefix: 33\n  exempt_relay_clients: maybe\n  relay_client_bare_line_endings: strip\n"))
                .isEqualTo(f() + ":2: server.command_deadline: must be more than 0\n"
                        + f() + ":3: server.data_deadline: not a duration: 'soon'\n"
                        + f() + ":4: server.message_rate_limit: not a whole number from 0 to 100000000: '-1'\n"
                        + f() + ":5: server.client_ipv4_prefix: not a whole number from 8 to 32: '33'\n"
                        + f() + ":6: server.exempt_relay_clients: not true or false: 'maybe'\n"
                        + f() + ":7: server.relay_client_bare_line_endings: expected one of normalize, reject: 'strip'");
    }

    @Test
    void aBadStatusPageAddressNamesItsLine() throws Exception {
        assertThat(problems("metrics:\n  listen: 127.0.0.1:9464\n  status_listen: localhost:http\n"))
                .startsWith(f() + ":3: metrics.status_listen: ");
        assertThat(problems("metrics:\n  status_lisen: 127.0.0.1:9465\n"))
                .isEqualTo(f() + ":2: metrics: unknown key 'status_lisen' (did you mean 'status_listen'?)");
    }

    @Test
    void badSizeIsQuoted() throws Exception {
        assertThat(problems("server:\n  max_message_size: 10 megs\n"))
                .isEqualTo(f() + ":2: server.max_message_size: not a size: '10 megs'");
    }

    @Test
    void badListenAddressIsQuotedWithItsListIndex() throws Exception {
        assertThat(problems("server:\n  listen:\n    - 127.0.0.1:2525\n    - mail.example.com:25\n"
                + "    - \"[::1]:99999\"\n"))
                .isEqualTo(f() + ":4: server.listen[1]: not an IP address:port (host names are not resolved here):"
                        + " 'mail.example.com:25'\n"
                        + f() + ":5: server.listen[2]: not a port number 0-65535 in: '[::1]:99999'");
    }

    @Test
    void badCidrIsQuoted() throws Exception {
        assertThat(problems("policy:\n  relay_clients: [10.0.0.0/33, 300.1.]\n"))
                .isEqualTo(f() + ":2: policy.relay_clients[0]: prefix length over 32 in CIDR block: '10.0.0.0/33'\n"
                        + f() + ":2: policy.relay_clients[1]: not an address, CIDR block or dotted prefix"
                        + " (e.g. 10.1.2.): '300.1.'");
    }

    @Test
    void badLinesInAnImportedSmtproutesFileNameThatFileAndLine() throws Exception {
        Files.writeString(dir.resolve("smtproutes"), "ok.example:[127.0.0.1]:2025\nno-colon-here\n"
                + "bad.example:[1.2.3.999]\nport.example:relay.example:smtp\n");
        String routes = dir.resolve("smtproutes").toString();

        assertThat(problems("routes:\n  - smtproutes_file: smtproutes\n"))
                .isEqualTo(routes + ":2: not a smtproutes line (domain:relay or domain:relay:port): 'no-colon-here'\n"
                        + routes + ":3: not an IPv4 literal [a.b.c.d] in smtproutes line: 'bad.example:[1.2.3.999]'\n"
                        + routes + ":4: not a port number 1-65535 in smtproutes line:"
                        + " 'port.example:relay.example:smtp'");
    }

    @Test
    void missingImportedFileNamesTheKeyThatPointsAtIt() throws Exception {
        assertThat(problems("policy:\n  rcpthosts_file: /nonexistent/rcpthosts\n"
                + "teamware:\n  to_ini: missing/to.ini\n"))
                .isEqualTo(f() + ":2: policy.rcpthosts_file: cannot read '/nonexistent/rcpthosts': no such file\n"
                        + f() + ":4: teamware.to_ini: cannot read '" + dir.resolve("missing/to.ini")
                        + "': no such file");
    }

    @Test
    void badEnvironmentOverrideNamesTheVariable() throws Exception {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.defaults(Map.of(
                "TWGATE_SERVER__MAX_MESSAGE_SIZE", "abc",
                "TWGATE_SERVR__LISTEN", "127.0.0.1:25",
                "TWGATE_ROUTES__5__RELAY", "[10.0.0.5]",
                "TWGATE_SERVER__LISTEN__X", "1")));

        assertThat(e.getMessage()).isEqualTo(
                "env TWGATE_ROUTES__5__RELAY: 'routes' has 1 entries; index '5' is neither one of them nor the next\n"
                + "env TWGATE_SERVER__LISTEN__X: 'server.listen' has 1 entries; index 'x' is neither one of them"
                + " nor the next\n"
                + "env TWGATE_SERVER__MAX_MESSAGE_SIZE: not a size: 'abc'\n"
                + "env TWGATE_SERVR__LISTEN: unknown key 'servr' (did you mean 'server'?)");
        assertThat(e.problems()).hasSize(4);
    }

    /** What Kubernetes sets in every pod of a namespace with a Service named "twgate" (and Docker links). */
    @Test
    void variablesOfAServiceNamedTwgateAreNotOverrides() throws Exception {
        GatewayConfig config = ConfigLoader.defaults(Map.of(
                "TWGATE_SERVICE_HOST", "10.96.0.12",
                "TWGATE_SERVICE_PORT", "2525",
                "TWGATE_SERVICE_PORT_SMTP", "2525",
                "TWGATE_PORT", "tcp://10.96.0.12:2525",
                "TWGATE_PORT_2525_TCP", "tcp://10.96.0.12:2525",
                "TWGATE_PORT_2525_TCP_PROTO", "tcp",
                "TWGATE_PORT_2525_TCP_PORT", "2525",
                "TWGATE_PORT_2525_TCP_ADDR", "10.96.0.12",
                "TWGATE_SERVER__MAX_RECIPIENTS", "7"));

        assertThat(config.server().maxRecipients()).isEqualTo(7);
        // A near miss is still a mistake worth hearing about.
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.defaults(Map.of("TWGATE_PORTS", "2525")));
        assertThat(e.getMessage()).startsWith("env TWGATE_PORTS: unknown key 'ports'");
    }

    @Test
    void everyProblemOfAFileIsReportedInOneGo() throws Exception {
        String message = problems("""
                server:
                  max_recipients: many
                  bare_line_endings: strip
                routes:
                  - smtproutes: "example.com:[10.0.0.1]"
                    transport: pipe
                    tls: always
                  - final: true
                logging:
                  level: verbose
                """);

        assertThat(message.split("\n")).containsExactly(
                f() + ":2: server.max_recipients: not a whole number from 1 to 1000000: 'many'",
                f() + ":3: server.bare_line_endings: expected one of normalize, reject: 'strip'",
                f() + ":6: routes[0].command: a pipe route needs a command (argv list)",
                f() + ":7: routes[0].tls: expected one of none, opportunistic, required: 'always'",
                f() + ":8: routes[1]: a route needs smtproutes, smtproutes_file or domain",
                f() + ":10: logging.level: expected one of trace, debug, info, warn, error: 'verbose'");
    }

    @Test
    void routeEntriesAreCheckedKeyByKey() throws Exception {
        Files.writeString(dir.resolve("smtproutes"), ":[127.0.0.1]:25\n");

        assertThat(problems("""
                routes:
                  - smtproutes: "a.example:[127.0.0.1]"
                    fnal: true
                  - smtproutes_file: smtproutes
                    domain: b.example
                  - domain: c.example
                    port: 2525
                  - smtproutes: "d.example:[127.0.0.1]"
                    command: ["/bin/true"]
                    deliver_relayed_dsn: 3
                """)).isEqualTo(String.join("\n",
                f() + ":3: routes[0]: unknown key 'fnal' (did you mean 'final'?)",
                f() + ":5: routes[1].domain: cannot be combined with smtproutes_file",
                f() + ":7: routes[2].port: a port needs a relay host (an empty relay means MX, port 25)",
                f() + ":9: routes[3].command: only a pipe route runs a command (set transport: pipe)",
                f() + ":10: routes[3].deliver_relayed_dsn: not a whole number from 0 to 2: '3'"));
    }

    @Test
    void duplicateKeysAreErrors() throws Exception {
        assertThat(problems("spool:\n  directory: /a\n  directory: /b\n"))
                .isEqualTo(f() + ":3: duplicate key 'directory' (first at line 2)");
    }

    @Test
    void aMissingConfigurationFileIsOneProblem() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(dir.resolve("nope.yaml"), Map.of()));

        assertThat(e.getMessage()).isEqualTo(dir.resolve("nope.yaml") + ": cannot read the configuration: no such file");
    }

    private String f() {
        return dir.resolve("twgate.yaml").toString();
    }

    private String problems(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("twgate.yaml"), yaml);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));
        assertThat(e).as("expected the configuration to be refused").isNotNull();
        return e.getMessage();
    }
}
