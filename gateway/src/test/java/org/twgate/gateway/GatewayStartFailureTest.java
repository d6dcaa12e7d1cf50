package org.twgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.config.ConfigLoader;
import org.twgate.config.GatewayConfig;
import org.twgate.gateway.spool.Spool;
import org.twgate.testkit.Await;
import org.twgate.testkit.Closeables;
import org.twgate.testkit.SmtpTranscript;

/**
 * A start that fails part way (a listener cannot be bound) says which listener, and leaves
 * nothing behind: the spool's lock is free (a second start on the same spool succeeds and finds
 * the queued message), no twgate thread is left, and no recovered delivery was scheduled.
 */
class GatewayStartFailureTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    Gateway gateway;
    ServerSocket taken;

    @BeforeEach
    void queueOneMessage() throws Exception {
        // A message waiting in the spool: its next hop refuses connections, the retry is an hour away.
        Gateway first = Gateway.start(config("\"\"", "127.0.0.1:0"), Clock.systemUTC());
        try (SmtpTranscript t = new SmtpTranscript(first.smtpAddresses().get(0))) {
            t.expect("220");
            t.send("HELO qmail.company.com\r\n").expect("250");
            t.send("MAIL FROM:<john@company.com>\r\n").expect("250");
            t.send("RCPT TO:<jane@tw.company.com>\r\n").expect("250");
            t.send("DATA\r\n").expect("354");
            t.send("Subject: waits\r\n\r\nbody\r\n.\r\n").expect("250 2.0.0");
            t.send("QUIT\r\n").expect("221");
        }
        // Stopped once its first attempt is deferred, so it is left queued for the hour-long retry.
        Await.until("the first attempt deferred", WAIT, () -> deferred(first));
        first.stop();
    }

    private static boolean deferred(Gateway gateway) {
        var entries = gateway.queue().list();
        return entries.size() == 1 && entries.get(0).attempts() == 1 && entries.get(0).nextAttempt() != null;
    }

    @AfterEach
    void stop() throws Exception {
        Closeables.closeAll(gateway == null ? null : gateway::stop, taken);
    }

    @Test
    void aControlSocketThatCannotBeBoundFailsTheStartAndLeavesNothingBehind() throws Exception {
        Path socket = Spool.controlSocket(dir.resolve("spool"));
        Files.createDirectories(socket.resolve("in-the-way")); // not a stale socket: cannot be replaced
        Set<Thread> before = Thread.getAllStackTraces().keySet();

        assertThatThrownBy(() -> Gateway.start(config("\"\"", "127.0.0.1:0"), Clock.systemUTC()))
                .hasMessageContaining("control socket").hasMessageContaining(socket.toString());

        assertNothingLeft(before);
        Files.delete(socket.resolve("in-the-way"));
        Files.delete(socket);
        gateway = Gateway.start(config("\"\"", "127.0.0.1:0"), Clock.systemUTC());
        assertThat(gateway.queue().size()).isEqualTo(1);
    }

    @Test
    void aMetricsPortThatIsTakenFailsTheStartAndLeavesNothingBehind() throws Exception {
        taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Set<Thread> before = Thread.getAllStackTraces().keySet();

        assertThatThrownBy(() -> Gateway.start(config("\"127.0.0.1:" + taken.getLocalPort() + "\"", "127.0.0.1:0"),
                Clock.systemUTC())).hasMessageContaining("cannot listen for metrics on");

        assertNothingLeft(before);
        gateway = Gateway.start(config("\"\"", "127.0.0.1:0"), Clock.systemUTC());
        assertThat(gateway.queue().size()).isEqualTo(1);
    }

    @Test
    void anSmtpPortThatIsTakenFailsTheStartAndLeavesNothingBehind() throws Exception {
        taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Set<Thread> before = Thread.getAllStackTraces().keySet();

        assertThatThrownBy(() -> Gateway.start(config("\"\"", "127.0.0.1:" + taken.getLocalPort()),
                Clock.systemUTC())).hasMessageContaining("cannot listen on");

        assertNothingLeft(before);
        gateway = Gateway.start(config("\"\"", "127.0.0.1:0"), Clock.systemUTC());
        assertThat(gateway.queue().size()).isEqualTo(1);
    }

    /** No thread started by the failed start is still alive (threads end asynchronously: wait, with a deadline). */
    private static void assertNothingLeft(Set<Thread> before) {
        try {
            Await.until("the failed start's threads to end", WAIT, () -> startedSince(before).isEmpty());
        } catch (AssertionError e) {
            assertThat(startedSince(before)).as("threads left by the failed start").isEmpty();
        }
    }

    private static List<String> startedSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive())
                .map(Thread::getName)
                .filter(n -> n.startsWith("twgate-")) // every thread twgate names (gateway README, threads)
                .sorted().toList();
    }

    private GatewayConfig config(String metricsListen, String smtpListen) throws Exception {
        Path file = dir.resolve("twgate.yaml");
        Files.writeString(file, String.join("\n",
                "server:",
                "  listen: [\"" + smtpListen + "\"]",
                "  hostname: gw.test",
                "spool:",
                "  directory: " + dir.resolve("spool"),
                "  retry_initial: 1h",
                "metrics:",
                "  listen: " + metricsListen,
                "routes:",
                "  - smtproutes: \":[127.0.0.1]:9\"",
                "    name: connector",
                "    final: true",
                ""));
        return ConfigLoader.load(file, Map.of());
    }
}
