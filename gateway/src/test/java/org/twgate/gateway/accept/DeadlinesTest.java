package org.twgate.gateway.accept;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.testkit.Await;
import org.twgate.testkit.SmtpTranscript;

/**
 * A byte now and then no longer keeps a session open: a whole command line is due within the
 * command deadline, and the message content must keep up a minimum rate, as Postfix's
 * per-request deadlines and {@code smtpd_min_data_rate} have it. Each ends the session with
 * {@code 421 4.4.2}, counted by reason.
 */
class DeadlinesTest {
    @TempDir
    Path dir;
    final RecordingListener listener = new RecordingListener();

    private static AcceptSettings settings(Deadlines deadlines) {
        AcceptSettings s = AcceptSettings.builder("gw.test").maxCommandLine(512).maxRecipients(5)
                .maxMessageSize(10_000_000).maxDataLine(100_000).maxReceivedHeaders(10)
                .rejectBareLineEndings(false).maxConnections(20).maxConnectionsPerIp(10)
                .idleTimeout(Duration.ofSeconds(30)).advertiseDsn(true).build(); // the idle timeout never fires in these tests
        return s.with(s.defences().withDeadlines(deadlines));
    }

    /** Sends {@code text} one octet at a time, {@code gapMillis} apart, on its own thread until stopped. */
    private static Thread drip(SmtpTranscript t, String text, long gapMillis, AtomicBoolean stop) {
        Thread th = new Thread(() -> {
            try {
                for (int i = 0; !stop.get(); i = (i + 1) % text.length()) {
                    t.send(text.substring(i, i + 1));
                    Thread.sleep(gapMillis); // pacing the drip, not synchronisation
                }
            } catch (Exception e) {
                // the server closed the connection: the drip is over
            }
        }, "drip");
        th.setDaemon(true);
        th.start();
        return th;
    }

    @Test
    void aClientDrippingOneOctetAtATimeIsCutAtTheCommandDeadline() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        try (ServerHarness h = new ServerHarness(dir, settings(new Deadlines(Duration.ofMillis(400), Duration.ZERO, 0)),
                ServerHarness.everyone(false), listener);
             SmtpTranscript t = h.connect()) {
            drip(t, "NOOP NOOP NOOP ", 50, stop);
            assertThat(t.reply()).isEqualTo(
                    "421 4.4.2 gw.test Timeout: no complete command line within 400ms, closing connection\n");
            assertThat(t.closedByServer()).isTrue();
            Await.until("the closure counted", Duration.ofSeconds(5), () -> !listener.closures.isEmpty());
            assertThat(listener.closures).containsExactly(SessionClosure.COMMAND_DEADLINE);
        } finally {
            stop.set(true);
        }
    }

    @Test
    void commandsThatArriveWholeKeepTheSessionGoingPastTheDeadline() throws Exception {
        try (ServerHarness h = new ServerHarness(dir, settings(new Deadlines(Duration.ofMillis(300), Duration.ZERO, 0)),
                ServerHarness.everyone(false), listener);
             SmtpTranscript t = h.connect()) {
            long until = System.nanoTime() + Duration.ofMillis(900).toNanos();
            int answered = 0;
            while (System.nanoTime() - until < 0) {
                t.send("NOOP\r\n").expect("250");
                answered++;
            }
            assertThat(answered).isPositive();
            assertThat(listener.closures).isEmpty();
        }
    }

    @Test
    void messageContentSlowerThanTheMinimumRateIsCutAndNothingIsQueued() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        try (ServerHarness h = new ServerHarness(dir,
                settings(new Deadlines(Duration.ofSeconds(10), Duration.ofMillis(400), 10)),
                ServerHarness.everyone(false), listener);
             SmtpTranscript t = h.connect().ehlo()) {
            t.send("MAIL FROM:<john@company.com>\r\n").expect("250");
            t.send("RCPT TO:<jane@tw.company.com>\r\n").expect("250");
            t.send("DATA\r\n").expect("354");
            drip(t, "Subject: slow\r\n\r\n", 200, stop); // 5 octets/s, half the minimum
            assertThat(t.reply()).isEqualTo("421 4.4.2 gw.test Timeout: the message arrived slower than 10 octets/s"
                    + " for more than 400ms, closing connection\n");
            Await.until("the closure counted", Duration.ofSeconds(5), () -> !listener.closures.isEmpty());
            assertThat(listener.closures).containsExactly(SessionClosure.DATA_DEADLINE);
            assertThat(h.stored).isEmpty();
        } finally {
            stop.set(true);
        }
    }

    @Test
    void aLargeMessageSentSteadilyGetsItsReply() throws Exception {
        try (ServerHarness h = new ServerHarness(dir,
                settings(new Deadlines(Duration.ofSeconds(10), Duration.ofSeconds(2), 500)),
                ServerHarness.everyone(false), listener);
             SmtpTranscript t = h.connect().ehlo()) {
            t.send("MAIL FROM:<john@company.com>\r\n").expect("250");
            t.send("RCPT TO:<jane@tw.company.com>\r\n").expect("250");
            t.send("DATA\r\n").expect("354");
            t.send("Subject: big\r\n\r\n");
            String line = "x".repeat(998) + "\r\n";
            for (int i = 0; i < 4000; i++) { // 4 MB
                t.send(line);
            }
            t.send(".\r\n").expect("250 2.0.0");
            t.send("NOOP\r\n").expect("250"); // and the command deadline runs again from here
            assertThat(listener.closures).isEmpty();
        }
    }
}
