package org.twgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/qmail/twgate-qmail-remote}, which the import's patch puts in the .qmail lines that
 * hand mail to twgate: qmail-remote's reports (qmail-remote(8) RESULTS: r/h/s per recipient, then
 * K/Z/D, each ended by a 0 byte; "always exits zero") become qmail-command(8) exit codes. Debian
 * has no qmail: the stand-in prints what qmail-remote(8) says it prints.
 */
class QmailRemoteWrapperTest {
    static final Path WRAPPER = Path.of(System.getProperty("twgate.root", ".."), "deploy", "qmail",
            "twgate-qmail-remote").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private record Ran(int exit, String output, String args) {
    }

    private Ran run(String reports) throws Exception {
        Path fake = dir.resolve("qmail-remote");
        Path args = dir.resolve("args");
        Files.writeString(fake, "#!/bin/sh\nprintf '%s|' \"$@\" > " + args + "\ncat > /dev/null\nprintf '" + reports
                + "'\nexit 0\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", WRAPPER.toString(), "twgate", "", "john@company.com")
                .redirectErrorStream(true);
        pb.environment().put("QMAIL_REMOTE", fake.toString());
        Process p = pb.start();
        p.getOutputStream().write("Subject: x\n\nbody\n".getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new Ran(p.exitValue(), out, Files.exists(args) ? Files.readString(args) : "");
    }

    @Test
    void acceptedIsZeroAndTheArgumentsPassUnchanged() throws Exception {
        Ran r = run("r127.0.0.1 accepted recipient.\\000K127.0.0.1 accepted message./Remote host said: 250 2.0.0 Ok\\000");
        assertThat(r.exit()).isZero();
        assertThat(r.args()).isEqualTo("twgate||john@company.com|");
        assertThat(r.output()).contains("K127.0.0.1 accepted message.");
    }

    @Test
    void aPermanentRefusalIs100SoQmailLocalBounces() throws Exception {
        assertThat(run("h550 5.1.1 <john@company.com>: no mailbox here by that name\\nsecond line\\000D"
                + "Giving up on 127.0.0.1.\\000").exit()).isEqualTo(100);
        assertThat(run("r ok\\000DSorry, message refused.\\000").exit()).isEqualTo(100);
    }

    @Test
    void aDeferralOrNoReportAtAllIs111SoQmailTriesAgain() throws Exception {
        assertThat(run("s451 4.3.0 try later\\000K127.0.0.1 accepted message.\\000").exit()).isEqualTo(111);
        assertThat(run("ZConnected to 127.0.0.1 but connection died.\\000").exit()).isEqualTo(111);
        assertThat(run("").exit()).isEqualTo(111);
    }
}
