package org.twgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.config.ConfigLoader;
import org.twgate.gateway.Gateway;
import org.twgate.gateway.reload.ConfigReloader;
import org.twgate.gateway.reload.ReloadOutcome;

/** Where the status page is served (metrics.status_listen), and reloads on it. */
class StatusPageEndToEndTest {
    @TempDir
    Path dir;

    private Path config(String metrics) throws Exception {
        Path file = dir.resolve("twgate.yaml");
        Files.writeString(file, String.join("\n",
                "server:", "  listen: [\"127.0.0.1:0\"]", "  hostname: gw.test",
                "spool:", "  directory: " + dir.resolve("spool"),
                "metrics:", metrics,
                "routes:", "  - smtproutes: \":[127.0.0.1]:9\"", "    name: connector", "    final: true", ""));
        return file;
    }

    @Test
    void aListenerOfItsOwnServesThePageAndTheMetricsListenerThenDoesNot() throws Exception {
        Gateway gateway = Gateway.start(ConfigLoader.load(config(
                "  listen: \"127.0.0.1:0\"\n  status_listen: \"127.0.0.1:0\""), Map.of()), Clock.systemUTC());
        try {
            InetSocketAddress page = gateway.statusAddress().orElseThrow();
            InetSocketAddress metrics = gateway.metricsAddress().orElseThrow();
            assertThat(page.getPort()).isNotEqualTo(metrics.getPort());
            assertThat(Scrape.get(page, "/").body()).contains("<h1>twgate on gw.test</h1>");
            assertThat(Scrape.get(page, "/status/uPlot.iife.min.js").statusCode()).isEqualTo(200);
            assertThat(Scrape.get(page, "/metrics").statusCode()).isEqualTo(404);
            assertThat(Scrape.get(metrics, "/").statusCode()).isEqualTo(404);
            assertThat(Scrape.get(metrics, "/status.json").statusCode()).isEqualTo(404);
            assertThat(Scrape.get(metrics, "/metrics").statusCode()).isEqualTo(200);
        } finally {
            gateway.stop();
        }
    }

    @Test
    void anEmptyStatusListenSwitchesThePageOff() throws Exception {
        Gateway gateway = Gateway.start(ConfigLoader.load(config(
                "  listen: \"127.0.0.1:0\"\n  status_listen: \"\""), Map.of()), Clock.systemUTC());
        try {
            assertThat(gateway.statusAddress()).isEmpty();
            assertThat(Scrape.get(gateway.metricsAddress().orElseThrow(), "/").statusCode()).isEqualTo(404);
        } finally {
            gateway.stop();
        }
    }

    @Test
    void eachReloadAppliedOrRefusedIsAnEventAndTheConfigurationInForceSaysWhen() throws Exception {
        Path file = config("  listen: \"127.0.0.1:0\"");
        Gateway gateway = Gateway.start(ConfigLoader.load(file, Map.of()), Clock.systemUTC());
        try {
            ConfigReloader reloader = gateway.reloader(() -> ConfigLoader.load(file, Map.of()));
            assertThat(reloader.reload()).isInstanceOf(ReloadOutcome.Applied.class);
            Files.writeString(file, Files.readString(file) + "bogus: 1\n");
            assertThat(reloader.reload()).isInstanceOf(ReloadOutcome.Refused.class);

            String json = Scrape.get(gateway.statusAddress().orElseThrow(), "/status.json").body();
            assertThat(json).contains("\"event\":\"reload\",\"queue_id\":null,\"route\":null,\"address\":null,"
                    + "\"detail\":\"refused, the running configuration stays: " + file);
            assertThat(json).contains("\"detail\":\"reloaded " + file + "\"");
            assertThat(json).contains("unknown key 'bogus'");
            assertThat(json).contains("\"source\":\"" + file + "\"");
            assertThat(json).containsPattern("\"last_reload_refused\":\"20");
        } finally {
            gateway.stop();
        }
    }
}
