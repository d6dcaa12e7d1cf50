package org.twgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.config.ConfigLoader;
import org.twgate.gateway.Gateway;
import org.twgate.gateway.reload.ConfigReloader;
import org.twgate.gateway.reload.ReloadOutcome;
import org.twgate.testkit.Closeables;
import org.twgate.testkit.RecordingSmtpServer;
import org.twgate.testkit.SmtpTranscript;

/** A reload swaps the relay policy (with the routing) for new decisions while sessions already open carry on. */
class ReloadTest {
    @TempDir
    Path dir;
    RecordingSmtpServer connector;
    Gateway gateway;
    Path file;

    @AfterEach
    void stop() throws Exception {
        Closeables.closeAll(gateway == null ? null : gateway::stop, connector);
    }

    private void write(String acceptedDomain, String extra) throws Exception {
        Files.writeString(file, String.join("\n",
                "server:",
                "  listen: [\"127.0.0.1:0\"]",
                "  hostname: gw.test",
                "policy:",
                "  relay_clients: [\"::1\"]", // so 127.0.0.1 may only send to accepted domains
                "  accepted_domains: [" + acceptedDomain + "]",
                "spool:",
                "  directory: " + dir.resolve("spool"),
                "metrics:",
                "  listen: \"\"",
                "routes:",
                "  - smtproutes: \":[127.0.0.1]:" + connector.port() + "\"",
                "    name: connector",
                "    final: true",
                extra,
                ""));
    }

    private ConfigReloader start() throws Exception {
        connector = RecordingSmtpServer.start();
        file = dir.resolve("twgate.yaml");
        write("a.example", "");
        gateway = Gateway.start(ConfigLoader.load(file, Map.of()), Clock.systemUTC());
        return gateway.reloader(() -> ConfigLoader.load(file, Map.of()));
    }

    private SmtpTranscript session() throws Exception {
        SmtpTranscript t = new SmtpTranscript(gateway.smtpAddresses().get(0));
        t.expect("220");
        t.send("HELO qmail.company.com\r\n").expect("250");
        return t;
    }

    @Test
    void newPolicyAppliesToNewDecisionsWhileAnOpenSessionCarriesOn() throws Exception {
        ConfigReloader reloader = start();
        try (SmtpTranscript old = session()) {
            old.send("MAIL FROM:<john@company.com>\r\n").expect("250");
            old.send("RCPT TO:<jane@a.example>\r\n").expect("250");

            write("b.example", "");
            assertThat(reloader.reload()).isEqualTo(new ReloadOutcome.Applied(file.toString(), java.util.List.of()));

            try (SmtpTranscript fresh = session()) {
                fresh.send("MAIL FROM:<john@company.com>\r\n").expect("250");
                fresh.send("RCPT TO:<jane@a.example>\r\n").expect("554 5.7.1");
                fresh.send("RCPT TO:<jane@b.example>\r\n").expect("250");
            }
            // The old session is still connected and finishes its transaction.
            old.send("RCPT TO:<joe@b.example>\r\n").expect("250");
            old.send("DATA\r\n").expect("354");
            old.send("Subject: across a reload\r\n\r\nbody\r\n.\r\n").expect("250 2.0.0");
            old.send("QUIT\r\n").expect("221");
        }
        assertThat(connector.awaitMessages(1, Duration.ofSeconds(10)).get(0).rcpts())
                .map(rcpt -> rcpt.split(" ORCPT=")[0])
                .containsExactly("RCPT TO:<jane@a.example>", "RCPT TO:<joe@b.example>");
    }

    @Test
    void invalidConfigurationIsRefusedAndTheRunningOneKept() throws Exception {
        ConfigReloader reloader = start();
        Files.writeString(file, "policy:\n  accepted_domain: [b.example]\n");
        ReloadOutcome outcome = reloader.reload();
        assertThat(outcome).isInstanceOf(ReloadOutcome.Refused.class);
        assertThat(((ReloadOutcome.Refused) outcome).error()).contains(file.toString()).contains("accepted_domain");
        try (SmtpTranscript t = session()) {
            t.send("MAIL FROM:<john@company.com>\r\n").expect("250");
            t.send("RCPT TO:<jane@a.example>\r\n").expect("250");
        }
    }

    @Test
    void changesThatNeedARestartAreReportedNotApplied() throws Exception {
        ConfigReloader reloader = start();
        write("a.example", "delivery:\n  threads: 3");
        ReloadOutcome outcome = reloader.reload();
        assertThat(outcome).isEqualTo(new ReloadOutcome.Applied(file.toString(), java.util.List.of("delivery.threads")));
    }

    /** {@code twgate reload} on the command line: the running instance answers through its control socket. */
    @Test
    void reloadCommandAppliesAndReportsThroughTheControlSocket() throws Exception {
        start();
        write("b.example", "");
        assertThat(reloadCommand()).isEqualTo(new Object[] {0, "reloaded " + file + "\n"});
        try (SmtpTranscript t = session()) {
            t.send("MAIL FROM:<john@company.com>\r\n").expect("250");
            t.send("RCPT TO:<jane@b.example>\r\n").expect("250");
        }
        Files.writeString(file, Files.readString(file).replace("accepted_domains", "accepted_domain"));
        Object[] refused = reloadCommand();
        assertThat(refused[0]).isEqualTo(1);
        assertThat((String) refused[1]).startsWith("refused, the running configuration stays:\n" + file + ":");
    }

    /** Runs {@code twgate reload --config FILE}; returns exit code and standard output. */
    private Object[] reloadCommand() throws Exception {
        java.io.PrintStream saved = System.out;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            // The command reads the spool directory from the configuration file: the original, valid one.
            int exit = org.twgate.gateway.cli.Twgate.execute("reload", "--config", configForCli().toString());
            return new Object[] {exit, out.toString(java.nio.charset.StandardCharsets.UTF_8)};
        } finally {
            System.setOut(saved);
        }
    }

    private Path configForCli() throws Exception {
        Path cli = dir.resolve("cli.yaml");
        Files.writeString(cli, "spool:\n  directory: " + dir.resolve("spool") + "\nmetrics:\n  listen: \"\"\n");
        return cli;
    }
}
