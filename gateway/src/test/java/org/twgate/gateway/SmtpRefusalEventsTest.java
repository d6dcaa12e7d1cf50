package org.twgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Counter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.twgate.config.ConfigLoader;
import org.twgate.gateway.accept.SmtpListener;
import org.twgate.testkit.Await;
import org.twgate.testkit.Closeables;
import org.twgate.testkit.SmtpTranscript;

/**
 * A whole gateway on loopback refuses commands for several causes: each refusal writes exactly
 * one {@code command_refused} line and moves exactly one {@code twgate_commands_refused_total}
 * series, and the line and the series name the same cause, the one that decided the refusal
 * (the connector's {@code 550 5.7.1} is not a relay denial, a {@code refuse:} rule is not "other").
 */
class SmtpRefusalEventsTest {
    @TempDir
    Path dir;
    Gateway gateway;
    ListAppender<ILoggingEvent> lines;
    /** A third listener beside the log and the metrics, as a status page would be. */
    final List<String> heard = new CopyOnWriteArrayList<>();
    final SmtpListener third = new SmtpListener() {
        @Override
        public void commandRefused(CommandRefused refusal) {
            heard.add(refusal.command() + " " + refusal.reason().label());
        }

        @Override
        public void messageAccepted(MessageAccepted accepted) {
            heard.add("accepted " + accepted.stored().id().value());
        }

        @Override
        public void messageRefused(MessageRefused refused) {
            heard.add("refused " + refused.reason().label());
        }
    };

    @BeforeEach
    void start() throws Exception {
        Path file = dir.resolve("twgate.yaml");
        // 127.0.0.1 is not a relay client; the connector accepts only tw.company.com.
        Files.writeString(file, String.join("\n",
                "server:",
                "  listen: [\"127.0.0.1:0\"]",
                "  hostname: gw.test",
                "  max_recipients: 2",
                "policy:",
                "  relay_clients: [\"::1\"]",
                "  accepted_domains: [tw.company.com, other.company.com]",
                "teamware:",
                "  mode: list",
                "  allow: [tw.company.com]",
                "spool:",
                "  directory: " + dir.resolve("spool"),
                "metrics:",
                "  listen: \"\"",
                "rewrite:",
                "  sets:",
                "    in:",
                "      - id: nobody",
                "        match: {address: \"nobody@tw.company.com\"}",
                "        refuse: \"no mailbox here by that name\"",
                "routes:",
                "  - smtproutes: \":[127.0.0.1]:9\"",
                "    name: connector",
                "    final: true",
                "    rewrite: in",
                ""));
        gateway = Gateway.start(ConfigLoader.load(file, Map.of()), Clock.systemUTC(), third);
        lines = new ListAppender<>();
        lines.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(lines);
    }

    @AfterEach
    void stop() throws Exception {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(lines);
        Closeables.closeAll(gateway == null ? null : gateway::stop);
    }

    @Test
    void eachRefusalIsLoggedAndCountedOnceUnderTheCauseThatDecidedIt() throws Exception {
        Map<String, Double> before = refusedCounters();
        try (SmtpTranscript t = new SmtpTranscript(gateway.smtpAddresses().get(0))) {
            t.expect("220");
            t.send("HELO qmail.company.com\r\n").expect("250");
            t.send("RCPT TO:<jane@tw.company.com>\r\n").expect("503 5.5.1");
            t.send("MAIL FROM:<john@company.com> SIZE=99999999999\r\n").expect("552 5.3.4");
            t.send("MAIL FROM:<john@company.com>\r\n").expect("250");
            t.send("RCPT TO:<someone@internet.example>\r\n").expect("554 5.7.1");
            t.send("RCPT TO:<x@other.company.com>\r\n").expect("550 5.7.1");
            t.send("RCPT TO:<nobody@tw.company.com>\r\n").expect("550 5.1.1");
            t.send("RCPT TO:<bad address@tw.company.com>\r\n").expect("501");
            t.send("RCPT TO:<a@tw.company.com>\r\n").expect("250");
            t.send("RCPT TO:<b@tw.company.com>\r\n").expect("250");
            t.send("RCPT TO:<c@tw.company.com>\r\n").expect("452 4.5.3");
            t.send("FROB\r\n").expect("500");
            t.send("QUIT\r\n").expect("221");
        }
        Map<String, Double> moved = moved(before, refusedCounters());
        Map<String, Double> expected = new TreeMap<>();
        expected.put("rcpt sequence", 1.0);
        expected.put("mail size", 1.0);
        expected.put("rcpt relay_denied", 1.0);
        expected.put("rcpt connector_rule", 1.0);
        expected.put("rcpt refused_by_rule", 1.0);
        expected.put("rcpt syntax", 1.0);
        expected.put("rcpt too_many_recipients", 1.0);
        expected.put("other syntax", 1.0);
        assertThat(moved).isEqualTo(expected);

        List<ILoggingEvent> events;
        synchronized (lines) { // the appender appends under its own monitor, on the event loop
            events = List.copyOf(lines.list);
        }
        List<String> logged = events.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith("event=command_refused"))
                .map(m -> m.replaceAll(".* command=(\\S+) reason=(\\S+) .*", "$1 $2")).toList();
        assertThat(logged).containsExactly("RCPT sequence", "MAIL size", "RCPT relay_denied", "RCPT connector_rule",
                "RCPT refused_by_rule", "RCPT syntax", "RCPT too_many_recipients", "UNKNOWN_CMD syntax");
    }

    @Test
    void aThirdListenerHearsTheRefusalsAndTheMessagesAcceptedAndRefused() throws Exception {
        String queued;
        try (SmtpTranscript t = new SmtpTranscript(gateway.smtpAddresses().get(0))) {
            t.expect("220");
            t.send("HELO qmail.company.com\r\n").expect("250");
            t.send("MAIL FROM:<john@company.com>\r\n").expect("250");
            t.send("RCPT TO:<someone@internet.example>\r\n").expect("554 5.7.1");
            t.send("RCPT TO:<jane@tw.company.com>\r\n").expect("250");
            t.send("DATA\r\n").expect("354");
            queued = t.send("Subject: one\r\n\r\nbody\r\n.\r\n").expect("250 2.0.0");
            t.send("MAIL FROM:<john@company.com>\r\n").expect("250");
            t.send("RCPT TO:<jane@tw.company.com>\r\n").expect("250");
            t.send("DATA\r\n").expect("354");
            t.send("Subject: loop\r\n" + "Received: from x\r\n".repeat(101) + "\r\nbody\r\n.\r\n")
                    .expect("554 5.4.6");
            t.send("QUIT\r\n").expect("221");
        }
        String id = queued.trim().replaceAll(".* queued as ", "");
        // The end of data is told off the event loop, just after the reply: wait for it.
        Await.until("both ends of data heard", Duration.ofSeconds(10), () -> heard.size() == 3);
        assertThat(heard).containsExactly("RCPT relay_denied", "accepted " + id, "refused loop");
    }

    /** Every commands_refused series as "command reason", with its count. */
    private Map<String, Double> refusedCounters() {
        Map<String, Double> out = new TreeMap<>();
        for (Counter c : gateway.metrics().registry().find("twgate.commands.refused").counters()) {
            out.merge(c.getId().getTag("command") + " " + c.getId().getTag("reason"), c.count(), Double::sum);
        }
        return out;
    }

    private static Map<String, Double> moved(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> out = new TreeMap<>();
        after.forEach((k, v) -> {
            double d = v - before.getOrDefault(k, 0.0);
            if (d != 0) {
                out.put(k, d);
            }
        });
        return out;
    }
}
