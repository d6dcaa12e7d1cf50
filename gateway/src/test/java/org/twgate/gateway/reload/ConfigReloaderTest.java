package org.twgate.gateway.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.config.ConfigLoader;
import org.twgate.config.GatewayConfig;
import org.twgate.config.ServerConfig;

/** What a reload puts in force, what it refuses, and which keys it names as needing a restart. */
class ConfigReloaderTest {
    @TempDir
    Path dir;

    private static final String BASE = String.join("\n",
            "server:",
            "  listen: [\"127.0.0.1:2525\"]",
            "  hostname: gw.test",
            "  max_recipients: 100",
            "spool:",
            "  directory: SPOOL",
            "routes:",
            "  - smtproutes: \"company.com:[127.0.0.1]:2025\"",
            "    name: connector",
            "");

    private GatewayConfig load(String yaml) throws org.twgate.config.ConfigException {
        Path file = dir.resolve("twgate.yaml");
        try {
            Files.writeString(file, yaml.replace("SPOOL", dir.resolve("spool").toString()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return ConfigLoader.load(file, Map.of());
    }

    private static Routing routingOf(GatewayConfig c) {
        return new Routing(null, null, null);
    }

    @Test
    void namesEachRestartOnlyKeyThatChanged() throws Exception {
        GatewayConfig started = load(BASE);
        GatewayConfig next = load(BASE.replace("127.0.0.1:2525", "127.0.0.1:2526").replace("gw.test", "gw2.test")
                .replace("directory: SPOOL", "directory: SPOOL\n  retry_max: 2h")
                + "delivery:\n  threads: 3\n  helo_name: out.test\n"
                + "metrics:\n  listen: \"127.0.0.1:9999\"\nlogging:\n  level: debug\n");
        assertThat(RestartOnly.changed(started, next)).containsExactly("server.listen", "server.hostname",
                "spool.retry_max", "delivery.helo_name", "delivery.threads", "metrics.listen", "logging.level");
    }

    @Test
    void theStatusPagesOwnListenerIsRestartOnly() throws Exception {
        GatewayConfig started = load(BASE);
        GatewayConfig next = load(BASE + "metrics:\n  status_listen: \"127.0.0.1:9465\"\n");
        assertThat(RestartOnly.changed(started, next)).containsExactly("metrics.status_listen");
        assertThat(RestartOnly.changed(started, load(BASE + "metrics:\n  status_listen: \"\"\n")))
                .containsExactly("metrics.status_listen");
    }

    @Test
    void routesRewritingPolicyAndSessionLimitsAreNotRestartOnly() throws Exception {
        GatewayConfig started = load(BASE);
        GatewayConfig next = load(BASE.replace("max_recipients: 100", "max_recipients: 5\n  max_message_size: 1m\n"
                + "  idle_timeout: 30s\n  max_connections: 7\n  bare_line_endings: reject")
                .replace("company.com:[127.0.0.1]:2025", "company.com:[127.0.0.1]:2026")
                + "policy:\n  accepted_domains: [company.com]\n"
                + "rewrite:\n  sets:\n    users:\n      - match: {prefix: \"tw.\"}\n        result: \"$DEFAULT@tw.company.com\"\n"
                + "delivery:\n  max_connections_per_route: 3\n");
        assertThat(RestartOnly.changed(started, next)).isEmpty();
    }

    @Test
    void appliesTheRoutingAndTheSessionLimitsAndKeepsNamingWhatAwaitsARestart() throws Exception {
        GatewayConfig started = load(BASE);
        List<String> sources = new ArrayList<>(List.of(BASE.replace("2525", "2526"), BASE.replace("2525", "2526")
                .replace("max_recipients: 100", "max_recipients: 9")));
        Routing.InForce inForce = new Routing.InForce(routingOf(started));
        List<ServerConfig> newSessions = new ArrayList<>();
        ConfigReloader reloader = new ConfigReloader(() -> load(sources.remove(0)), started, inForce,
                ConfigReloaderTest::routingOf, newSessions::add, () -> { });

        Routing before = inForce.current();
        assertThat(reloader.reload()).isInstanceOf(ReloadOutcome.Applied.class)
                .extracting(o -> ((ReloadOutcome.Applied) o).needRestart()).isEqualTo(List.of("server.listen"));
        assertThat(inForce.current()).isNotSameAs(before);
        // Still not bound after a second reload that changes something else: still named.
        assertThat(((ReloadOutcome.Applied) reloader.reload()).needRestart()).containsExactly("server.listen");
        assertThat(newSessions).extracting(ServerConfig::maxRecipients).containsExactly(100, 9);
    }

    @Test
    void aRoutingThatCannotBeBuiltRefusesTheReloadAndKeepsTheRunningOne() throws Exception {
        GatewayConfig started = load(BASE);
        Routing.InForce inForce = new Routing.InForce(routingOf(started));
        Routing before = inForce.current();
        List<ServerConfig> newSessions = new ArrayList<>();
        ConfigReloader reloader = new ConfigReloader(() -> load(BASE), started, inForce, c -> {
            throw new IllegalStateException("route connector at twgate.yaml:8 names rule set 'x', which the "
                    + "configuration does not define");
        }, newSessions::add, () -> { });

        assertThat(reloader.reload()).isEqualTo(new ReloadOutcome.Refused(
                "route connector at twgate.yaml:8 names rule set 'x', which the configuration does not define"));
        assertThat(inForce.current()).isSameAs(before);
        assertThat(newSessions).isEmpty();
        assertThat(reloader.running()).isSameAs(started);
    }

    @Test
    void anUnreadableConfigurationIsRefusedWithItsFileAndLine() throws Exception {
        GatewayConfig started = load(BASE);
        Routing.InForce inForce = new Routing.InForce(routingOf(started));
        ConfigReloader reloader = new ConfigReloader(() -> load(BASE.replace("[127.0.0.1]:2025", "[127.0.0.1]:x")),
                started, inForce, ConfigReloaderTest::routingOf, s -> { }, () -> { });
        ReloadOutcome outcome = reloader.reload();
        assertThat(outcome).isInstanceOf(ReloadOutcome.Refused.class);
        assertThat(((ReloadOutcome.Refused) outcome).error()).contains(dir.resolve("twgate.yaml") + ":").contains("x");
    }
}
