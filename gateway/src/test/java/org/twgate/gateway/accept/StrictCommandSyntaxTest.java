package org.twgate.gateway.accept;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.twgate.testkit.SmtpTranscript;

/**
 * A command line is read as a strict upstream reads it: a control character anywhere refuses
 * it and nothing runs; a HELO name is a domain or an address literal; parameters the server
 * did not offer get {@code 555}; a reply never carries a byte that is not printable ASCII.
 */
class StrictCommandSyntaxTest {
    @TempDir
    Path dir;
    ServerHarness harness;

    @BeforeEach
    void start() throws Exception {
        harness = new ServerHarness(dir, ServerHarness.settings());
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aControlCharacterBeforeTheVerbRefusesTheLineAndNothingRuns() throws Exception {
        try (SmtpTranscript t = harness.connect().ehlo()) {
            assertThat(t.send("\u0000MAIL FROM:<a@b.example>\r\n").reply())
                    .isEqualTo("500 5.5.2 Control character \\x00 at octet 1 of the command line; nothing was done\n");
            // MAIL did not run: RCPT still needs one.
            t.send("RCPT TO:<jane@tw.company.com>\r\n").expect("503 5.5.1");
            t.send("MAIL FROM:<a@b.example>\r\n").expect("250 2.1.0");
            t.send("\u000bRCPT TO:<jane@tw.company.com>\r\n").expect("500 5.5.2 Control character \\x0B at octet 1");
            t.send("DATA\r\n").expect("503"); // no recipient was added
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"NOOP\u0000", "\u001fRSET", "\u0001EHLO x", "NO\tOP", "QUIT\u007f", "RSET\r"})
    void everyControlCharacterOtherThanTheLineEndIsRefused(String line) throws Exception {
        try (SmtpTranscript t = harness.connect()) {
            assertThat(t.send(line + "\r\n").reply()).startsWith("500 5.5.2 Control character \\x");
            t.send("NOOP\r\n").expect("250"); // the session goes on (QUIT\x7f did not end it)
        }
    }

    @Test
    void aBareCrInsideTheEhloNameIsRefusedSoTheSessionCanStillSendMail() throws Exception {
        try (SmtpTranscript t = harness.connect()) {
            assertThat(t.send("EHLO x\ry\r\n").reply())
                    .isEqualTo("500 5.5.2 Control character \\x0D at octet 7 of the command line; nothing was done\n");
            t.send("EHLO x.example\r\n").expect("250");
            t.send("MAIL FROM:<john@company.com>\r\n").expect("250");
            t.send("RCPT TO:<jane@tw.company.com>\r\n").expect("250");
            t.send("DATA\r\n").expect("354");
            t.send("Subject: hi\r\n\r\nbody\r\n.\r\n").expect("250 2.0.0 Ok: queued as");
        }
        assertThat(harness.stored(1).get(0).envelope().clientHelo()).isEqualTo("x.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"EHLO not_a_domain", "EHLO a b", "HELO host..example", "EHLO -lead.example",
            "EHLO [999.1.1.1]", "EHLO host.example.", "HELO [IPv6:zz]", "EHLO j\u00f6rg.example"})
    void aHeloNameThatIsNeitherADomainNorAnAddressLiteralIsRefused(String line) throws Exception {
        try (SmtpTranscript t = harness.connect()) {
            String reply = t.send(line + "\r\n").reply();
            assertThat(reply).startsWith("501 5.5.4 ").doesNotContain("\u00f6");
            assertThat(reply.chars().allMatch(c -> c == '\n' || c >= 0x20 && c < 0x7f)).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"EHLO qmail.company.com", "HELO localhost", "EHLO [127.0.0.1]", "EHLO [IPv6:::1]",
            "HELO MYPC", "EHLO mail-1.example.org"})
    void domainsAndAddressLiteralsAreAccepted(String line) throws Exception {
        try (SmtpTranscript t = harness.connect()) {
            t.send(line + "\r\n").expect("250");
        }
    }

    @Test
    void smtputf8IsAParameterTheServerDidNotOffer() throws Exception {
        try (SmtpTranscript t = harness.connect().ehlo()) {
            assertThat(t.send("MAIL FROM:<a@b.example> SMTPUTF8\r\n").reply())
                    .isEqualTo("555 5.5.4 Unsupported MAIL parameter SMTPUTF8\n");
            assertThat(t.send("MAIL FROM:<a@b.example> XFOO=1\r\n").reply())
                    .isEqualTo("555 5.5.4 Unsupported MAIL parameter XFOO\n");
            t.send("MAIL FROM:<a@b.example>\r\n").expect("250");
            assertThat(t.send("RCPT TO:<jane@tw.company.com> XBAR\r\n").reply())
                    .isEqualTo("555 5.5.4 Unsupported RCPT parameter XBAR\n");
        }
    }

    @Test
    void aUtf8AddressIsEchoedEscapedNeverAsRawOrQuestionMarks() throws Exception {
        try (SmtpTranscript t = harness.connect().ehlo()) {
            String reply = t.sendBytes("MAIL FROM:<j\u00c3\u00b6rg@b.example>\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)).reply();
            assertThat(reply).startsWith("553 5.6.7 ").contains("<j\\xC3\\xB6rg@b.example>").doesNotContain("??");
            t.send("MAIL FROM:<a@b.example>\r\n").expect("250");
            reply = t.sendBytes("RCPT TO:<j\u00c3\u00b6rg@tw.company.com>\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)).reply();
            assertThat(reply).startsWith("553 5.6.7 ").contains("<j\\xC3\\xB6rg@tw.company.com>");
        }
    }

    @Test
    void anUnknownCommandIsNotEchoedRaw() throws Exception {
        try (SmtpTranscript t = harness.connect()) {
            String reply = t.sendBytes("X\u00ffZ hello\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)).reply();
            assertThat(reply).startsWith("500 5.5.1 ");
            assertThat(reply.chars().allMatch(c -> c == '\n' || c >= 0x20 && c < 0x7f)).isTrue();
        }
    }
}
