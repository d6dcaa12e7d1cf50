package org.twgate.gateway.accept;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.testkit.NameServiceSeam;
import org.twgate.testkit.SmtpTranscript;

/**
 * No name lookup ever runs on an event loop, whatever James or Netty would do by default: the
 * JDK's name service is replaced by one that hangs and records who asked. The client's PTR name
 * (for {@code Received:}) is looked up on the server's own resolver threads, with a timeout and
 * a cache, and a banner never waits longer than that timeout.
 */
class ReverseDnsTest {
    private static final byte[] LOOPBACK = {127, 0, 0, 1};

    @TempDir
    Path dir;

    private static AcceptSettings withReverseDns(Duration timeout) {
        AcceptSettings s = AcceptSettings.builder("gw.test").maxCommandLine(512).maxRecipients(5).maxMessageSize(100_000)
                .maxDataLine(100_000).maxReceivedHeaders(10).rejectBareLineEndings(false).maxConnections(100)
                .maxConnectionsPerIp(50).idleTimeout(Duration.ofSeconds(30)).advertiseDsn(true).build();
        return s.with(s.defences().withReverseDns(timeout));
    }

    @Test
    void sessionsAreAnsweredWhileNewClientsPtrLookupsHangAndNoLookupRunsOnAnEventLoop() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (NameServiceSeam seam = NameServiceSeam.install(address -> {
                    release.await(10, TimeUnit.SECONDS);
                    throw new UnknownHostException("no answer");
                });
             ServerHarness h = new ServerHarness(dir, withReverseDns(Duration.ofMillis(300)))) {
            List<SmtpTranscript> established = new ArrayList<>();
            for (int i = 0; i < 4; i++) { // both event loops have sessions
                established.add(h.connect().ehlo());
            }
            List<SmtpTranscript> newcomers = new ArrayList<>();
            for (int i = 0; i < 20; i++) { // fresh addresses: none is in the cache
                newcomers.add(new SmtpTranscript(h.address(), InetAddress.getByName("127.0.3." + (10 + i))));
            }
            for (int round = 0; round < 3; round++) {
                for (SmtpTranscript t : established) {
                    t.send("NOOP\r\n").expect("250"); // while every newcomer's lookup still hangs
                }
            }
            assertThat(release.getCount()).isEqualTo(1);
            for (SmtpTranscript t : newcomers) {
                t.expect("220 gw.test"); // after the timeout, not after the lookup
                t.send("NOOP\r\n").expect("250");
            }
            assertThat(seam.lookupThreads()).isNotEmpty().allMatch(name -> name.startsWith("twgate-dns-"));
            release.countDown();
            for (SmtpTranscript t : established) {
                t.close();
            }
            for (SmtpTranscript t : newcomers) {
                t.close();
            }
        }
    }

    @Test
    void withoutReverseDnsNothingIsLookedUpAtAll() throws Exception {
        try (NameServiceSeam seam = NameServiceSeam.install(address -> "localhost");
             ServerHarness h = new ServerHarness(dir, ServerHarness.settings());
             SmtpTranscript t = h.connect().ehlo()) {
            sendOne(t);
            assertThat(received(h)).startsWith("Received: from client.example ([127.0.0.1])\r\n");
            assertThat(seam.lookupThreads()).isEmpty();
        }
    }

    @Test
    void receivedNamesTheClientByItsForwardConfirmedPtrLookedUpOncePerAddress() throws Exception {
        try (NameServiceSeam seam = NameServiceSeam.install(address -> {
                    if (Arrays.equals(address, LOOPBACK)) {
                        return "localhost"; // /etc/hosts maps it back to 127.0.0.1: confirmed
                    }
                    throw new UnknownHostException();
                });
             ServerHarness h = new ServerHarness(dir, withReverseDns(Duration.ofSeconds(5)))) {
            for (int i = 0; i < 2; i++) {
                try (SmtpTranscript t = h.connect().ehlo()) {
                    sendOne(t);
                }
            }
            assertThat(received(h)).startsWith("Received: from client.example (localhost [127.0.0.1])\r\n");
            assertThat(seam.lookupThreads()).hasSize(1); // the second session was answered from the cache
        }
    }

    @Test
    void aPtrNameThatDoesNotResolveBackIsNotUsed() throws Exception {
        try (NameServiceSeam seam = NameServiceSeam.install(address -> "mail.forged.invalid");
             ServerHarness h = new ServerHarness(dir, withReverseDns(Duration.ofSeconds(5)));
             SmtpTranscript t = h.connect().ehlo()) {
            sendOne(t);
            assertThat(received(h)).startsWith("Received: from client.example ([127.0.0.1])\r\n");
            assertThat(seam.lookupThreads()).hasSize(1);
        }
    }

    private static void sendOne(SmtpTranscript t) throws java.io.IOException {
        t.send("MAIL FROM:<john@company.com>\r\n").expect("250");
        t.send("RCPT TO:<jane@tw.company.com>\r\n").expect("250");
        t.send("DATA\r\n").expect("354");
        t.send("Subject: x\r\n\r\nbody\r\n.\r\n").expect("250");
    }

    private static String received(ServerHarness h) throws java.io.IOException {
        var m = h.stored(1).get(0);
        String all = Files.readString(m.file(), java.nio.charset.StandardCharsets.ISO_8859_1);
        return all.substring((int) m.contentOffset());
    }

}
