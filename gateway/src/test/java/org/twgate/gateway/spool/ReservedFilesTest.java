package org.twgate.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.testkit.Await;

/**
 * Messages written in place into reserved files of queue/: committed by their seal and one
 * fdatasync, and after a restart nothing but a sealed message is taken for one.
 */
class ReservedFilesTest {
    @TempDir
    Path dir;

    private static Envelope envelope(String sender) {
        return new Envelope(sender, List.of(new EnvelopeRecipient(0, "jane@tw.company.com", null, null)),
                null, null, "7BIT", false, Instant.parse("2026-11-21T09:00:00Z"), "127.0.0.1", "qmail.company.com",
                "SMTP");
    }

    /** Through a reserved file when one is ready (the server's path). */
    private static StoredMessage commit(Spool spool, String sender, String content) throws Exception {
        IncomingMessage in = spool.receive(envelope(sender), id -> ("Received: " + id + "\r\n").getBytes(StandardCharsets.US_ASCII));
        in.write(Unpooled.copiedBuffer(content, StandardCharsets.ISO_8859_1));
        return in.commit().get();
    }

    /** Through tmp/ and a rename, under an id of the test's choosing. */
    private static StoredMessage commitRenamed(Spool spool, String sender, String content) throws Exception {
        IncomingMessage in = spool.receive(QueueId.next(System.currentTimeMillis()), envelope(sender), new byte[0]);
        in.write(Unpooled.copiedBuffer(content, StandardCharsets.ISO_8859_1));
        return in.commit().get();
    }

    private static void awaitReady(Spool spool, int count) {
        spool.reserveAhead();
        Await.until(count + " reserved files ready", Duration.ofSeconds(10), () -> spool.reserved().readyCount() >= count);
    }

    private static Object inode(Path file) throws Exception {
        return Files.getAttribute(file, "unix:ino");
    }

