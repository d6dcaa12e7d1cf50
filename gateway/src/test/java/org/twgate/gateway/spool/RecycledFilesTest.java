package org.twgate.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A finished message's file is written over by the next one, and nothing of the old one shows through. */
class RecycledFilesTest {
    @TempDir
    Path dir;

    private static Envelope envelope(String sender) {
        return new Envelope(sender, List.of(new EnvelopeRecipient(0, "jane@tw.company.com", null, null)),
                null, null, "7BIT", false, Instant.parse("2026-11-21T09:00:00Z"), "127.0.0.1", "qmail.company.com",
                "SMTP");
    }

    private static StoredMessage commit(Spool spool, String sender, String content) throws Exception {
        IncomingMessage in = spool.receive(QueueId.next(System.currentTimeMillis()), envelope(sender), new byte[0]);
        in.write(Unpooled.copiedBuffer(content, StandardCharsets.ISO_8859_1));
        return in.commit().get();
    }

    private static Object inode(Path file) throws Exception {
        return Files.getAttribute(file, "unix:ino");
    }

    @Test
    void aShorterMessageWrittenOverALongerOneIsReadBackExactlyAndNothingMore() throws Exception {
        try (Spool spool = Spool.open(dir, 2)) {
            StoredMessage first = commit(spool, "long.sender.name@company.com",
                    "Subject: first\r\n\r\n" + "old content ".repeat(500) + "\r\n");
            Object firstInode = inode(first.file());
            spool.remove(first.id());
            assertThat(first.file()).doesNotExist();
            StoredMessage between = commit(spool, "x@y.z", "Subject: between\r\n\r\ny\r\n");
            assertThat(inode(between.file())).as("not yet: its removal was not durable").isNotEqualTo(firstInode);

            StoredMessage second = commit(spool, "a@b.c", "Subject: second\r\n\r\nnew\r\n");

            assertThat(inode(second.file())).as("the finished message's file was reused").isEqualTo(firstInode);
            StoredMessage read = spool.read(second.id());
            assertThat(read.envelope()).isEqualTo(envelope("a@b.c"));
            try (InputStream in = spool.openContent(read)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1))
                        .isEqualTo("Subject: second\r\n\r\nnew\r\n");
            }
            assertThat(Files.size(second.file())).isEqualTo(read.contentOffset() + read.contentSize());
        }
    }

    @Test
    void aFileIsNotWrittenOverUntilAQueueFsyncBegunAfterItsRemovalHasFinished() throws Exception {
        try (Spool spool = Spool.open(dir, 2)) {
            StoredMessage done = commit(spool, "a@b.c", "Subject: done\r\n\r\nx\r\n");
            Object doneInode = inode(done.file());
            spool.remove(done.id());

            // Its move out of queue/ is not durable yet: a power failure could bring queue/ID.msg back.
            StoredMessage next = commit(spool, "a@b.c", "Subject: next\r\n\r\ny\r\n");
            assertThat(inode(next.file())).isNotEqualTo(doneInode);
            assertThat(spool.recycled().size()).isEqualTo(1);

            // next's commit fsynced queue/ after the move: now the file may be written over.
            StoredMessage after = commit(spool, "a@b.c", "Subject: after\r\n\r\nz\r\n");
            assertThat(inode(after.file())).isEqualTo(doneInode);
        }
    }

    @Test
    void keptFilesAreNeverTakenForQueuedMessagesAfterARestart() throws Exception {
        StoredMessage waiting;
        try (Spool spool = Spool.open(dir, 2)) {
            StoredMessage done = commit(spool, "a@b.c", "Subject: done\r\n\r\nx\r\n");
            waiting = commit(spool, "a@b.c", "Subject: waiting\r\n\r\ny\r\n");
            spool.remove(done.id());
            assertThat(spool.recycled().size()).isEqualTo(1);
        }
        try (Spool spool = Spool.open(dir, 2)) {
            assertThat(spool.recover()).extracting(StoredMessage::id).containsExactly(waiting.id());
            assertThat(spool.recycled().size()).as("the kept file is taken back").isEqualTo(1);
            StoredMessage next = commit(spool, "c@d.e", "Subject: next\r\n\r\nz\r\n");
            assertThat(spool.recover()).extracting(StoredMessage::id).containsExactlyInAnyOrder(waiting.id(), next.id());
            assertThat(spool.recycled().size()).isZero();
        }
    }

    @Test
    void peekingAtAMessageThatFinishedSaysSoInsteadOfShowingWhatReplacedItsFile() throws Exception {
        try (Spool spool = Spool.open(dir, 2)) {
            StoredMessage queued = commit(spool, "a@b.c", "Subject: queued\r\n\r\nx\r\n");
            assertThat(new String(spool.peekContent(queued.id(), 100), StandardCharsets.ISO_8859_1))
                    .startsWith("Subject: queued");

            spool.remove(queued.id());
            commit(spool, "a@b.c", "Subject: between\r\n\r\ny\r\n");
            commit(spool, "a@b.c", "Subject: reuses the file\r\n\r\nz\r\n");

            assertThatThrownBy(() -> spool.peekContent(queued.id(), 100)).isInstanceOf(NoSuchFileException.class);
        }
    }

    @Test
    void largeFilesAreDeletedNotKept() throws Exception {
        try (Spool spool = Spool.open(dir, 2)) {
            StoredMessage big = commit(spool, "a@b.c",
                    "Subject: big\r\n\r\n" + "x".repeat((int) RecycledFiles.MAX_FILE_OCTETS) + "\r\n");
            spool.remove(big.id());
            assertThat(spool.recycled().size()).isZero();
            try (var left = Files.list(dir.resolve("free"))) {
                assertThat(left).isEmpty();
            }
        }
    }
}
