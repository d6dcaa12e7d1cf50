package org.twgate.gateway.deliver;

import org.twgate.gateway.outcome.DeliveryStatus.Result;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipe transport against a real stand-in program that records argv, environment and stdin. */
class PipeTransportTest {
    private static final byte[] MESSAGE = ("Return-Path: <old@elsewhere.example>\r\nFrom: a@company.com\r\n"
            + "Subject: pipe\r\n\r\nline one\r\n.dot line\r\n").getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;
    Path recorder;
    PipeTransport pipe;

    @BeforeEach
    void writeStandIn() throws Exception {
        recorder = dir.resolve("torecvm");
        // Records each argument on its own line between brackets, then the environment and stdin.
        Files.writeString(recorder, String.join("\n",
                "#!/bin/sh",
                "out=\"$TWGATE_TEST_OUT\"",
                "for a in \"$@\"; do printf '[%s]\\n' \"$a\"; done > \"$out.argv\"",
                "printf 'SENDER=[%s]\\nRECIPIENT=[%s]\\nLOCAL=[%s]\\nHOST=[%s]\\nEXT=[%s]\\n' \"$SENDER\" \"$RECIPIENT\" \"$LOCAL\" \"$HOST\" \"$EXT\" > \"$out.env\"",
                "cat > \"$out.stdin\"",
                "echo \"stand-in says $TWGATE_TEST_EXIT\"",
                "exit \"${TWGATE_TEST_EXIT:-0}\"", ""));
        Files.setPosixFilePermissions(recorder, PosixFilePermissions.fromString("rwx------"));
        pipe = new PipeTransport();
    }

    @AfterEach
    void close() {
        pipe.close();
    }

    private PipeTransport.Result run(List<String> command, String sender, List<String> rcpts, Duration timeout) {
        return pipe.deliver(new PipeCommand(command), sender, rcpts, MessageContent.ofBytes(MESSAGE), timeout);
    }

    private List<String> torecvm(String exitCode) {
        // The environment variables configure the stand-in; they are not part of what twgate sets.
        return List.of("/usr/bin/env", "TWGATE_TEST_OUT=" + dir.resolve("out"), "TWGATE_TEST_EXIT=" + exitCode,
                recorder.toString(), "-d/to/smtp", "-pA", "-f$SENDER", "-r$RECIPIENT", "$SENDER");
    }

    @Test
    void passesArgumentsExactlyAsConfiguredWithoutAShell() throws Exception {
        PipeTransport.Result r = run(torecvm("0"), "john@company.com", List.of("jane doe@tw.company.com"),
                Duration.ofSeconds(10));
        assertThat(r.outcome()).isEqualTo(Result.DELIVERED);
        assertThat(Files.readString(dir.resolve("out.argv"))).isEqualTo(
                "[-d/to/smtp]\n[-pA]\n[-fjohn@company.com]\n[-rjane doe@tw.company.com]\n[john@company.com]\n");
        assertThat(Files.readString(dir.resolve("out.env"))).isEqualTo("SENDER=[john@company.com]\n"
                + "RECIPIENT=[jane doe@tw.company.com]\nLOCAL=[jane doe]\nHOST=[tw.company.com]\nEXT=[jane doe]\n");
    }

    @Test
    void emptySenderStaysOneEmptyArgument() throws Exception {
        run(torecvm("0"), "", List.of("jane@tw.company.com"), Duration.ofSeconds(10));
        assertThat(Files.readString(dir.resolve("out.argv")))
                .isEqualTo("[-d/to/smtp]\n[-pA]\n[-f]\n[-rjane@tw.company.com]\n[]\n");
    }

    @Test
    void messageOnStdinStartsWithReturnPathAndUsesLfLineEndings() throws Exception {
        run(torecvm("0"), "john@company.com", List.of("jane@tw.company.com"), Duration.ofSeconds(10));
        assertThat(Files.readString(dir.resolve("out.stdin"))).isEqualTo("Return-Path: <john@company.com>\n"
                + "Delivered-To: jane@tw.company.com\nFrom: a@company.com\nSubject: pipe\n\nline one\n.dot line\n");
    }

    @Test
    void exitCodesFollowQmailCommandIncludingItsOtherHardErrorsAnd99() {
        assertThat(run(torecvm("99"), "a@b.c", List.of("x@y.z"), Duration.ofSeconds(10)).outcome())
                .isEqualTo(Result.DELIVERED);
        for (String hard : List.of("64", "65", "70", "76", "77", "78", "112")) {
            PipeTransport.Result r = run(torecvm(hard), "a@b.c", List.of("x@y.z"), Duration.ofSeconds(10));
            assertThat(r.outcome()).as("exit " + hard).isEqualTo(Result.FAILED);
            assertThat(r.status().status()).hasToString("5.3.0");
        }
        assertThat(run(torecvm("75"), "a@b.c", List.of("x@y.z"), Duration.ofSeconds(10)).outcome())
                .isEqualTo(Result.DEFERRED);
    }

