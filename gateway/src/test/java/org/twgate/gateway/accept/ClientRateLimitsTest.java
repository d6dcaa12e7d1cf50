package org.twgate.gateway.accept;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.testkit.SmtpTranscript;

/**
 * Per-client limits in the spirit of Postfix's anvil: connections per time unit, sessions at a
 * time, messages and recipients per time unit, each refused with the limit named and counted;
 * relay clients exempt; a client is its address or the network prefix it belongs to.
 */
class ClientRateLimitsTest {
    @TempDir
    Path dir;
    final RecordingListener listener = new RecordingListener();

    /** A clock the test moves on, for the time unit. */
    static final class MovableClock extends Clock {
        volatile Instant now = Instant.parse("2026-11-21T09:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static AcceptSettings settings(int perClient, RateLimits rates) {
        AcceptSettings s = AcceptSettings.builder("gw.test").maxCommandLine(512).maxRecipients(50).maxMessageSize(100_000)
                .maxDataLine(100_000).maxReceivedHeaders(10).rejectBareLineEndings(false).maxConnections(100)
                .maxConnectionsPerIp(perClient).idleTimeout(Duration.ofSeconds(30)).advertiseDsn(true).build();
        return s.with(s.defences().withRates(rates));
    }

    private static RateLimits rates(int connections, int messages, int recipients, int ipv4Prefix, boolean exempt) {
        return new RateLimits(connections, messages, recipients, Duration.ofMinutes(1), ipv4Prefix, 64, exempt);
    }

    private static InetAddress ip(String text) {
        return org.twgate.config.syntax.IpLiterals.parse(text).orElseThrow();
    }

    @Test
    void connectionsOverTheRateHear421NamingTheLimitUntilTheTimeUnitIsOver() throws Exception {
        MovableClock clock = new MovableClock();
        try (ServerHarness h = new ServerHarness(dir, settings(10, rates(3, 0, 0, 32, true)),
                ServerHarness.everyone(false), listener, clock)) {
            for (int i = 0; i < 3; i++) {
                try (SmtpTranscript t = new SmtpTranscript(h.address(), ip("127.0.0.7"))) {
                    t.expect("220");
                }
            }
            try (SmtpTranscript t = new SmtpTranscript(h.address(), ip("127.0.0.7"))) {
                assertThat(t.reply()).isEqualTo("421 4.7.0 gw.test Too many connections from 127.0.0.7:"
                        + " connection rate limit is 3 per 1m, try again later\n");
                assertThat(t.closedByServer()).isTrue();
            }
            try (SmtpTranscript other = new SmtpTranscript(h.address(), ip("127.0.0.8"))) {
                other.expect("220"); // another client is not affected
            }
            clock.now = clock.now.plusSeconds(61);
            try (SmtpTranscript t = new SmtpTranscript(h.address(), ip("127.0.0.7"))) {
                t.expect("220"); // a new time unit
            }
            assertThat(listener.refusedConnections).containsExactly(ConnectionRefusal.CONNECTION_RATE);
        }
    }

    @Test
    void relayClientsAreExemptFromEveryPerClientLimit() throws Exception {
        try (ServerHarness h = new ServerHarness(dir, settings(1, rates(1, 1, 1, 32, true)),
                ServerHarness.everyone(true), listener)) {
            List<SmtpTranscript> open = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                open.add(h.connect());
            }
            SmtpTranscript t = open.get(0).ehlo();
            for (int i = 0; i < 3; i++) {
                t.send("MAIL FROM:<john@company.com>\r\n").expect("250");
                t.send("RCPT TO:<a@elsewhere.example>\r\n").expect("250");
                t.send("RCPT TO:<b@elsewhere.example>\r\n").expect("250");
                t.send("RSET\r\n").expect("250");
            }
            for (SmtpTranscript o : open) {
                o.close();
            }
        }
        assertThat(listener.refusedConnections).isEmpty();
    }

    @Test
    void sessionsAtATimeAreCountedPerNetworkPrefixWhenConfigured() throws Exception {
        try (ServerHarness h = new ServerHarness(dir, settings(2, rates(0, 0, 0, 24, true)),
                ServerHarness.everyone(false), listener)) {
            // One at a time: connections accepted together may be set up in any order.
            SmtpTranscript a = new SmtpTranscript(h.address(), ip("127.0.5.2"));
            a.expect("220");
            try (SmtpTranscript b = new SmtpTranscript(h.address(), ip("127.0.5.3"))) {
                b.expect("220");
                try (SmtpTranscript c = new SmtpTranscript(h.address(), ip("127.0.5.4"))) {
                    assertThat(c.reply()).isEqualTo("421 4.7.0 gw.test Too many connections from 127.0.5.0/24"
                            + " (at most 2 at a time), try again later\n");
                }
                try (SmtpTranscript elsewhere = new SmtpTranscript(h.address(), ip("127.0.6.2"))) {
                    elsewhere.expect("220");
                }
                a.send("QUIT\r\n").expect("221");
                assertThat(a.closedByServer()).isTrue();
                a.close();
                org.twgate.testkit.Await.until("a slot free again", Duration.ofSeconds(5), () -> {
                    try (SmtpTranscript d = new SmtpTranscript(h.address(), ip("127.0.5.5"))) {
                        return d.reply().startsWith("220");
                    } catch (java.io.IOException e) {
                        return false;
                    }
                });
            }
            assertThat(listener.refusedConnections).contains(ConnectionRefusal.MAX_CONNECTIONS_PER_IP);
        }
    }

    @Test
    void messagesOverTheRateHear452EvenInALaterSession() throws Exception {
        try (ServerHarness h = new ServerHarness(dir, settings(10, rates(0, 2, 0, 32, true)),
                ServerHarness.everyone(false), listener)) {
            try (SmtpTranscript t = h.connect().ehlo()) {
                t.send("MAIL FROM:<john@company.com>\r\n").expect("250");
                t.send("RSET\r\n").expect("250");
                t.send("MAIL FROM:<john@company.com>\r\n").expect("250");
                t.send("RSET\r\n").expect("250");
            }
            try (SmtpTranscript t = h.connect().ehlo()) {
                assertThat(t.send("MAIL FROM:<john@company.com>\r\n").reply()).isEqualTo("452 4.7.1 Too many messages"
                        + " from 127.0.0.1: message rate limit is 2 per 1m, try again later\n");
                t.send("NOOP\r\n").expect("250"); // the session goes on
            }
            assertThat(listener.refusedCommands).containsExactly("MAIL message_rate"); // once, under its cause
        }
    }

    @Test
    void recipientsOverTheRateHear452() throws Exception {
        try (ServerHarness h = new ServerHarness(dir, settings(10, rates(0, 0, 3, 32, true)),
                ServerHarness.everyone(false), listener);
             SmtpTranscript t = h.connect().ehlo()) {
            t.send("MAIL FROM:<john@company.com>\r\n").expect("250");
            for (int i = 0; i < 3; i++) {
                t.send("RCPT TO:<u" + i + "@tw.company.com>\r\n").expect("250");
            }
            assertThat(t.send("RCPT TO:<u3@tw.company.com>\r\n").reply()).isEqualTo("452 4.7.1 Too many recipients"
                    + " from 127.0.0.1: recipient rate limit is 3 per 1m, try again later\n");
            t.send("DATA\r\n").expect("354");
            t.send("Subject: x\r\n\r\nthree of four\r\n.\r\n").expect("250");
            assertThat(h.stored(1).get(0).envelope().recipients()).hasSize(3);
            assertThat(listener.refusedCommands).containsExactly("RCPT recipient_rate");
        }
    }
}
