package org.twgate.gateway.accept;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.gateway.policy.RelayPolicy;
import org.twgate.testkit.SmtpTranscript;

/**
 * Each refused command is told to the listener once: the command handler's refusal once (not
 * again for the dispatcher that ran it), a refusal the dispatcher makes itself (a handler that
 * failed) once, and the end of data never (it is a message, told as accepted or refused).
 */
class CommandRefusalsTest {
    @TempDir
    Path dir;

    /** A policy whose refuse: rule lookup breaks: the RCPT handler throws, James answers for it. */
    private static RelayPolicy failingRuleLookup() {
        return new RelayPolicy() {
            @Override
            public ClientVerdict client(InetAddress address) {
                return new ClientVerdict(true, false, "test");
            }

            @Override
            public boolean acceptsDomain(String domain) {
                return domain.equals("tw.company.com");
            }

            @Override
            public Optional<String> routeRefusal(String recipient) {
                throw new IllegalStateException("rule lookup broke");
            }
        };
    }

    @Test
    void aRefusalByTheDispatcherItselfIsToldOnceAndTheHandlersOnlyOnce() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (ServerHarness h = new ServerHarness(dir, ServerHarness.settings(), failingRuleLookup(), listener);
             SmtpTranscript t = h.connect().ehlo()) {
            t.send("RCPT TO:<jane@tw.company.com>\r\n").expect("503");
            t.send("MAIL FROM:<john@company.com>\r\n").expect("250");
            String reply = t.send("RCPT TO:<jane@tw.company.com>\r\n").reply();
            assertThat(reply).startsWith("4");
        }
        assertThat(listener.refusedCommands).containsExactly("RCPT sequence", "OTHER other");
    }

    @Test
    void theEndOfDataIsNoCommand() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (ServerHarness h = new ServerHarness(dir, ServerHarness.settings(), ServerHarness.everyone(false),
                listener); SmtpTranscript t = h.connect().ehlo()) {
            t.send("MAIL FROM:<john@company.com>\r\n").expect("250");
            t.send("RCPT TO:<jane@tw.company.com>\r\n").expect("250");
            t.send("DATA\r\n").expect("354");
            t.send("Subject: loop\r\n" + "Received: from x\r\n".repeat(11) + "\r\nbody\r\n.\r\n").expect("554 5.4.6");
            t.send("QUIT\r\n").expect("221");
        }
        assertThat(listener.refusedCommands).isEmpty();
    }
}
