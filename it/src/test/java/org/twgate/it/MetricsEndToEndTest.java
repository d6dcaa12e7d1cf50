package org.twgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.config.ConfigLoader;
import org.twgate.gateway.Gateway;
import org.twgate.testkit.Await;
import org.twgate.testkit.Closeables;
import org.twgate.testkit.RecordingSmtpServer;
import org.twgate.testkit.SmtpTranscript;

/**
 * /metrics and /health of a whole gateway after real SMTP traffic: counters move by exactly
 * what was sent, and the exposition passes {@code promtool check metrics}.
 */
class MetricsEndToEndTest {
    @TempDir
    Path dir;
    RecordingSmtpServer connector;
    Gateway gateway;

    @BeforeEach
    void start() throws Exception {
        connector = RecordingSmtpServer.start()
                .onRcpt(address -> address.startsWith("unknown@") ? "550 5.1.1 no such user" : "250 2.1.5 ok");
        Path file = dir.resolve("twgate.yaml");
        // The client (127.0.0.1) is not a relay client: it may only send to tw.company.com.
        Files.writeString(file, String.join("\n",
                "server:",
                "  listen: [\"127.0.0.1:0\"]",
                "  hostname: gw.test",
                "  max_message_size: 10k",
                "  max_connections_per_ip: 2",
                "  bare_line_endings: reject",
                "policy:",
                "  relay_clients: [\"::1\"]",
                "  accepted_domains: [tw.company.com]",
                "spool:",
                "  directory: " + dir.resolve("spool"),
                "metrics:",
                "  listen: \"127.0.0.1:0\"",
                "routes:",
                "  - smtproutes: \":[127.0.0.1]:" + connector.port() + "\"",
                "    name: connector",
                "    final: true",
                ""));
        gateway = Gateway.start(ConfigLoader.load(file, Map.of()), Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        Closeables.closeAll(gateway == null ? null : gateway::stop, connector);
    }

    private InetSocketAddress metrics() {
        return gateway.metricsAddress().orElseThrow();
    }

    private InetSocketAddress smtp() {
        return gateway.smtpAddresses().get(0);
    }

    @Test
    void countersMoveByExactlyTheTrafficSent() throws Exception {
        Scrape before = Scrape.of(metrics());

        for (int i = 0; i < 3; i++) {
            send("john@company.com", "jane@tw.company.com", "Subject: " + i + "\r\n\r\nbody\r\n");
        }
        send("", "unknown@tw.company.com", "Subject: to nobody\r\n\r\nbody\r\n"); // null sender: no notice
        try (SmtpTranscript t = new SmtpTranscript(smtp())) {
            t.expect("220");
            t.send("HELO qmail.company.com\r\n").expect("250");
            t.send("MAIL FROM:<john@company.com> SIZE=999999\r\n").expect("552 5.3.4");
            t.send("MAIL FROM:<john@company.com>\r\n").expect("250");
            t.send("RCPT TO:<someone@internet.example>\r\n").expect("554 5.7.1");
            t.send("RCPT TO:<jane@tw.company.com>\r\n").expect("250");
            t.send("DATA\r\n").expect("354");
            t.send("Subject: big\r\n\r\n" + ("x".repeat(70) + "\r\n").repeat(200) + ".\r\n").expect("552 5.3.4");
            t.send("QUIT\r\n").expect("221");
        }
        // Refused by the framer, before any verb is read or the chain sees a line.
        try (SmtpTranscript t = new SmtpTranscript(smtp())) {
            t.expect("220");
            t.send("HELO qmail.company.com\r\n").expect("250");
            t.send("MAIL FROM:<" + "x".repeat(1100) + "@company.com>\r\n").expect("500 5.5.2 Line too long");
            t.send("NOOP\n").expect("500 5.5.2 Command line ended by bare LF");
            t.send("MAIL FROM:<john@company.com>\r\n").expect("250");
            t.send("RCPT TO:<jane@tw.company.com>\r\n").expect("250");
            t.send("DATA\r\n").expect("354");
            t.send("Subject: smuggled\r\n\r\nbo\ndy\r\n.\r\n").expect("554 5.6.0 Bare CR or LF");
            t.send("QUIT\r\n").expect("221");
        }
        // The server sees a client's close a moment later: wait, so the limit counts only the next three.
        Await.until("earlier sessions closed", Duration.ofSeconds(10),
                () -> scrapeQuietly().value("twgate_sessions_active") == 0);
        try (SmtpTranscript first = new SmtpTranscript(smtp())) {
            first.expect("220"); // one at a time: connections accepted together may be set up in any order
            try (SmtpTranscript second = new SmtpTranscript(smtp())) {
                second.expect("220");
                try (SmtpTranscript third = new SmtpTranscript(smtp())) {
                    third.expect("421 4.7.0");
                }
            }
        }
        connector.awaitMessages(3, Duration.ofSeconds(10)); // the fourth is refused at RCPT by the connector

        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("twgate_sessions_total", 8.0); // 4 + 1 + 1 + the 2 admitted of 3
        expected.put("twgate_sessions_refused_total{reason=\"max_connections_per_ip\"}", 1.0);
        expected.put("twgate_sessions_refused_total{reason=\"policy\"}", 0.0);
        expected.put("twgate_messages_accepted_total", 4.0);
        expected.put("twgate_messages_refused_total{reason=\"size\"}", 1.0);
        expected.put("twgate_messages_refused_total{reason=\"loop\"}", 0.0);
        expected.put("twgate_messages_refused_total{reason=\"bare_line_ending\"}", 1.0);
        expected.put("twgate_commands_refused_total{command=\"line\",reason=\"line_length\"}", 1.0);
        expected.put("twgate_commands_refused_total{command=\"line\",reason=\"bare_line_ending\"}", 1.0);
        expected.put("twgate_commands_refused_total{command=\"mail\",reason=\"size\"}", 1.0);
        expected.put("twgate_commands_refused_total{command=\"rcpt\",reason=\"relay_denied\"}", 1.0);
        expected.put("twgate_deliveries_total{outcome=\"delivered\",route=\"connector\"}", 3.0);
        expected.put("twgate_deliveries_total{outcome=\"failed\",route=\"connector\"}", 1.0);
        expected.put("twgate_delivery_duration_seconds_count{route=\"connector\"}", 4.0);
        expected.put("twgate_queue_time_seconds_count{outcome=\"delivered\"}", 3.0);
        expected.put("twgate_queue_time_seconds_count{outcome=\"failed\"}", 1.0);

        try {
            Await.until("every delivery counted and every session closed", Duration.ofSeconds(10),
                    () -> deltas(before, scrapeQuietly()).equals(expected)
                            && scrapeQuietly().value("twgate_sessions_active") == 0);
        } catch (AssertionError timedOut) {
            assertThat(deltas(before, Scrape.of(metrics()))).as(timedOut.getMessage()).isEqualTo(expected);
            throw timedOut;
        }
        Scrape after = Scrape.of(metrics());
        assertThat(deltas(before, after)).isEqualTo(expected);
        assertThat(after.value("twgate_queue_messages")).isZero();
        assertThat(after.value("twgate_queue_oldest_age_seconds")).isZero();
        assertThat(after.value("twgate_messages_accepted_bytes_total")).isGreaterThan(4 * "body\r\n".length());

        Promtool.checkMetrics(after.text());
    }

    @Test
    void everyDashboardQueryUsesExportedMetricsAndLabels() throws Exception {
        // Series labelled by what happened exist once it has happened: one delivery, one refusal.
        try (SmtpTranscript t = new SmtpTranscript(smtp())) {
            t.expect("220");
            t.send("HELO qmail.company.com\r\n").expect("250");
            t.send("MAIL FROM:<john@company.com>\r\n").expect("250");
            t.send("RCPT TO:<someone@internet.example>\r\n").expect("554 5.7.1");
        }
        send("john@company.com", "jane@tw.company.com", "Subject: x\r\n\r\nbody\r\n");
        connector.awaitMessages(1, Duration.ofSeconds(10));
        Await.until("the delivery counted", Duration.ofSeconds(10),
                () -> scrapeQuietly().names().contains("twgate_queue_time_seconds_bucket"));
        Scrape scrape = Scrape.of(metrics());
        Dashboard dashboard = Dashboard.read(Path.of(System.getProperty("twgate.root", ".."),
                "deploy/grafana/dashboards/twgate.json"));
        assertThat(dashboard.expressions()).hasSizeGreaterThanOrEqualTo(15);
        for (String expr : dashboard.expressions()) {
            Set<String> names = Dashboard.metrics(expr);
            assertThat(names).as("metrics queried by %s", expr).isNotEmpty();
            assertThat(scrape.names()).as("exported metrics, for %s", expr).containsAll(names);
            for (String label : Dashboard.groupingLabels(expr)) {
                assertThat(scrape.samples().keySet())
                        .as("a series of %s with label %s, for %s", names, label, expr)
                        .anyMatch(series -> names.stream().anyMatch(series::startsWith) && series.contains(label + "=\""));
            }
        }
    }

    @Test
    void exportsNoAddressOrQueueIdInAnyLabel() throws Exception {
        send("john@company.com", "jane@tw.company.com", "Subject: x\r\n\r\nbody\r\n");
        connector.awaitMessages(1, Duration.ofSeconds(10));
        String text = Scrape.of(metrics()).text();
        assertThat(text).doesNotContain("@").doesNotContain("company.com").doesNotContain("127.0.0.1");
    }

    @Test
    void readyWhenListeningWithAWritableSpool() throws Exception {
        HttpResponse<String> ready = Scrape.get(metrics(), "/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).startsWith("ready\n").contains("ok   smtp: listening on").contains("ok   spool:")
                .contains("ok   configuration: loaded from");
        assertThat(Scrape.get(metrics(), "/health/live").statusCode()).isEqualTo(200);
        assertThat(Scrape.get(metrics(), "/nothing").statusCode()).isEqualTo(404);
    }

    private Scrape scrapeQuietly() {
        try {
            return Scrape.of(metrics());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, Double> deltas(Scrape before, Scrape after) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String series : List.of(
                "twgate_sessions_total",
                "twgate_sessions_refused_total{reason=\"max_connections_per_ip\"}",
                "twgate_sessions_refused_total{reason=\"policy\"}",
                "twgate_messages_accepted_total",
                "twgate_messages_refused_total{reason=\"size\"}",
                "twgate_messages_refused_total{reason=\"loop\"}",
                "twgate_messages_refused_total{reason=\"bare_line_ending\"}",
                "twgate_commands_refused_total{command=\"line\",reason=\"line_length\"}",
                "twgate_commands_refused_total{command=\"line\",reason=\"bare_line_ending\"}",
                "twgate_commands_refused_total{command=\"mail\",reason=\"size\"}",
                "twgate_commands_refused_total{command=\"rcpt\",reason=\"relay_denied\"}",
                "twgate_deliveries_total{outcome=\"delivered\",route=\"connector\"}",
                "twgate_deliveries_total{outcome=\"failed\",route=\"connector\"}",
                "twgate_delivery_duration_seconds_count{route=\"connector\"}",
                "twgate_queue_time_seconds_count{outcome=\"delivered\"}",
                "twgate_queue_time_seconds_count{outcome=\"failed\"}")) {
            out.put(series, after.value(series) - before.value(series));
        }
        return out;
    }

    private void send(String from, String to, String content) throws Exception {
        try (SmtpTranscript t = new SmtpTranscript(smtp())) {
            t.expect("220");
            t.send("HELO qmail.company.com\r\n").expect("250");
            t.send("MAIL FROM:<" + from + ">\r\n").expect("250");
            t.send("RCPT TO:<" + to + ">\r\n").expect("250");
            t.send("DATA\r\n").expect("354");
            t.send(content + ".\r\n").expect("250 2.0.0");
            t.send("QUIT\r\n").expect("221");
        }
    }
}
