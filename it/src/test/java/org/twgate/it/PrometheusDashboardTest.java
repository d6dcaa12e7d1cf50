package org.twgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.config.ConfigLoader;
import org.twgate.gateway.Gateway;
import org.twgate.testkit.Await;
import org.twgate.testkit.Closeables;
import org.twgate.testkit.RecordingSmtpServer;
import tools.jackson.databind.JsonNode;

/**
 * The shipped dashboard and alert rules against a real Prometheus (Debian's package) scraping a
 * real twgate that relayed, deferred, failed and refused mail: every panel expression of every
 * dashboard in deploy/grafana/dashboards returns at least one series, and so does every alert
 * expression with its thresholds made bool comparisons (AlertRules#withoutThresholds); the
 * rule file loads and every rule evaluates without error. Grafana itself does not run here
 * (no Debian package): its {@code $__rate_interval} is given the value Grafana would use for a
 * 1 s scrape, at least four scrape intervals.
 */
class PrometheusDashboardTest {
    private static final Path ROOT = Path.of(System.getProperty("twgate.root", ".."));
    private static final String RATE_INTERVAL = "15s";

    @TempDir
    Path dir;

    @Test
    void everyPanelAndAlertExpressionReturnsSeriesFromARealScrape() throws Exception {
        RecordingSmtpServer connector = RecordingSmtpServer.start().onRcpt(address -> address.startsWith("busy@")
                ? "451 4.3.0 try later" : address.startsWith("unknown@") ? "550 5.1.1 no such user" : "250 2.1.5 ok");
        Gateway gateway = null;
        PrometheusServer prometheus = null;
        try {
            gateway = Gateway.start(ConfigLoader.load(MixedTraffic.config(dir, connector.port(), "1s", "2s"), Map.of()),
                    Clock.systemUTC());
            int metricsPort = gateway.metricsAddress().orElseThrow().getPort();
            prometheus = PrometheusServer.start(dir, metricsPort, ROOT.resolve("deploy/prometheus/alerts.yml"));

            // Two relayed, one deferred (and kept queued), one failed (a failure report follows), one refused.
            MixedTraffic.send(gateway.smtpAddresses().get(0), java.util.Collections.nCopies(4, "john@company.com"),
                    "to the connector");
            connector.awaitMessages(3, Duration.ofSeconds(30)); // 2 relayed and the failure report

            Map<String, String> expressions = new LinkedHashMap<>();
            try (var dashboards = Files.list(ROOT.resolve("deploy/grafana/dashboards"))) {
                for (Path json : dashboards.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                    for (String expr : Dashboard.read(json).expressions()) {
                        expressions.put(json.getFileName() + ": " + expr, expr.replace("$__rate_interval", RATE_INTERVAL));
                    }
                }
            }
            assertThat(expressions).hasSizeGreaterThanOrEqualTo(15);
            AlertRules rules = AlertRules.read(ROOT.resolve("deploy/prometheus/alerts.yml"));
            for (AlertRules.Rule rule : rules.rules()) {
                prometheus.query(rule.expr()); // as written: valid PromQL for this Prometheus
                expressions.put("alert " + rule.alert() + ": " + rule.expr(), AlertRules.withoutThresholds(rule.expr()));
            }

            PrometheusServer p = prometheus;
            try {
                Await.until("every expression returns a series", Duration.ofSeconds(90),
                        () -> empty(p, expressions).isEmpty());
            } catch (AssertionError timedOut) {
                assertThat(empty(p, expressions)).as("expressions without a series; Prometheus log:%n%s", p.logText())
                        .isEmpty();
            }

            Await.until("every rule evaluated", Duration.ofSeconds(30), () -> unevaluated(p).isEmpty());
            assertThat(unevaluated(p)).isEmpty();
            assertThat(prometheus.seriesCount("twgate_deliveries_total{outcome=\"deferred\"}")).isEqualTo(1);
            assertThat(prometheus.seriesCount("twgate_deliveries_total{outcome=\"failed\"}")).isEqualTo(1);
            assertThat(prometheus.seriesCount("sum(twgate_commands_refused_total{reason=\"relay_denied\"}) > 0")).isEqualTo(1);
        } finally {
            Gateway g = gateway;
            Closeables.closeAll(prometheus, g == null ? null : g::stop, connector);
        }
    }

    /** The expressions (by name) that return no series now. */
    private static List<String> empty(PrometheusServer prometheus, Map<String, String> expressions) {
        List<String> out = new ArrayList<>();
        expressions.forEach((name, expr) -> {
            if (prometheus.seriesCount(expr) == 0) {
                out.add(name + (expr.equals(name) ? "" : "  (asked as: " + expr + ")"));
            }
        });
        return out;
    }

    /** Rules not yet evaluated or in error, with the error. */
    private static List<String> unevaluated(PrometheusServer prometheus) {
        List<String> out = new ArrayList<>();
        try {
            JsonNode groups = prometheus.rules().path("groups");
            int rules = 0;
            for (JsonNode group : groups) {
                for (JsonNode rule : group.path("rules")) {
                    rules++;
                    if (!rule.path("health").asString().equals("ok")) {
                        out.add(rule.path("name").asString() + ": " + rule.path("health").asString() + " "
                                + rule.path("lastError").asString());
                    }
                }
            }
            if (rules != 8) {
                out.add(rules + " rules loaded, not 8");
            }
        } catch (java.io.IOException e) {
            out.add(e.toString());
        }
        return out;
    }
}