    private static String content(Spool spool, StoredMessage m) throws Exception {
        try (InputStream in = spool.openContent(m)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private Set<Object> queueInodes() throws Exception {
        Set<Object> inodes = new HashSet<>();
        try (Stream<Path> files = Files.list(dir.resolve("queue"))) {
            for (Path f : files.toList()) {
                inodes.add(inode(f));
            }
        }
        return inodes;
    }

    @Test
    void aMessageIsWrittenInPlaceIntoAReservedFileAndCommittedWithoutAQueueFsync() throws Exception {
        StoredMessage stored;
        try (Spool spool = Spool.open(dir, 2)) {
            awaitReady(spool, ReservedFiles.LOW);
            Set<Object> reserved = queueInodes();
            long fsyncs = spool.queueFsyncsStarted();

            stored = commit(spool, "a@b.c", "Subject: in place\r\n\r\nbody\r\n");

            assertThat(reserved).as("the message's file is a reserved one").contains(inode(stored.file()));
            assertThat(spool.queueFsyncsStarted()).as("no queue/ fsync for its commit").isEqualTo(fsyncs);
            assertThat(Files.readString(stored.file(), StandardCharsets.ISO_8859_1)).startsWith("twgate-spool 2\nseal ")
                    .doesNotContain(Seal.UNSEALED_LINE);
            assertThat(spool.contains(stored.id())).isTrue();
        }
        try (Spool spool = Spool.open(dir, 2)) {
            List<StoredMessage> recovered = spool.recover();
            assertThat(recovered).extracting(StoredMessage::id).containsExactly(stored.id());
            assertThat(content(spool, recovered.get(0)))
                    .isEqualTo("Received: " + stored.id() + "\r\nSubject: in place\r\n\r\nbody\r\n");
            assertThat(spool.reserved().size()).as("the other reserves are taken back").isEqualTo(ReservedFiles.TARGET - 1);
        }
    }

    @Test
    void aShorterMessageWrittenOverALongerOneIsReadBackExactlyAndNothingMore() throws Exception {
        try (Spool spool = Spool.open(dir, 2)) {
            StoredMessage first = commitRenamed(spool, "long.sender.name@company.com",
                    "Subject: first\r\n\r\n" + "old content ".repeat(500) + "\r\n");
            Object firstInode = inode(first.file());
            spool.remove(first.id());
            assertThat(first.file()).doesNotExist();
            spool.reserved().syncNames();

            StoredMessage second = commit(spool, "a@b.c", "Subject: second\r\n\r\nnew\r\n");

            assertThat(inode(second.file())).as("the finished message's file was reused").isEqualTo(firstInode);
            StoredMessage read = spool.read(second.id());
            assertThat(read.envelope()).isEqualTo(envelope("a@b.c"));
            assertThat(content(spool, read)).isEqualTo("Received: " + second.id() + "\r\nSubject: second\r\n\r\nnew\r\n");
            assertThat(Files.size(second.file())).isEqualTo(read.contentOffset() + read.contentSize());
            assertThat(spool.contains(second.id())).isTrue();
        }
    }

    @Test
    void aFinishedMessagesFileIsNotHandedOutBeforeAQueueFsyncBegunAfterItsRename() throws Exception {
        try (Spool spool = Spool.open(dir, 2)) {
            StoredMessage done = commitRenamed(spool, "a@b.c", "Subject: done\r\n\r\nx\r\n");
            Object doneInode = inode(done.file());
            spool.remove(done.id());

            // Its new name is not durable yet: after a power failure queue/ might not have it.
            assertThat(spool.reserved().take()).isNull();

            Await.until("the reserve thread to fsync queue/", Duration.ofSeconds(10),
                    () -> spool.reserved().readyCount() > 0);
            StoredMessage next = commit(spool, "a@b.c", "Subject: next\r\n\r\ny\r\n");
            assertThat(inode(next.file())).as("first in, first handed out").isEqualTo(doneInode);
        }
    }

    @Test
    void afterARestartOnlySealedMessagesWithTheirOwnIdAreRecovered() throws Exception {
        StoredMessage kept;
        StoredMessage damaged;
        StoredMessage old;
        try (Spool spool = Spool.open(dir, 2)) {
            kept = commitRenamed(spool, "a@b.c", "Subject: kept\r\n\r\nx\r\n");
            damaged = commitRenamed(spool, "a@b.c", "Subject: damaged\r\n\r\nx\r\n");
            old = commitRenamed(spool, "a@b.c", "Subject: first format\r\n\r\nx\r\n");
        }
        Path queue = dir.resolve("queue");
        String keptText = Files.readString(kept.file(), StandardCharsets.ISO_8859_1);
        // another message's sealed file under a new name: a finished message's file kept as a reserve
        Files.writeString(queue.resolve(QueueId.next(1) + ".msg"), keptText, StandardCharsets.ISO_8859_1);
        // sealed with its own id, but a block of content never reached the disk
        Files.writeString(damaged.file(), Files.readString(damaged.file(), StandardCharsets.ISO_8859_1)
                .replace("Subject: damaged", "Subject: dAmaged"), StandardCharsets.ISO_8859_1);
        // the first format (committed by rename, no seal), under its own name and under another
        String v1 = Files.readString(old.file(), StandardCharsets.ISO_8859_1)
                .replace("twgate-spool 2\n" + Files.readString(old.file()).split("\n")[1] + "\n", "twgate-spool 1\n");
        Files.writeString(old.file(), v1, StandardCharsets.ISO_8859_1);
        Files.writeString(queue.resolve(QueueId.next(2) + ".msg"), v1, StandardCharsets.ISO_8859_1);
        // empty, and a message written in place up to a crash (unsealed, its own id)
        Files.createFile(queue.resolve(QueueId.next(3) + ".msg"));
        QueueId unsealed = QueueId.next(4);
        Files.write(queue.resolve(unsealed + ".msg"), EnvelopeCodec.encode(unsealed, envelope("a@b.c")));

        try (Spool spool = Spool.open(dir, 2)) {
            List<StoredMessage> recovered = spool.recover();

            assertThat(recovered).extracting(StoredMessage::id).containsExactlyInAnyOrder(kept.id(), old.id());
            assertThat(content(spool, spool.read(old.id()))).isEqualTo("Subject: first format\r\n\r\nx\r\n");
            assertThat(dir.resolve("corrupt").resolve(damaged.id() + ".msg")).exists();
            assertThat(spool.reserved().size()).as("other id, first format under another name, empty, unsealed")
                    .isEqualTo(4);
            assertThat(spool.contains(unsealed)).isFalse();
            assertThat(spool.recover()).as("recovering again finds the same").hasSize(2);
            assertThat(spool.reserved().readyCount()).as("their names were fsynced").isEqualTo(4);
        }
    }

    @Test
    void aMessageGivenUpInItsReservedFileIsNeverRecovered() throws Exception {
        try (Spool spool = Spool.open(dir, 2)) {
            awaitReady(spool, 2);
            IncomingMessage aborted = spool.receive(envelope("a@b.c"), id -> new byte[0]);
            aborted.write(Unpooled.copiedBuffer("Subject: aborted\r\n", StandardCharsets.US_ASCII));
            aborted.abort();
            Await.until("the aborted file to go", Duration.ofSeconds(10),
                    () -> !Files.exists(spool.messageFile(aborted.id())));
        }
        try (Spool spool = Spool.open(dir, 2)) {
            assertThat(spool.recover()).isEmpty();
            try (Stream<Path> corrupt = Files.list(dir.resolve("corrupt"))) {
                assertThat(corrupt).isEmpty();
            }
        }
    }

    @Test
    void peekingAtAMessageThatFinishedSaysSoInsteadOfShowingWhatReplacedItsFile() throws Exception {
        try (Spool spool = Spool.open(dir, 2)) {
            StoredMessage queued = commitRenamed(spool, "a@b.c", "Subject: queued\r\n\r\nx\r\n");
            assertThat(new String(spool.peekContent(queued.id(), 100), StandardCharsets.ISO_8859_1))
                    .startsWith("Subject: queued");

            spool.remove(queued.id());
            spool.reserved().syncNames();
            commit(spool, "a@b.c", "Subject: reuses the file\r\n\r\nz\r\n");

            assertThatThrownBy(() -> spool.peekContent(queued.id(), 100)).isInstanceOf(NoSuchFileException.class);
        }
    }

    /** A large finished file is kept as an empty reserve: same inode, no blocks, no old content. */
    @Test
    void largeFilesAreKeptEmpty() throws Exception {
        try (Spool spool = Spool.open(dir, 2)) {
            StoredMessage big = commitRenamed(spool, "a@b.c",
                    "Subject: big\r\n\r\n" + "x".repeat((int) ReservedFiles.MAX_FILE_OCTETS) + "\r\n");
            Object bigInode = inode(big.file());
            spool.remove(big.id());
            assertThat(spool.reserved().size()).isOne();
            Path kept;
            try (Stream<Path> left = Files.list(dir.resolve("queue"))) {
                kept = left.collect(java.util.stream.Collectors.toList()).get(0);
            }
            assertThat(kept).isNotEqualTo(big.file()).hasSize(0);
            assertThat(inode(kept)).isEqualTo(bigInode);

            spool.reserved().syncNames();
            StoredMessage next = commit(spool, "a@b.c", "Subject: small\r\n\r\ny\r\n");
            assertThat(next.file()).isEqualTo(kept);
            assertThat(content(spool, next)).isEqualTo("Received: " + next.id() + "\r\nSubject: small\r\n\r\ny\r\n");
        }
    }

    @Test
    void theFormerFreeDirectoryIsRemovedAtStart() throws Exception {
        Files.createDirectories(dir.resolve("free"));
        Files.writeString(dir.resolve("free/lq3k2-1"), "twgate-spool 1\nid 1A1FD5BF9EBF42DF\n");
        try (Spool spool = Spool.open(dir, 2)) {
            assertThat(dir.resolve("free")).doesNotExist();
            assertThat(spool.recover()).isEmpty();
        }
    }
}
