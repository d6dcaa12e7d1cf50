package org.twgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.config.syntax.IpLiterals;
import org.twgate.testkit.Await;
import org.twgate.testkit.RecordingSmtpServer;
import org.twgate.testkit.SmtpTranscript;

/**
 * A normal client keeps being served while others attack: twgate (its own JVM, shipped jar,
 * default limits but for a few shortened deadlines) holds 150 drip sessions from 15 addresses and a
 * connection flood from 20 more, and meanwhile qmail at 127.0.0.1 sends 100 messages, one
 * connection each as qmail-remote does: every one gets {@code 250} and is delivered. Bounded (the
 * attackers stop when the normal client is done) and not timed. The figures (messages served,
 * replies to the attackers, file descriptors and threads of twgate before and after) are printed
 * and written to {@code target/hostile-load.txt}.
 */
class HostileLoadTest {
    private static final int DRIPS = 150;
    private static final int MESSAGES = 100;

    @TempDir
    Path dir;

    private static List<InetAddress> addresses(String prefix, int first, int count) {
        List<InetAddress> out = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            out.add(IpLiterals.parse(prefix + i).orElseThrow());
        }
        return out;
    }

    private static long entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    /** The process's threads by name without its number (Linux keeps 15 characters of a name). */
    private static Map<String, Long> threads(Path proc) throws IOException {
        Map<String, Long> out = new java.util.TreeMap<>();
        try (Stream<Path> tasks = Files.list(proc.resolve("task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip().replaceAll("([-_ #]?\\d+)+-?$", "");
                    out.merge(name, 1L, Long::sum);
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        }
        return out;
    }

    /**
     * Threads outside the pools that start threads on demand up to a bound (delivery 16, spool I/O 8,
     * PTR lookups 4, the metrics listener once scraped): those are not leaks.
     */
    private static long outsideBoundedPools(Map<String, Long> threads) {
        return threads.entrySet().stream()
                .filter(e -> Stream.of("twgate-deliver", "twgate-spool-io", "twgate-dns", "twgate-metrics")
                        .noneMatch(e.getKey()::startsWith))
                .mapToLong(Map.Entry::getValue).sum();
    }

    @Test
    void aNormalClientIsServedWhileDripAndFloodAttacksGoOn() throws Exception {
        int port = TwgateProcess.freePort();
        int metricsPort = TwgateProcess.freePort();
        try (RecordingSmtpServer connector = RecordingSmtpServer.start()) {
            Path config = dir.resolve("twgate.yaml");
            Files.writeString(config, String.join("\n",
                    "server:",
                    "  listen: [\"127.0.0.1:" + port + "\"]",
                    "  hostname: gw.test",
                    "  command_deadline: 3s",        // drips are cut (and come back) during the test
                    "  reverse_dns_timeout: 1s",
                    "  connection_rate_limit: 30",
                    "policy:",
                    "  relay_clients: [\"127.0.0.1\"]",
                    "  accepted_domains: [tw.company.com]",
                    "spool:",
                    "  directory: " + dir.resolve("spool"),
                    "metrics:",
                    "  listen: \"127.0.0.1:" + metricsPort + "\"",
                    "routes:",
                    "  - smtproutes: \":[127.0.0.1]:" + connector.port() + "\"",
                    "    name: connector",
                    "    final: true",
                    ""));
            try (TwgateProcess twgate = TwgateProcess.start(config, port, dir.resolve("twgate.log"))) {
                InetSocketAddress metrics = new InetSocketAddress("127.0.0.1", metricsPort);
                Path proc = Path.of("/proc", Long.toString(twgate.pid()));
                send(twgate.address(), 0); // warm: the event loops and the spool have started
                connector.awaitMessages(1, Duration.ofSeconds(30));
                long fdsBefore = entries(proc.resolve("fd"));
                Map<String, Long> threadsBefore = threads(proc);

                int served = 0;
                Map<String, Long> dripReplies;
                Map<String, Long> floodReplies;
                long peakSessions;
                try (DripAttack drips = new DripAttack(twgate.address(), addresses("127.0.1.", 1, 15), DRIPS, 500)
                        .start()) {
                    Await.until(DRIPS + " drip sessions held", Duration.ofSeconds(60), () -> drips.holding() >= DRIPS);
                    peakSessions = (long) scrape(metrics).value("twgate_sessions_active");
                    // Steady state: drips are being cut at the command deadline and come back.
                    Await.until("a drip session cut at its deadline", Duration.ofSeconds(30),
                            () -> drips.replies().containsKey("421 4.4.2"));
                    List<List<InetAddress>> floodFrom = List.of(addresses("127.0.2.", 1, 5),
                            addresses("127.0.2.", 6, 5), addresses("127.0.2.", 11, 5), addresses("127.0.2.", 16, 5));
                    try (ConnectionFlood flood = new ConnectionFlood(twgate.address(), floodFrom, 2000).start()) {
                        for (int i = 1; i <= MESSAGES; i++) {
                            assertThat(send(twgate.address(), i)).startsWith("250 2.0.0");
                            served++;
                        }
                        assertThat(flood.attempts()).isPositive();
                        floodReplies = flood.replies();
                    }
                    dripReplies = drips.replies();
                }
                assertThat(connector.awaitMessages(MESSAGES + 1, Duration.ofSeconds(60))).hasSize(MESSAGES + 1);
                Await.until("every attacker's session closed", Duration.ofSeconds(30),
                        () -> scrape(metrics).value("twgate_sessions_active") == 0);
                long fdsAfter = entries(proc.resolve("fd"));
                Map<String, Long> threadsAfter = threads(proc);
                Scrape after = scrape(metrics);

                String report = String.join("\n",
                        "messages served to the normal client: " + served + " of " + MESSAGES + " (all 250, all delivered)",
                        "drip sessions held at once: " + DRIPS + " (twgate_sessions_active " + peakSessions + ")",
                        "replies to the drip sessions: " + dripReplies,
                        "replies to the connection flood: " + floodReplies,
                        "twgate_sessions_refused_total{reason=connection_rate}: "
                                + after.value("twgate_sessions_refused_total{reason=\"connection_rate\"}"),
                        "twgate_sessions_closed_by_server_total{reason=command_deadline}: "
                                + after.value("twgate_sessions_closed_by_server_total{reason=\"command_deadline\"}"),
                        "twgate file descriptors before/after: " + fdsBefore + " / " + fdsAfter,
                        "twgate threads before: " + sum(threadsBefore) + " " + threadsBefore,
                        "twgate threads after:  " + sum(threadsAfter) + " " + threadsAfter, "");
                System.out.print(report);
                Files.writeString(Path.of("target", "hostile-load.txt"), report);

                assertThat(served).isEqualTo(MESSAGES);
                assertThat(floodReplies).containsKey("421 4.7.0");
                assertThat(dripReplies).containsKey("421 4.4.2");
                // Nothing leaks: what the attack opened is closed again; only the bounded pools grew.
                assertThat(fdsAfter).isLessThanOrEqualTo(fdsBefore + 5);
                assertThat(outsideBoundedPools(threadsAfter)).isLessThanOrEqualTo(outsideBoundedPools(threadsBefore) + 2);
                assertThat(threadsAfter.getOrDefault("twgate-dns", 0L)).isLessThanOrEqualTo(4);
            }
        }
    }

    private static long sum(Map<String, Long> threads) {
        return threads.values().stream().mapToLong(Long::longValue).sum();
    }

    private static Scrape scrape(InetSocketAddress metrics) {
        try {
            return Scrape.of(metrics);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** One message in one session, as qmail-remote sends it; the reply to the end of data. */
    private static String send(InetSocketAddress twgate, int n) throws IOException {
        try (SmtpTranscript t = new SmtpTranscript(twgate)) {
            t.expect("220");
            t.send("HELO qmail.company.com\r\n").expect("250");
            t.send("MAIL FROM:<john@company.com>\r\n").expect("250");
            t.send("RCPT TO:<jane@tw.company.com>\r\n").expect("250");
            t.send("DATA\r\n").expect("354");
            String reply = t.send("Subject: message " + n + "\r\n\r\nbody " + n + "\r\n.\r\n").reply();
            t.send("QUIT\r\n").expect("221");
            return reply;
        }
    }
}
