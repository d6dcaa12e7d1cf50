package org.twgate.gateway.accept;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.gateway.policy.RelayPolicy;
import org.twgate.testkit.SmtpTranscript;

/** Limits and refusals that end or shape a session: each answered with its code, never a silent close. */
class SmtpServerLimitsTest {
    @TempDir
    Path dir;

    private static AcceptSettings settings(int maxConnections, int perIp, Duration idle, boolean rejectBare, long maxLine) {
        return AcceptSettings.builder("gw.test").maxCommandLine(512).maxRecipients(5).maxMessageSize(100_000)
                .maxDataLine(maxLine).maxReceivedHeaders(10).rejectBareLineEndings(rejectBare)
                .maxConnections(maxConnections).maxConnectionsPerIp(perIp).idleTimeout(idle).advertiseDsn(false).build();
    }

    @Test
    void idleSessionHears421BeforeCloseAndIsCounted() throws Exception {
        List<SessionClosure> closures = new java.util.concurrent.CopyOnWriteArrayList<>();
        SmtpListener listener = new SmtpListener() {
            @Override
            public void sessionClosedByServer(SessionClosure reason) {
                closures.add(reason);
            }
        };
        try (ServerHarness h = new ServerHarness(dir, settings(20, 10, Duration.ofMillis(300), false, 1000), listener);
             SmtpTranscript t = h.connect()) {
            assertThat(t.reply()).startsWith("421 4.4.2 gw.test Idle timeout");
            assertThat(t.closedByServer()).isTrue();
            org.twgate.testkit.Await.until("the idle closure counted", Duration.ofSeconds(5), () -> !closures.isEmpty());
            assertThat(closures).containsExactly(SessionClosure.IDLE_TIMEOUT);
        }
    }

    @Test
    void connectionsOverTheTotalLimitHear421() throws Exception {
        try (ServerHarness h = new ServerHarness(dir, settings(2, 10, Duration.ofSeconds(30), false, 1000))) {
            List<SmtpTranscript> open = new ArrayList<>();
            open.add(h.connect());
            open.add(h.connect());
            try (SmtpTranscript third = new SmtpTranscript(h.address())) {
                assertThat(third.reply()).startsWith("421 4.7.0 gw.test Too many connections");
                assertThat(third.closedByServer()).isTrue();
            }
            for (SmtpTranscript t : open) {
                t.send("NOOP\r\n").expect("250");
                t.close();
            }
        }
    }

    @Test
    void connectionsOverThePerIpLimitHear421NamingTheAddress() throws Exception {
        try (ServerHarness h = new ServerHarness(dir, settings(20, 1, Duration.ofSeconds(30), false, 1000));
             SmtpTranscript first = h.connect();
             SmtpTranscript second = new SmtpTranscript(h.address())) {
            assertThat(second.reply()).startsWith("421 4.7.0 gw.test Too many connections from 127.0.0.1");
            first.send("NOOP\r\n").expect("250");
        }
    }

    @Test
    void deniedClientHears554WithTheRule() throws Exception {
        RelayPolicy deny = new RelayPolicy() {
            @Override
            public ClientVerdict client(InetAddress address) {
                return new ClientVerdict(false, false, "tcp.smtp:3 '127.:deny'");
            }

            @Override
            public boolean acceptsDomain(String domain) {
                return false;
            }
        };
        try (ServerHarness h = new ServerHarness(dir, settings(20, 10, Duration.ofSeconds(30), false, 1000), deny);
             SmtpTranscript t = new SmtpTranscript(h.address())) {
            assertThat(t.reply()).isEqualTo("554 5.7.1 gw.test client 127.0.0.1 is not allowed to connect "
                    + "(tcp.smtp:3 '127.:deny')\n");
            assertThat(t.closedByServer()).isTrue();
        }
    }

    @Test
    void relayClientMaySendAnywhere() throws Exception {
        RelayPolicy relay = new RelayPolicy() {
            @Override
            public ClientVerdict client(InetAddress address) {
                return new ClientVerdict(true, true, "relay_clients: 127.0.0.0/8");
            }

            @Override
            public boolean acceptsDomain(String domain) {
                return false;
            }
        };
        try (ServerHarness h = new ServerHarness(dir, settings(20, 10, Duration.ofSeconds(30), false, 1000), relay);
             SmtpTranscript t = h.connect()) {
            t.send("HELO x\r\nMAIL FROM:<a@tw.company.com>\r\nRCPT TO:<b@internet.example>\r\n");
            t.expect("250");
            t.expect("250 2.1.0");
            t.expect("250 2.1.5");
        }
    }

    @Test
    void overlongDataLineRefusesTheMessageAfterTheEnd() throws Exception {
        try (ServerHarness h = new ServerHarness(dir, settings(20, 10, Duration.ofSeconds(30), false, 1000));
             SmtpTranscript t = h.connect()) {
            t.send("HELO x\r\nMAIL FROM:<a@company.com>\r\nRCPT TO:<b@tw.company.com>\r\nDATA\r\n");
            t.expect("250");
            t.expect("250");
            t.expect("250");
            t.expect("354");
            t.send("Subject: x\r\n\r\n" + "y".repeat(1001) + "\r\n.\r\n").expect("554 5.6.0 Line 3 of the message is longer than 1000 octets");
            t.send("NOOP\r\n").expect("250");
            assertThat(h.stored).isEmpty();
        }
    }

    @Test
    void rejectModeRefusesBareLineEndingsInDataAndCommands() throws Exception {
        try (ServerHarness h = new ServerHarness(dir, settings(20, 10, Duration.ofSeconds(30), true, 1000));
             SmtpTranscript t = h.connect()) {
            t.send("NOOP\n").expect("500 5.5.2 Command line ended by bare LF");
            t.send("HELO x\r\nMAIL FROM:<a@company.com>\r\nRCPT TO:<b@tw.company.com>\r\nDATA\r\n");
            t.expect("250");
            t.expect("250");
            t.expect("250");
            t.expect("354");
            t.send("Subject: x\r\n\r\nbare\nlf\r\n.\r\n").expect("554 5.6.0 Bare CR or LF in line 3");
            assertThat(h.stored).isEmpty();
        }
    }

    @Test
    void shutdownLetsATransactionFinishThenSays421() throws Exception {
        ServerHarness h = new ServerHarness(dir, settings(20, 10, Duration.ofSeconds(30), false, 1000));
        try (SmtpTranscript t = h.connect()) {
            t.send("HELO x\r\nMAIL FROM:<a@company.com>\r\nRCPT TO:<b@tw.company.com>\r\nDATA\r\n");
            t.expect("250");
            t.expect("250");
            t.expect("250");
            t.expect("354");
            t.send("Subject: x\r\n\r\npart one\r\n");
            Thread shutdown = new Thread(() -> h.server.shutdown(Duration.ofSeconds(10)));
            shutdown.start();
            t.send("part two\r\n.\r\n").expect("250 2.0.0");
            assertThat(t.reply()).startsWith("421 4.3.2");
            shutdown.join(15_000);
        } finally {
            h.close();
        }
        assertThat(h.stored(1)).hasSize(1);
    }
}
