package org.twgate.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool's contract: what was committed comes back whole after a restart, and nothing else does. */
class SpoolTest {
    @TempDir
    Path dir;

    private static Envelope envelope() {
        return new Envelope("john@company.com", List.of(
                new EnvelopeRecipient(0, "jane@tw.company.com", "SUCCESS,FAILURE", "rfc822;jane@company.com"),
                new EnvelopeRecipient(1, "\"john doe\"@tw.company.com", null, null)),
                "HDRS", "QQ+2B1", "8BITMIME", false, Instant.parse("2026-11-21T09:00:00.123Z"), "127.0.0.1",
                "qmail.company.com", "SMTP");
    }

    private static StoredMessage commit(Spool spool, String content) throws Exception {
        IncomingMessage in = spool.receive(QueueId.next(System.currentTimeMillis()), envelope(),
                "Received: x\r\n".getBytes(StandardCharsets.US_ASCII));
        in.write(Unpooled.copiedBuffer(content, StandardCharsets.ISO_8859_1));
        return in.commit().get();
    }

    @Test
    void committedMessageComesBackWholeAfterRestart() throws Exception {
        StoredMessage stored;
        try (Spool spool = Spool.open(dir, 2)) {
            stored = commit(spool, "Subject: hi\r\n\r\nbody \u00e9\r\n");
        }
        try (Spool spool = Spool.open(dir, 2)) {
            List<StoredMessage> recovered = spool.recover();
            assertThat(recovered).hasSize(1);
            StoredMessage m = recovered.get(0);
            assertThat(m.id()).isEqualTo(stored.id());
            assertThat(m.envelope()).isEqualTo(envelope());
            try (InputStream in = spool.openContent(m)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1))
                        .isEqualTo("Received: x\r\nSubject: hi\r\n\r\nbody \u00e9\r\n");
            }
            assertThat(m.contentSize()).isEqualTo(stored.contentSize());
        }
    }

    /** What an SMTP session alone on its event loop does: the last chunk, seal and sync on its own thread. */
    @Test
    void aCommitOnTheCallersThreadIsDurableOnReturn() throws Exception {
        StoredMessage stored;
        try (Spool spool = Spool.open(dir, 2)) {
            // Into a reserved file: the tmp/ path (none ready yet) also waits for a directory fsync.
            spool.reserveAhead();
            org.twgate.testkit.Await.until("a reserved file ready", java.time.Duration.ofSeconds(10),
                    () -> spool.reserved().readyCount() >= 1);
            IncomingMessage in = spool.receive(envelope(), id -> "Received: x\r\n".getBytes(StandardCharsets.US_ASCII));
            var committed = in.commit(Unpooled.copiedBuffer("Subject: inline\r\n\r\nbody\r\n",
                    StandardCharsets.US_ASCII), true);
            assertThat(committed).isDone();
            stored = committed.get();
        }
        try (Spool spool = Spool.open(dir, 2)) {
            List<StoredMessage> recovered = spool.recover();
            assertThat(recovered).extracting(StoredMessage::id).containsExactly(stored.id());
            try (InputStream in = spool.openContent(recovered.get(0))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII))
                        .isEqualTo("Received: x\r\nSubject: inline\r\n\r\nbody\r\n");
            }
        }
    }

    @Test
    void unfinishedMessagesInTmpAreDiscardedAtStart() throws Exception {
        try (Spool spool = Spool.open(dir, 2)) {
            // What a process that died in the middle of a message leaves: its file in tmp/. (Not
            // made by an IncomingMessage left open: close() would wait 30 s for it to settle.)
            Files.writeString(spool.tmpDir().resolve(QueueId.next(System.currentTimeMillis()).value()),
                    "twgate-spool 2\nhalf a mess");
        }
        try (Spool spool = Spool.open(dir, 2)) {
            assertThat(spool.recover()).isEmpty();
            try (var files = Files.list(dir.resolve("tmp"))) {
                assertThat(files).isEmpty();
            }
        }
    }

    @Test
    void abortRemovesTheTemporaryFile() throws Exception {
        try (Spool spool = Spool.open(dir, 2)) {
            IncomingMessage in = spool.receive(QueueId.next(System.currentTimeMillis()), envelope(), new byte[0]);
            in.write(Unpooled.copiedBuffer("content", StandardCharsets.US_ASCII));
            in.abort();
        }
        try (var files = Files.list(dir.resolve("tmp"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void unreadableFileIsMovedToCorruptNotDeleted() throws Exception {
        try (Spool spool = Spool.open(dir, 2)) {
            Files.writeString(dir.resolve("queue/1A1FD5BF9EBF42DF.msg"), "garbage without an envelope");
            assertThat(spool.recover()).isEmpty();
            assertThat(dir.resolve("corrupt/1A1FD5BF9EBF42DF.msg")).exists();
        }
    }

    @Test
    void journalIgnoresATornLastLine() throws Exception {
        try (Spool spool = Spool.open(dir, 2)) {
            StoredMessage m = commit(spool, "x\r\n");
            spool.append(m.id(), List.of(JournalRecord.forRecipient(Instant.parse("2026-11-21T10:00:00Z"),
                    JournalRecord.Event.DELIVERED, 0, "connector", null, "250 2.0.0 ok\r\nforged line")));
            Files.writeString(dir.resolve("queue/" + m.id() + ".log"), "2026-11-21T10:0", java.nio.file.StandardOpenOption.APPEND);
            List<JournalRecord> journal = spool.journal(m.id());
            assertThat(journal).hasSize(1);
            assertThat(journal.get(0).reply()).isEqualTo("250 2.0.0 ok  forged line");
            assertThat(journal.get(0).recipient()).isZero();
        }
    }

    @Test
    void commitFailsCleanlyWhenTheQueueDirectoryIsGone() throws Exception {
        try (Spool spool = Spool.open(dir, 2)) {
            Files.delete(dir.resolve("queue"));
            IncomingMessage in = spool.receive(QueueId.next(System.currentTimeMillis()), envelope(), new byte[0]);
            in.write(Unpooled.copiedBuffer("x\r\n", StandardCharsets.US_ASCII));
            assertThatThrownBy(() -> in.commit().get()).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(SpoolIoException.class);
            try (var files = Files.list(dir.resolve("tmp"))) {
                assertThat(files).isEmpty();
            }
        }
    }
}
