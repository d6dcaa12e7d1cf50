package org.twgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.twgate.it.ConnectorClassifier.Kind.BCC;
import static org.twgate.it.ConnectorClassifier.Kind.CC;
import static org.twgate.it.ConnectorClassifier.Kind.TO;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.testkit.Closeables;
import org.twgate.testkit.RecordedTransaction;
import org.twgate.testkit.RecordingSmtpServer;

/**
 * Each integration method of the seeds that twgate replaces, run from its shipped example
 * through real sockets: qmail (this test) → twgate → a connector stand-in that classifies
 * every envelope recipient as To, Cc or Bcc as the real connector does. No recipient becomes
 * Bcc unless it was one; the same message through a forward-style relay (envelope rewritten,
 * headers not: {@code header_mode: none}) turns the rewritten ones into Bcc.
 */
class SeedScenariosEndToEndTest {
    private static final String BODY = "Hello,\r\n.a line with a leading dot\r\n\r\n" + "b".repeat(3000) + "\r\nbye\r\n";
    /** The forward-style relay: the same example, rewriting the envelope only. */
    private static final Map<String, String> FORWARD_STYLE = Map.of("TWGATE_ROUTES__0__HEADER_MODE", "none");

    @TempDir
    Path dir;
    RecordingSmtpServer connector;
    RecordingSmtpServer qmail;
    ExampleGateway twgate;

    @BeforeEach
    void standIns() throws Exception {
        connector = RecordingSmtpServer.start();
        qmail = RecordingSmtpServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        Closeables.closeAll(twgate, connector, qmail);
    }

    private void start(String example, Map<String, String> env) throws Exception {
        twgate = new ExampleGateway(example, dir.resolve("spool"), List.of(connector.port(), qmail.port()), env);
    }

    /** Sends the message, returns the connector's one transaction and its classification. */
    private RecordedTransaction deliver(String headers, List<String> envelope) throws Exception {
        assertThat(twgate.send("mary@internet.example", envelope, headers + "\r\n" + BODY)).startsWith("250 2.0.0");
        List<RecordedTransaction> got = connector.awaitMessages(1, Duration.ofSeconds(10));
        assertThat(got).hasSize(1);
        RecordedTransaction t = got.get(0);
        assertThat(t.text()).endsWith("\r\n\r\n" + BODY); // body byte for byte
        return t;
    }

    private Map<String, ConnectorClassifier.Kind> classify(RecordedTransaction t) throws Exception {
        return ConnectorClassifier.of(twgate.config.teamware().ownNodes()).classify(t);
    }

    @Test
    void domainBasedSmtproutes421KeepsToAndCcWhileSpecialAccountsBecomeAdmin() throws Exception {
        start("seed-4.2.1-smtproutes.yaml", Map.of());
        RecordedTransaction t = deliver("From: Mary <mary@internet.example>\r\nTo: Jane <jane@tw.company.com>\r\n"
                + "Cc: webmaster@tw.company.com\r\nSubject: 4.2.1\r\n",
                List.of("jane@tw.company.com", "webmaster@tw.company.com", "carol@tw.company.com"));
        // ORCPT (the recipient as received) goes to every DSN-aware next hop; it shows the rewrite.
        assertThat(t.rcpts()).containsExactly("RCPT TO:<jane@tw.company.com> ORCPT=rfc822;jane@tw.company.com",
                "RCPT TO:<admin@tw.company.com> ORCPT=rfc822;webmaster@tw.company.com",
                "RCPT TO:<carol@tw.company.com> ORCPT=rfc822;carol@tw.company.com");
        assertThat(t.text()).contains("\r\nCc: admin@tw.company.com\r\n").startsWith("Return-Path: <mary@internet.example>");
        assertThat(classify(t)).containsExactly(entry("jane@tw.company.com", TO), entry("admin@tw.company.com", CC),
                entry("carol@tw.company.com", BCC));
    }

    @Test
    void domainBasedSmtproutes421ThroughAForwardStyleRelayTurnsTheRewrittenCcIntoBcc() throws Exception {
        start("seed-4.2.1-smtproutes.yaml", FORWARD_STYLE);
        RecordedTransaction t = deliver("To: Jane <jane@tw.company.com>\r\nCc: webmaster@tw.company.com\r\n",
                List.of("jane@tw.company.com", "webmaster@tw.company.com"));
        assertThat(classify(t)).containsExactly(entry("jane@tw.company.com", TO), entry("admin@tw.company.com", BCC));
    }

    private static final String USER_BASED = "From: Mary <mary@internet.example>\r\n"
            + "To: \"John Smith\" <john@company.com>, jane@company.com (Jane)\r\n"
            + "Cc: team: postmaster@company.com;\r\nSubject: 4.2.2\r\n";

