package org.twgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.config.ConfigLoader;
import org.twgate.config.syntax.IpLiterals;
import org.twgate.gateway.Gateway;
import org.twgate.testkit.Await;
import org.twgate.testkit.Closeables;
import org.twgate.testkit.RecordingSmtpServer;
import org.twgate.testkit.SmtpTranscript;

/**
 * The limits against hostile clients through a whole gateway configured from YAML, each answered
 * as the README says and counted by exactly one in its metric. Every abuser comes from its own
 * 127.x address, so their limits do not meet; 127.0.0.1 is the relay client (qmail).
 */
class HostileClientsEndToEndTest {
    @TempDir
    Path dir;
    RecordingSmtpServer connector;
    Gateway gateway;

    @BeforeEach
    void start() throws Exception {
        connector = RecordingSmtpServer.start();
        Path file = dir.resolve("twgate.yaml");
        Files.writeString(file, String.join("\n",
                "server:",
                "  listen: [\"127.0.0.1:0\"]",
                "  hostname: gw.test",
                "  command_deadline: 600ms",
                "  data_deadline: 600ms",
                "  min_data_rate: 100",
                "  connection_rate_limit: 3",
                "  message_rate_limit: 2",
                "  recipient_rate_limit: 3",
                "  reverse_dns_timeout: 1s",
                "policy:",
                "  relay_clients: [\"127.0.0.1\"]",
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

    private SmtpTranscript from(String ip) throws Exception {
        SmtpTranscript t = new SmtpTranscript(gateway.smtpAddresses().get(0), IpLiterals.parse(ip).orElseThrow());
        return t;
    }

    private SmtpTranscript transaction(String ip) throws Exception {
        SmtpTranscript t = from(ip);
        t.expect("220");
        t.send("EHLO client.example\r\n").expect("250");
        t.send("MAIL FROM:<x@client.example>\r\n").expect("250");
        t.send("RCPT TO:<jane@tw.company.com>\r\n").expect("250");
        t.send("DATA\r\n").expect("354");
        return t;
    }

    private InetSocketAddress metrics() {
        return gateway.metricsAddress().orElseThrow();
    }

    @Test
    void eachLimitIsAnsweredAsDocumentedAndCountedOnce() throws Exception {
        Scrape before = Scrape.of(metrics());

        for (int i = 0; i < 3; i++) {
            try (SmtpTranscript t = from("127.0.9.1")) {
                t.expect("220");
            }
        }
        try (SmtpTranscript t = from("127.0.9.1")) {
            t.expect("421 4.7.0 gw.test Too many connections from 127.0.9.1: connection rate limit is 3 per 1m");
        }
        try (SmtpTranscript t = from("127.0.9.2")) {
            t.expect("220");
            t.send("EHLO client.example\r\n").expect("250");
            for (int i = 0; i < 2; i++) {
                t.send("MAIL FROM:<x@client.example>\r\n").expect("250");
                t.send("RSET\r\n").expect("250");
            }
            t.send("MAIL FROM:<x@client.example>\r\n").expect("452 4.7.1 Too many messages from 127.0.9.2");
            t.send("EHLO not_a_domain\r\n").expect("501 5.5.4 Invalid HELO/EHLO name");
            t.send("\u0000NOOP\r\n").expect("500 5.5.2 Control character \\x00");
        }
        try (SmtpTranscript t = from("127.0.9.3")) {
            t.expect("220");
            t.send("EHLO client.example\r\n").expect("250");
            t.send("MAIL FROM:<x@client.example>\r\n").expect("250");
            for (int i = 0; i < 3; i++) {
                t.send("RCPT TO:<u" + i + "@tw.company.com>\r\n").expect("250");
            }
            t.send("RCPT TO:<u3@tw.company.com>\r\n").expect("452 4.7.1 Too many recipients from 127.0.9.3");
        }
        try (SmtpTranscript t = from("127.0.9.4")) {
            t.expect("220");
            t.send("NO"); // and nothing more: the rest of the line never comes
            t.expect("421 4.4.2 gw.test Timeout: no complete command line within 600ms");
        }
        try (SmtpTranscript t = transaction("127.0.9.5")) {
            t.send("Subject: slow"); // then nothing: far below 100 octets/s
            t.expect("421 4.4.2 gw.test Timeout: the message arrived slower than 100 octets/s for more than 600ms");
        }
        try (SmtpTranscript t = transaction("127.0.9.6")) {
            t.send("Subject: one\r\n\r\nbody\r\n.\r\nMAIL FROM:<x@client.example>\r\n")
                    .expect("554 5.5.0 SMTP protocol synchronization");
            assertThat(t.closedByServer()).isTrue();
        }
        try (SmtpTranscript t = transaction("127.0.9.7")) {
            t.send("Subject: nul\r\n\r\nbo\u0000dy\r\n.\r\n").expect("554 5.6.0 NUL character in line 3");
            t.send("MAIL FROM:<x@client.example>\r\n").expect("250");
            t.send("RCPT TO:<jane@tw.company.com>\r\n").expect("250");
            t.send("DATA\r\n").expect("354");
            t.send("Subject: lf\r\n\r\nbo\ndy\r\n.\r\n").expect("554 5.6.0 Bare CR or LF in line 3");
        }
        // The relay client (qmail, the connector) is held to none of it.
        try (SmtpTranscript t = transaction("127.0.0.1")) {
            t.send("Subject: relay\r\n\r\nbare\nlf\r\n.\r\nMAIL FROM:<x@client.example>\r\n").expect("250 2.0.0");
            t.expect("250 2.1.0");
        }
        connector.awaitMessages(1, Duration.ofSeconds(10));
        Await.until("every session closed", Duration.ofSeconds(10),
                () -> scrapeQuietly().value("twgate_sessions_active") == 0);

        Scrape after = Scrape.of(metrics());
        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("twgate_sessions_refused_total{reason=\"connection_rate\"}", 1.0);
        expected.put("twgate_sessions_refused_total{reason=\"max_connections_per_ip\"}", 0.0);
        expected.put("twgate_commands_refused_total{command=\"mail\",reason=\"message_rate\"}", 1.0);
        expected.put("twgate_commands_refused_total{command=\"rcpt\",reason=\"recipient_rate\"}", 1.0);
        expected.put("twgate_commands_refused_total{command=\"ehlo\",reason=\"syntax\"}", 1.0);
        expected.put("twgate_commands_refused_total{command=\"line\",reason=\"syntax\"}", 1.0);
        expected.put("twgate_sessions_closed_by_server_total{reason=\"command_deadline\"}", 1.0);
        expected.put("twgate_sessions_closed_by_server_total{reason=\"data_deadline\"}", 1.0);
        expected.put("twgate_messages_refused_total{reason=\"unauth_pipelining\"}", 1.0);
        expected.put("twgate_messages_refused_total{reason=\"nul_character\"}", 1.0);
        expected.put("twgate_messages_refused_total{reason=\"bare_line_ending\"}", 1.0);
        expected.put("twgate_messages_accepted_total", 1.0);
        expected.put("twgate_log_events_dropped_total", 0.0);
        Map<String, Double> actual = new LinkedHashMap<>();
        expected.keySet().forEach(series -> actual.put(series, after.value(series) - before.value(series)));
        assertThat(actual).isEqualTo(expected);
        assertThat(after.names()).contains("twgate_log_events_dropped_total");
    }

    private Scrape scrapeQuietly() {
        try {
            return Scrape.of(metrics());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

}