    /** A program that exits 0 on whatever it got must not make a half-read spool file "delivered". */
    @Test
    void aSpoolReadErrorIsNeverDeliveredWhateverTheProgramSays() throws Exception {
        byte[] head = ("From: a@company.com\r\nSubject: big\r\n\r\n" + "line\r\n".repeat(20_000))
                .getBytes(StandardCharsets.US_ASCII);
        MessageContent failing = () -> new java.io.InputStream() {
            int at;

            @Override
            public int read() throws IOException {
                if (at >= head.length) {
                    throw new IOException("Input/output error (simulated bad sector)");
                }
                return head[at++] & 0xff;
            }
        };
        PipeTransport.Result r = pipe.deliver(new PipeCommand(torecvm("0")), "a@b.c", List.of("x@y.z"), failing,
                Duration.ofSeconds(10));
        assertThat(r.exitCode()).isZero();
        assertThat(r.outcome()).isEqualTo(Result.DEFERRED);
        assertThat(r.status().reason()).isEqualTo(org.twgate.gateway.outcome.Reason.SPOOL_READ_ERROR);
        assertThat(r.diagnostic()).contains("cannot read the stored message", "bad sector");
    }

    @Test
    void aSpoolFileThatCannotBeOpenedIsNeverDelivered() {
        MessageContent gone = () -> {
            throw new java.nio.file.NoSuchFileException("queue/X.msg");
        };
        PipeTransport.Result r = pipe.deliver(new PipeCommand(torecvm("0")), "a@b.c", List.of("x@y.z"), gone,
                Duration.ofSeconds(10));
        assertThat(r.outcome()).isEqualTo(Result.DEFERRED);
        assertThat(r.status().reason()).isEqualTo(org.twgate.gateway.outcome.Reason.SPOOL_READ_ERROR);
    }

    @Test
    void exitCodesFollowQmail() {
        assertThat(run(torecvm("100"), "a@b.c", List.of("x@y.z"), Duration.ofSeconds(10)).outcome())
                .isEqualTo(Result.FAILED);
        PipeTransport.Result temporary = run(torecvm("111"), "a@b.c", List.of("x@y.z"), Duration.ofSeconds(10));
        assertThat(temporary.outcome()).isEqualTo(Result.DEFERRED);
        assertThat(temporary.diagnostic()).contains("exited with 111", "stand-in says 111");
        assertThat(run(torecvm("3"), "a@b.c", List.of("x@y.z"), Duration.ofSeconds(10)).outcome())
                .isEqualTo(Result.DEFERRED);
    }

    @Test
    void hangingProgramIsKilledAtTheTimeout() throws Exception {
        Path pid = dir.resolve("hanging.pid");
        // The stand-in records its own process id, then hangs (exec keeps the same process).
        PipeTransport.Result r = run(List.of("/bin/sh", "-c", "echo $$ > " + pid + "; exec sleep 60"), "a@b.c",
                List.of("x@y.z"), Duration.ofMillis(300));
        assertThat(r.outcome()).isEqualTo(Result.DEFERRED);
        assertThat(r.diagnostic()).contains("did not finish within 300ms and was killed");
        long hanging = Long.parseLong(Files.readString(pid).strip());
        org.twgate.testkit.Await.until("the hanging program gone", Duration.ofSeconds(10),
                () -> ProcessHandle.of(hanging).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void perMessageInvocationRepeatsRecipientArguments() throws Exception {
        pipe.deliver(new PipeCommand(torecvm("0")), "john@company.com",
                List.of("a@tw.company.com", "b@tw.company.com"), MessageContent.ofBytes(MESSAGE), Duration.ofSeconds(10));
        assertThat(Files.readString(dir.resolve("out.argv"))).isEqualTo("[-d/to/smtp]\n[-pA]\n[-fjohn@company.com]\n"
                + "[-ra@tw.company.com]\n[-rb@tw.company.com]\n[john@company.com]\n");
    }

    @Test
    void missingProgramIsATemporaryFailure() {
        PipeTransport.Result r = run(List.of(dir.resolve("nope").toString()), "a@b.c", List.of("x@y.z"),
                Duration.ofSeconds(5));
        assertThat(r.outcome()).isEqualTo(Result.DEFERRED);
        assertThat(r.diagnostic()).startsWith("cannot run ");
    }
}
