package org.twgate.gateway.accept;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.gateway.policy.RelayPolicy;
import org.twgate.testkit.SmtpTranscript;

/**
 * The SMTP conventions qmail's side of the link relies on: qmail-send's double-bounce sender
 * {@code <#@[]>} (qmail-send(8); qmail-smtpd accepts it), the bare {@code postmaster}
 * recipient (RFC 5321 §4.5.1), and the HELO/EHLO greeting line.
 */
class QmailConventionsTranscriptTest {
    @TempDir
    Path dir;
    ServerHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    /** A client that may not relay, a server that accepts tw.company.com only. */
    private ServerHarness server(String postmaster) throws Exception {
        harness = new ServerHarness(dir, ServerHarness.settings(), new RelayPolicy() {
            @Override
            public ClientVerdict client(InetAddress address) {
                return new ClientVerdict(true, false, "test");
            }

            @Override
            public boolean acceptsDomain(String domain) {
                return domain.equals("tw.company.com");
            }

            @Override
            public String postmaster() {
                return postmaster;
            }
        });
        return harness;
    }

    @Test
    void qmailDoubleBounceSenderIsAcceptedAndStoredAsTheNullSender() throws Exception {
        server(null);
        try (SmtpTranscript t = harness.connect()) {
            t.send("HELO qmail.company.com\r\n").expect("250");
            t.send("MAIL FROM:<#@[]>\r\n").expect("250 2.1.0");
            t.send("RCPT TO:<postmaster@tw.company.com>\r\n").expect("250 2.1.5");
            t.send("DATA\r\n").expect("354");
            t.send("Subject: failure notice\r\n\r\nthe bounce bounced\r\n.\r\n").expect("250 2.0.0");
        }
        assertThat(harness.stored(1).get(0).envelope().sender()).isEmpty();
    }

    @Test
    void anotherAddressLiteralSenderIsStillRefused() throws Exception {
        server(null);
        try (SmtpTranscript t = harness.connect()) {
            t.send("HELO qmail.company.com\r\n").expect("250");
            t.send("MAIL FROM:<x@[]>\r\n").expect("501 5.1.7");
        }
    }

    @Test
    void barePostmasterIsAcceptedFromAnyClientAndGoesToTheConfiguredAddress() throws Exception {
        server("admin@tw.company.com");
        try (SmtpTranscript t = harness.connect()) {
            t.send("HELO stranger.example\r\n").expect("250");
            t.send("MAIL FROM:<someone@stranger.example>\r\n").expect("250");
            t.send("RCPT TO:<Postmaster>\r\n").expect("250 2.1.5");
            t.send("RCPT TO:<postmaster@elsewhere.example>\r\n").expect("554 5.7.1");
            t.send("DATA\r\n").expect("354");
            t.send("Subject: hello\r\n\r\nhi\r\n.\r\n").expect("250 2.0.0");
        }
        assertThat(harness.stored(1).get(0).envelope().recipients())
                .extracting(r -> r.address()).containsExactly("admin@tw.company.com");
    }

    @Test
    void barePostmasterWithoutAConfiguredAddressIsPostmasterAtTheServersName() throws Exception {
        server(null);
        try (SmtpTranscript t = harness.connect()) {
            t.send("HELO stranger.example\r\n").expect("250");
            t.send("MAIL FROM:<>\r\n").expect("250");
            t.send("RCPT TO:<postmaster>\r\n").expect("250 2.1.5");
            t.send("DATA\r\n").expect("354");
            t.send("Subject: hello\r\n\r\nhi\r\n.\r\n").expect("250 2.0.0");
        }
        assertThat(harness.stored(1).get(0).envelope().recipients())
                .extracting(r -> r.address()).containsExactly("postmaster@gw.test");
    }

    @Test
    void heloAndEhloRepliesNameTheClientWithoutAStrayParenthesis() throws Exception {
        server(null);
        try (SmtpTranscript t = harness.connect()) {
            assertThat(t.send("HELO qmail.company.com\r\n").reply())
                    .isEqualTo("250 gw.test Hello qmail.company.com [127.0.0.1]\n");
            String ehlo = t.send("EHLO qmail.company.com\r\n").reply();
            assertThat(ehlo).startsWith("250-gw.test Hello qmail.company.com [127.0.0.1]\n").doesNotContain(")");
            assertThat(ehlo).contains("250-PIPELINING\n", "250 DSN\n");
        }
    }
}