    @Test
    void userBasedQmailRemote422RewritesEnvelopeAndHeadersToTheTeamwareDomain() throws Exception {
        start("seed-4.2.2-qmail-remote.yaml", Map.of());
        RecordedTransaction t = deliver(USER_BASED,
                List.of("john@company.com", "jane@company.com", "postmaster@company.com", "carol@company.com"));
        assertThat(t.rcpts()).containsExactly(
                "RCPT TO:<john@tw.company.com> ORCPT=rfc822;john@company.com",
                "RCPT TO:<jane@tw.company.com> ORCPT=rfc822;jane@company.com",
                "RCPT TO:<admin@tw.company.com> ORCPT=rfc822;postmaster@company.com",
                "RCPT TO:<carol@tw.company.com> ORCPT=rfc822;carol@company.com");
        assertThat(t.text()).contains("\r\nTo: \"John Smith\" <john@tw.company.com>, jane@tw.company.com (Jane)\r\n"
                + "Cc: team: admin@tw.company.com;\r\n");
        assertThat(classify(t)).containsExactly(entry("john@tw.company.com", TO), entry("jane@tw.company.com", TO),
                entry("admin@tw.company.com", CC), entry("carol@tw.company.com", BCC));
    }

    @Test
    void userBasedQmailRemote422ThroughAForwardStyleRelayMakesEveryoneBcc() throws Exception {
        start("seed-4.2.2-qmail-remote.yaml", FORWARD_STYLE);
        RecordedTransaction t = deliver(USER_BASED,
                List.of("john@company.com", "jane@company.com", "postmaster@company.com", "carol@company.com"));
        assertThat(t.text()).contains("\r\nTo: \"John Smith\" <john@company.com>, jane@company.com (Jane)\r\n");
        assertThat(classify(t)).containsExactly(entry("john@tw.company.com", BCC), entry("jane@tw.company.com", BCC),
                entry("admin@tw.company.com", BCC), entry("carol@tw.company.com", BCC));
    }

    private static final String PREFIXED = "From: mary@internet.example\r\n"
            + "To: John <tw.john@company.com>,\r\n Jane <jane.tw@company.com>\r\nCc: tw.bob@company.com\r\n"
            + "Subject: 4.2.3\r\n";

    @Test
    void qmailUsersPrefix423AndTheSuffixQmailCannotDoKeepToAndCc() throws Exception {
        start("seed-4.2.3-qmail-users.yaml", Map.of());
        RecordedTransaction t = deliver(PREFIXED,
                List.of("tw.john@company.com", "jane.tw@company.com", "tw.bob@company.com", "tw.carol@company.com"));
        assertThat(ConnectorClassifier.envelopeRecipients(t)).containsExactly("john@tw.company.com",
                "jane@tw.company.com", "bob@tw.company.com", "carol@tw.company.com");
        assertThat(t.text()).contains("\r\nTo: John <john@tw.company.com>,\r\n Jane <jane@tw.company.com>\r\n"
                + "Cc: bob@tw.company.com\r\n");
        assertThat(classify(t)).containsExactly(entry("john@tw.company.com", TO), entry("jane@tw.company.com", TO),
                entry("bob@tw.company.com", CC), entry("carol@tw.company.com", BCC));
    }

    @Test
    void qmailUsersPrefix423ThroughAForwardStyleRelayMakesEveryoneBcc() throws Exception {
        start("seed-4.2.3-qmail-users.yaml", FORWARD_STYLE);
        RecordedTransaction t = deliver(PREFIXED,
                List.of("tw.john@company.com", "jane.tw@company.com", "tw.bob@company.com"));
        assertThat(classify(t)).containsExactly(entry("john@tw.company.com", BCC), entry("jane@tw.company.com", BCC),
                entry("bob@tw.company.com", BCC));
    }

    @Test
    void forward424WithOwnNodeAliasingKeepsToAndCcAndMasqueradesTheOutboundSender() throws Exception {
        start("seed-4.2.4-forward.yaml", Map.of());
        RecordedTransaction t = deliver("From: mary@internet.example\r\nTo: John <john@company.com>\r\n"
                + "Cc: Jane <jane@company.com>\r\nSubject: 4.2.4\r\n",
                List.of("john@company.com", "jane@company.com", "carol@company.com"));
        assertThat(ConnectorClassifier.envelopeRecipients(t)).containsExactly("john@tw.company.com",
                "jane@tw.company.com", "carol@tw.company.com");
        assertThat(t.text()).contains("\r\nTo: John <john@tw.company.com>\r\nCc: Jane <jane@tw.company.com>\r\n");
        assertThat(classify(t)).containsExactly(entry("john@tw.company.com", TO), entry("jane@tw.company.com", CC),
                entry("carol@tw.company.com", BCC));

        // The way back: Teamware's john@tw.company.com leaves as john@company.com, envelope and From:.
        String reply = "From: John <john@tw.company.com>\r\nTo: mary@internet.example\r\nSubject: Re: 4.2.4\r\n\r\n"
                + BODY;
        assertThat(twgate.send("john@tw.company.com", List.of("mary@internet.example"), reply)).startsWith("250 2.0.0");
        RecordedTransaction out = qmail.awaitMessages(1, Duration.ofSeconds(10)).get(0);
        assertThat(out.mail()).startsWith("MAIL FROM:<john@company.com>");
        assertThat(out.rcpts()).containsExactly("RCPT TO:<mary@internet.example> ORCPT=rfc822;mary@internet.example");
        assertThat(out.text()).contains("\r\nFrom: John <john@company.com>\r\nTo: mary@internet.example\r\n")
                .doesNotContain("Return-Path:").endsWith("\r\n\r\n" + BODY);
    }
}
