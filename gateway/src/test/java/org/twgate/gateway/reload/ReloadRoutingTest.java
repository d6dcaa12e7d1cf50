package org.twgate.gateway.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.config.ConfigLoader;
import org.twgate.gateway.Gateway;
import org.twgate.testkit.Await;
import org.twgate.testkit.Closeables;
import org.twgate.testkit.RecordedTransaction;
import org.twgate.testkit.RecordingSmtpServer;
import org.twgate.testkit.SmtpTranscript;

/**
 * A reload re-routes and re-rewrites: a whole gateway on loopback, two recording servers
 * standing in for the old and the new connector, the configuration file edited in place.
 */
class ReloadRoutingTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    RecordingSmtpServer a;
    RecordingSmtpServer b;
    Gateway gateway;
    Path file;
    ConfigReloader reloader;

    @AfterEach
    void stop() throws Exception {
        Closeables.closeAll(gateway == null ? null : gateway::stop, a, b);
    }

    /** The backoff of the spool; long where a test must show the reload, not the retry timer, sends the mail. */
    private String retry = "100ms";

    /** The connector route of company.com to {@code port}, with the tw. prefix rewritten to {@code result}. */
    private void write(String route, String result, String serverLimits) throws Exception {
        Files.writeString(file, String.join("\n",
                "server:",
                "  listen: [\"127.0.0.1:0\"]",
                "  hostname: gw.test",
                serverLimits,
                "spool:",
                "  directory: " + dir.resolve("spool"),
                "  retry_initial: " + retry,
                "  retry_max: " + retry,
                "metrics:",
                "  listen: \"\"",
                "rewrite:",
                "  sets:",
                "    users:",
                "      - id: tw-prefix",
                "        match: {prefix: \"tw.\", domain: company.com}",
                "        result: \"" + result + "\"",
                "routes:",
                "  - smtproutes: \"" + route + "\"",
                "    name: connector",
                "    final: true",
                "    rewrite: users",
                ""));
    }

    private static String to(RecordingSmtpServer server) {
        return "company.com:[127.0.0.1]:" + server.port();
    }

    private void start(String route, String result, String serverLimits) throws Exception {
        file = dir.resolve("twgate.yaml");
        write(route, result, serverLimits);
        gateway = Gateway.start(ConfigLoader.load(file, Map.of()), Clock.systemUTC());
        reloader = gateway.reloader(() -> ConfigLoader.load(file, Map.of()));
    }

    private SmtpTranscript session() throws Exception {
        SmtpTranscript t = new SmtpTranscript(gateway.smtpAddresses().get(0));
        t.expect("220");
        return t;
    }

    private void send(String rcpt, String subject) throws Exception {
        try (SmtpTranscript t = session()) {
            t.send("HELO qmail.company.com\r\n").expect("250");
            t.send("MAIL FROM:<sender@example.org>\r\n").expect("250");
            t.send("RCPT TO:<" + rcpt + ">\r\n").expect("250");
            t.send("DATA\r\n").expect("354");
            t.send("To: <" + rcpt + ">\r\nSubject: " + subject + "\r\n\r\nbody\r\n.\r\n").expect("250 2.0.0");
            t.send("QUIT\r\n").expect("221");
        }
    }

    private static String envelopeRecipient(RecordedTransaction t) {
        String rcpt = t.rcpts().get(0);
        return rcpt.substring(rcpt.indexOf('<'), rcpt.indexOf('>') + 1);
    }

    @Test
    void newRoutesAndRewritingApplyAfterAReloadAndAnInvalidOneKeepsThem() throws Exception {
        a = RecordingSmtpServer.start();
        b = RecordingSmtpServer.start();
        start(to(a), "$DEFAULT@tw.company.com", "");

        send("tw.john@company.com", "before");
        RecordedTransaction atA = a.awaitMessages(1, WAIT).get(0);
        assertThat(envelopeRecipient(atA)).isEqualTo("<john@tw.company.com>");
        assertThat(atA.text()).contains("To: <john@tw.company.com>");

        write(to(b), "$DEFAULT@twsrv.company.com", "");
        assertThat(reloader.reload()).isEqualTo(new ReloadOutcome.Applied(file.toString(), List.of()));
        send("tw.john@company.com", "after");
        RecordedTransaction atB = b.awaitMessages(1, WAIT).get(0);
        assertThat(envelopeRecipient(atB)).isEqualTo("<john@twsrv.company.com>");
        assertThat(atB.text()).contains("To: <john@twsrv.company.com>").contains("Subject: after");

        write("company.com:[127.0.0.1]:not-a-port", "$DEFAULT@tw.company.com", "");
        ReloadOutcome refused = reloader.reload();
        assertThat(refused).isInstanceOf(ReloadOutcome.Refused.class);
        assertThat(((ReloadOutcome.Refused) refused).error()).contains(file.toString()).contains("not-a-port");
        send("tw.john@company.com", "after the refused reload");
        List<RecordedTransaction> stillB = b.awaitMessages(2, WAIT);
        assertThat(envelopeRecipient(stillB.get(1))).isEqualTo("<john@twsrv.company.com>");
        assertThat(a.transactions()).hasSize(1);
    }

    @Test
    void aRouteNamingAnUndefinedRuleSetIsRefusedAsAWhole() throws Exception {
        a = RecordingSmtpServer.start();
        b = RecordingSmtpServer.start();
        start(to(a), "$DEFAULT@tw.company.com", "");
        Files.writeString(file, Files.readString(file).replace("rewrite: users", "rewrite: nosuchset")
                .replace(String.valueOf(a.port()), String.valueOf(b.port())));

        assertThat(reloader.reload()).isInstanceOf(ReloadOutcome.Refused.class);
        send("tw.john@company.com", "old routing");
        assertThat(envelopeRecipient(a.awaitMessages(1, WAIT).get(0))).isEqualTo("<john@tw.company.com>");
        assertThat(b.transactions()).isEmpty();
    }

    @Test
    void aMessageQueuedForADownRouteIsDeliveredByTheRouteOfTheReload() throws Exception {
        RecordingSmtpServer down = RecordingSmtpServer.start();
        String downRoute = to(down);
        down.close(); // nothing listens on its port any more: connection refused, deferred
        b = RecordingSmtpServer.start();
        start(downRoute, "$DEFAULT@tw.company.com", "");

        send("tw.john@company.com", "queued");
        Await.until("a failed attempt on the old route", WAIT, () -> gateway.queue().list().size() == 1
                && gateway.queue().list().get(0).attempts() >= 1);

        write(to(b), "$DEFAULT@twsrv.company.com", "");
        assertThat(reloader.reload()).isInstanceOf(ReloadOutcome.Applied.class);
        RecordedTransaction atB = b.awaitMessages(1, WAIT).get(0);
        assertThat(envelopeRecipient(atB)).isEqualTo("<john@twsrv.company.com>");
        Await.until("the queue empty", WAIT, () -> gateway.queue().size() == 0);
    }

    @Test
    void aReloadThatChangesTheRoutesTriesQueuedMailAtOnceNotAtItsNextRetry() throws Exception {
        retry = "1h";
        RecordingSmtpServer down = RecordingSmtpServer.start();
        String downRoute = to(down);
        down.close();
        b = RecordingSmtpServer.start();
        start(downRoute, "$DEFAULT@tw.company.com", "");

        send("tw.john@company.com", "waiting an hour");
        Await.until("a failed attempt, the next one an hour away", WAIT, () -> gateway.queue().list().size() == 1
                && gateway.queue().list().get(0).attempts() >= 1);

        write(to(b), "$DEFAULT@tw.company.com", "");
        assertThat(reloader.reload()).isInstanceOf(ReloadOutcome.Applied.class);
        assertThat(b.awaitMessages(1, WAIT)).hasSize(1);
        Await.until("the queue empty", WAIT, () -> gateway.queue().size() == 0);
    }

    @Test
    void aSessionOpenAcrossTheReloadKeepsItsLimitsWhileNewSessionsGetTheNewOnes() throws Exception {
        a = RecordingSmtpServer.start();
        b = RecordingSmtpServer.start();
        start(to(a), "$DEFAULT@tw.company.com", "  max_recipients: 1\n  max_message_size: 10k");
        try (SmtpTranscript old = session()) {
            assertThat(old.send("EHLO qmail.company.com\r\n").expect("250")).contains("SIZE 10240");
            old.send("MAIL FROM:<sender@example.org>\r\n").expect("250");
            old.send("RCPT TO:<tw.john@company.com>\r\n").expect("250");

            write(to(b), "$DEFAULT@twsrv.company.com", "  max_recipients: 3\n  max_message_size: 20k");
            assertThat(reloader.reload()).isEqualTo(new ReloadOutcome.Applied(file.toString(), List.of()));

            try (SmtpTranscript fresh = session()) {
                assertThat(fresh.send("EHLO qmail.company.com\r\n").expect("250")).contains("SIZE 20480");
                fresh.send("MAIL FROM:<sender@example.org>\r\n").expect("250");
                fresh.send("RCPT TO:<tw.jane@company.com>\r\n").expect("250");
                fresh.send("RCPT TO:<tw.joe@company.com>\r\n").expect("250");
            }
            old.send("RCPT TO:<tw.jane@company.com>\r\n").expect("452 4.5.3"); // its limit is still 1
            old.send("DATA\r\n").expect("354");
            old.send("Subject: across the reload\r\n\r\nbody\r\n.\r\n").expect("250 2.0.0");
            old.send("QUIT\r\n").expect("221");
        }
        // Accepted before the reload, delivered after it: by the routing in force at delivery.
        RecordedTransaction atB = b.awaitMessages(1, WAIT).get(0);
        assertThat(envelopeRecipient(atB)).isEqualTo("<john@twsrv.company.com>");
        assertThat(a.transactions()).isEmpty();
    }
}
