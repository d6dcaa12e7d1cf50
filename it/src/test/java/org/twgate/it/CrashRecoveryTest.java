package org.twgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.testkit.Await;
import org.twgate.testkit.RecordedTransaction;
import org.twgate.testkit.RecordingSmtpServer;
import org.twgate.testkit.SmtpTranscript;

/**
 * kill -9 while 8 clients send 240 messages concurrently; after a restart every message that got
 * {@code 250} reaches the connector stand-in; duplicates only for deliveries in flight at the kill.
 */
class CrashRecoveryTest {
    private static final int SENDERS = 8;
    private static final int PER_SENDER = 30;
    private static final Pattern SUBJECT = Pattern.compile("Subject: crash-(\\d+)\r\n");

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedMessageIsDeliveredAfterKillNine() throws Exception {
        try (RecordingSmtpServer connector = RecordingSmtpServer.start()) {
            // Defer the first deliveries so the spool holds journalled, half-done work at the kill.
            connector.failFirstMessages(40, "451 4.3.0 connector busy");
            int port = TwgateProcess.freePort();
            Path config = dir.resolve("twgate.yaml");
            Files.writeString(config, String.join("\n",
                    "server:", "  listen: [\"127.0.0.1:" + port + "\"]", "  hostname: gw.test",
                    "spool:", "  directory: " + dir.resolve("spool"), "  retry_initial: 300ms", "  retry_max: 1s",
                    "metrics:", "  listen: \"\"",
                    "routes:", "  - smtproutes: \":[127.0.0.1]:" + connector.port() + "\"", "    final: true", ""));
            Path log = dir.resolve("twgate.log");
            Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger next = new AtomicInteger();

            TwgateProcess first = TwgateProcess.start(config, port, log);
            ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
            for (int s = 0; s < SENDERS; s++) {
                senders.execute(() -> send(first, next, acknowledged));
            }
            Await.until("100 acknowledged messages", Duration.ofSeconds(60), () -> acknowledged.size() >= 100);
            first.kill();
            senders.shutdown();
            assertThat(senders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            int ackedAtKill = acknowledged.size();

            try (TwgateProcess second = TwgateProcess.start(config, port, log)) {
                Await.until("every acknowledged message delivered", Duration.ofSeconds(90),
                        () -> delivered(connector).keySet().containsAll(acknowledged));
                Map<Integer, Integer> counts = delivered(connector);
                long duplicates = counts.values().stream().filter(c -> c > 1).count();
                System.out.printf("crash test: acknowledged=%d delivered=%d duplicates=%d%n",
                        ackedAtKill, counts.size(), duplicates);
                // At most the deliveries in flight at the kill: one per delivery thread.
                assertThat(duplicates).isLessThanOrEqualTo(32);
                assertThat(second.terminate(Duration.ofSeconds(40))).as("exits on SIGTERM").isTrue();
            }
        }
    }

    /** One session per sender, messages until the connection breaks (the kill) or all are sent. */
    private static void send(TwgateProcess twgate, AtomicInteger next, Set<Integer> acknowledged) {
        try (SmtpTranscript t = new SmtpTranscript(twgate.address())) {
            t.expect("220");
            t.send("EHLO sender.test\r\n").expect("250");
            for (int i = 0; i < PER_SENDER; i++) {
                int n = next.getAndIncrement();
                t.send("MAIL FROM:<s@company.com>\r\n").expect("250");
                t.send("RCPT TO:<r@tw.company.com>\r\n").expect("250");
                t.send("DATA\r\n").expect("354");
                String reply = t.send("Subject: crash-" + n + "\r\n\r\nmessage " + n + "\r\n.\r\n").reply();
                if (reply.startsWith("250")) {
                    acknowledged.add(n);
                }
            }
        } catch (IOException | AssertionError e) {
            // The kill broke the session: what was not acknowledged may be lost, by contract.
        }
    }

    private static Map<Integer, Integer> delivered(RecordingSmtpServer connector) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (RecordedTransaction t : connector.transactions()) {
            if (t.endReply() != null && t.endReply().startsWith("250")) {
                Matcher m = SUBJECT.matcher(t.text());
                if (m.find()) {
                    counts.merge(Integer.parseInt(m.group(1)), 1, Integer::sum);
                }
            }
        }
        return counts;
    }
}
