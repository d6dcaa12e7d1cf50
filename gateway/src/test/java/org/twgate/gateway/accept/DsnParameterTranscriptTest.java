package org.twgate.gateway.accept;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.gateway.spool.Envelope;
import org.twgate.gateway.spool.EnvelopeRecipient;
import org.twgate.testkit.SmtpTranscript;

/** RFC 3461 parameters at MAIL and RCPT: refused with the reason, or stored with the message. */
class DsnParameterTranscriptTest {
    @TempDir
    Path dir;
    private ServerHarness harness;

    @BeforeEach
    void start() throws Exception {
        // RFC 3461 §5: ORCPT and NOTIFY lengthen RCPT by up to 500+ octets beyond RFC 5321's 512.
        harness = new ServerHarness(dir, AcceptSettings.builder("gw.test").maxCommandLine(1100).maxRecipients(5).maxMessageSize(100_000)
                .maxDataLine(100_000).maxReceivedHeaders(10).rejectBareLineEndings(false).maxConnections(20)
                .maxConnectionsPerIp(10).idleTimeout(Duration.ofSeconds(30)).advertiseDsn(true).build());
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void storesRetEnvidNotifyAndOrcptWithTheMessage() throws Exception {
        try (SmtpTranscript t = harness.connect().ehlo()) {
            t.send("MAIL FROM:<john@company.com> RET=hdrs ENVID=QQ+2B314\r\n").expect("250 2.1.0");
            t.send("RCPT TO:<jane@tw.company.com> NOTIFY=failure,success ORCPT=rfc822;jane+40company.com\r\n")
                    .expect("250 2.1.5");
            t.send("RCPT TO:<joe@tw.company.com>\r\n").expect("250 2.1.5");
            t.send("DATA\r\n").expect("354");
            t.send("Subject: dsn\r\n\r\nbody\r\n.\r\n").expect("250 2.0.0");
        }
        Envelope envelope = harness.stored(1).get(0).envelope();
        assertThat(envelope.ret()).isEqualTo("HDRS");
        assertThat(envelope.envid()).isEqualTo("QQ+2B314");
        assertThat(envelope.recipients()).containsExactly(
                new EnvelopeRecipient(0, "jane@tw.company.com", "SUCCESS,FAILURE", "rfc822;jane+40company.com"),
                new EnvelopeRecipient(1, "joe@tw.company.com", null, null));
    }

    @Test
    void refusesMalformedDsnParametersWithTheReason() throws Exception {
        try (SmtpTranscript t = harness.connect().ehlo()) {
            assertThat(t.send("MAIL FROM:<a@company.com> RET=BODY\r\n").expect("501 5.5.4")).contains("'BODY'");
            t.send("MAIL FROM:<a@company.com> ENVID=" + "x".repeat(101) + "\r\n").expect("501 5.5.4 ENVID longer");
            t.send("MAIL FROM:<a@company.com> ENVID=a+zz\r\n").expect("501 5.5.4");
            t.send("MAIL FROM:<a@company.com> RET=FULL RET=HDRS\r\n").expect("501 5.5.4 Duplicate RET");
            t.send("MAIL FROM:<a@company.com> RET=FULL\r\n").expect("250");
            assertThat(t.send("RCPT TO:<b@tw.company.com> NOTIFY=NEVER,DELAY\r\n").expect("501 5.5.4"))
                    .contains("NEVER cannot be combined");
            t.send("RCPT TO:<b@tw.company.com> NOTIFY=DELAY,DELAY\r\n").expect("501 5.5.4 Duplicate DELAY");
            t.send("RCPT TO:<b@tw.company.com> NOTIFY=SOMETIMES\r\n").expect("501 5.5.4 Unknown NOTIFY value");
            t.send("RCPT TO:<b@tw.company.com> ORCPT=b@company.com\r\n").expect("501 5.5.4 ORCPT must be");
            t.send("RCPT TO:<b@tw.company.com> ORCPT=rfc822;" + "b".repeat(500) + "\r\n")
                    .expect("501 5.5.4 ORCPT longer");
            t.send("RCPT TO:<b@tw.company.com> ORCPT=rfc822;b+4\r\n").expect("501 5.5.4");
            t.send("RCPT TO:<b@tw.company.com> NOTIFY=NEVER\r\n").expect("250");
        }
    }

    @Test
    void refusesDsnParametersWhenDsnIsNotOffered() throws Exception {
        harness.close();
        harness = new ServerHarness(dir.resolve("nodsn"), AcceptSettings.builder("gw.test").maxCommandLine(512).maxRecipients(5).maxMessageSize(100_000)
                .maxDataLine(100_000).maxReceivedHeaders(10).rejectBareLineEndings(false).maxConnections(20)
                .maxConnectionsPerIp(10).idleTimeout(Duration.ofSeconds(30)).advertiseDsn(false).build());
        try (SmtpTranscript t = harness.connect()) {
            assertThat(t.send("EHLO client.test\r\n").expect("250")).doesNotContain("DSN");
            t.send("MAIL FROM:<a@company.com> RET=FULL\r\n").expect("555 5.5.4 Unsupported MAIL parameter RET");
            t.send("MAIL FROM:<a@company.com>\r\n").expect("250");
            t.send("RCPT TO:<b@tw.company.com> NOTIFY=SUCCESS\r\n").expect("555 5.5.4 Unsupported RCPT parameter");
        }
    }
}
