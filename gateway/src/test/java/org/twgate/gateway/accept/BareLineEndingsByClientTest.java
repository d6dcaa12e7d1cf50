package org.twgate.gateway.accept;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.twgate.testkit.SmtpTranscript;

/**
 * Bare line endings and pipelining after the end of data as Postfix 3.9 treats them
 * ({@code smtpd_forbid_bare_newline}, {@code smtpd_forbid_unauth_pipelining}): refused from
 * clients that are not relay clients, normalised (or refused, as configured) for relay clients.
 * The malformed endings are those of Hanno Böck's smtpsmug, sent the way it sends them.
 */
class BareLineEndingsByClientTest {
    /** smtpsmug's tests: name to the malformed end of data it sends after a body line. */
    static final Map<String, String> SMTPSMUG = Map.of(
            "lflf", "\n.\n", "crcr", "\r.\r", "crlf", "\r.\n", "lfcr", "\n.\r", "lfcrlf", "\n.\r\n",
            "crlflf", "\r\n.\n", "crcrlf", "\r.\r\n", "crlfcr", "\r\n.\r", "nullbefore", "\r\n\u0000.\r\n",
            "nullafter", "\r\n.\u0000\r\n");

    @TempDir
    Path dir;

    /** As the defaults have it: others refused (reject), relay clients normalised, pipelining after DATA forbidden. */
    private static AcceptSettings settings() {
        AcceptSettings s = AcceptSettings.builder("gw.test").maxCommandLine(512).maxRecipients(5).maxMessageSize(100_000)
                .maxDataLine(100_000).maxReceivedHeaders(10).rejectBareLineEndings(true).maxConnections(20)
                .maxConnectionsPerIp(10).idleTimeout(Duration.ofSeconds(30)).advertiseDsn(true).build();
        return s.with(s.defences().withRelayClientsRejectingBareLineEndings(false).withUnauthPipeliningForbidden(true));
    }

    private static SmtpTranscript transaction(ServerHarness h) throws Exception {
        SmtpTranscript t = h.connect().ehlo();
        t.send("MAIL FROM:<alice@example.org>\r\n").expect("250");
        t.send("RCPT TO:<bob@tw.company.com>\r\n").expect("250");
        t.send("DATA\r\n").expect("354");
        t.send("From: alice@example.org\r\nTo: bob@tw.company.com\r\nSubject: Hello World\r\n\r\n");
        return t;
    }

    @ParameterizedTest
    @ValueSource(strings = {"lflf", "crcr", "crlf", "lfcr", "lfcrlf", "crlflf", "crcrlf", "crlfcr", "nullbefore",
            "nullafter"})
    void noMalformedEndingSmtpsmugSendsGetsIntoAMessageFromAClientThatIsNotARelayClient(String test) throws Exception {
        try (ServerHarness h = new ServerHarness(dir, settings(), ServerHarness.everyone(false));
             SmtpTranscript t = transaction(h)) {
            t.send("This is a test mail with an " + test + " ending.\r\n");
            t.send(SMTPSMUG.get(test));
            // smtpsmug, seeing no reply, finishes the mail properly and hopes for a 250.
            t.send("This is after a bad mail ending.\r\n").send("\r\n.\r\n");
            assertThat(t.reply()).startsWith("554 5.6.0 ");
            t.send("NOOP\r\n").expect("250");
            assertThat(h.stored).isEmpty();
        }
    }

    @Test
    void aRelayClientsBareLineEndingsAreNormalised() throws Exception {
        try (ServerHarness h = new ServerHarness(dir, settings(), ServerHarness.everyone(true));
             SmtpTranscript t = transaction(h)) {
            t.send("old connector line\nnext\r\n.\r\n").expect("250 2.0.0");
            assertThat(h.onlyMessageContent()).endsWith("old connector line\r\nnext\r\n");
        }
    }

    @Test
    void relayClientsMayBeHeldToCrlfToo() throws Exception {
        AcceptSettings s = settings();
        try (ServerHarness h = new ServerHarness(dir, s.with(s.defences().withRelayClientsRejectingBareLineEndings(true)
                .withUnauthPipeliningForbidden(true)),
                ServerHarness.everyone(true));
             SmtpTranscript t = transaction(h)) {
            assertThat(t.send("line\n.\r\n").send(".\r\n").reply()).startsWith("554 5.6.0 Bare CR or LF in line 5");
        }
    }

    @Test
    void aCommandEndedByABareLfIsRefusedOnlyFromAClientThatIsNotARelayClient() throws Exception {
        try (ServerHarness h = new ServerHarness(dir, settings(), ServerHarness.everyone(false));
             SmtpTranscript t = h.connect()) {
            t.send("NOOP\n").expect("500 5.5.2 Command line ended by bare LF");
        }
        try (ServerHarness h = new ServerHarness(dir.resolve("relay"), settings(), ServerHarness.everyone(true));
             SmtpTranscript t = h.connect()) {
            t.send("NOOP\n").expect("250");
        }
    }

    @Test
    void commandsPipelinedAfterTheEndOfDataRefuseTheMessageAndEndTheSession() throws Exception {
        try (ServerHarness h = new ServerHarness(dir, settings(), ServerHarness.everyone(false));
             SmtpTranscript t = transaction(h)) {
            t.sendBytes(("This is mail 1/2 to test pipelining\r\n.\r\nMAIL FROM:<alice@example.org>\r\n"
                    + "RCPT TO:<bob@tw.company.com>\r\nDATA\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(t.reply()).isEqualTo("554 5.5.0 SMTP protocol synchronization: commands sent after the end of"
                    + " data without waiting for its reply; message refused, closing connection\n");
            assertThat(t.closedByServer()).isTrue();
            assertThat(h.stored).isEmpty();
            org.twgate.testkit.Await.until("the refusal told", Duration.ofSeconds(5), () -> !h.outcomes.isEmpty());
            assertThat(h.outcomes.get(0).reason()).isEqualTo(RefusalReason.UNAUTH_PIPELINING);
        }
    }

    @Test
    void aRelayClientMayPipelineAfterTheEndOfData() throws Exception {
        try (ServerHarness h = new ServerHarness(dir, settings(), ServerHarness.everyone(true));
             SmtpTranscript t = transaction(h)) {
            t.send("mail 1\r\n.\r\nMAIL FROM:<alice@example.org>\r\n");
            t.expect("250 2.0.0");
            t.expect("250 2.1.0");
        }
    }
}
