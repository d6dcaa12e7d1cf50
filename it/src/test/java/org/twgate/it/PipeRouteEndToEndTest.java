package org.twgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.testkit.Await;

/**
 * The seeds' section 4.1.3 (qmail-users prefix to torecvm) done by twgate: a pipe route with the
 * prefix rewrite, a stand-in for torecvm that records argv and stdin, Return-Path first.
 */
class PipeRouteEndToEndTest {
    @TempDir
    Path dir;
    GatewayFixture twgate;

    @AfterEach
    void stop() {
        if (twgate != null) {
            twgate.close();
        }
    }

    @Test
    void torecvmGetsTheRewrittenRecipientAndReturnPath() throws Exception {
        Path out = dir.resolve("out");
        Path torecvm = dir.resolve("torecvm");
        Files.writeString(torecvm, String.join("\n", "#!/bin/sh",
                "for a in \"$@\"; do printf '[%s]\\n' \"$a\"; done > " + out + ".argv",
                "cat > " + out + ".stdin",
                "mv " + out + ".argv " + out + ".done", ""));
        Files.setPosixFilePermissions(torecvm, PosixFilePermissions.fromString("rwx------"));
        twgate = new GatewayFixture(dir, String.join("\n",
                "  - smtproutes: \"company.com:\"",
                "    name: teamware",
                "    final: true",
                "    transport: pipe",
                "    command: [\"" + torecvm + "\", \"-d/to/smtp\", \"-pA\", \"-f$SENDER\", \"-r$RECIPIENT\"]",
                "    rewrite: users"), String.join("\n",
                "rewrite:",
                "  sets:",
                "    users:",
                "      - id: tw-prefix",
                "        match: {prefix: \"tw.\", domain: company.com}",
                "        result: \"$DEFAULT@tw.company.com\""));
        String content = "From: <boss@elsewhere.example>\r\nTo: John <tw.john@company.com>\r\nSubject: pipe\r\n\r\nhello\r\n";
        assertThat(twgate.send("boss@elsewhere.example", "tw.john@company.com", content)).startsWith("250 2.0.0");
        Await.until("torecvm ran", Duration.ofSeconds(10), () -> Files.exists(dir.resolve("out.done")));
        Await.until("queue empty", Duration.ofSeconds(10), () -> twgate.gateway.queue().size() == 0);
        assertThat(Files.readString(dir.resolve("out.done")))
                .isEqualTo("[-d/to/smtp]\n[-pA]\n[-fboss@elsewhere.example]\n[-rjohn@tw.company.com]\n");
        String stdin = Files.readString(dir.resolve("out.stdin"));
        assertThat(stdin).startsWith("Return-Path: <boss@elsewhere.example>\nDelivered-To: john@tw.company.com\nReceived: ");
        assertThat(stdin).contains("\nTo: John <john@tw.company.com>\nSubject: pipe\n\nhello\n").doesNotContain("\r");
    }
}
