package org.twgate.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Content waiting for the disk is bounded per message and for the spool as a whole. */
class ContentBudgetTest {
    @TempDir
    Path dir;

    /** The spool's I/O, held: tasks run only when the test says, so nothing drains by itself. */
    private static final class HeldDisk implements Executor {
        final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public synchronized void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            for (Runnable task; (task = next()) != null; ) {
                task.run();
            }
        }

        private synchronized Runnable next() {
            return tasks.poll();
        }
    }

    private static Envelope envelope() {
        return new Envelope("john@company.com", List.of(new EnvelopeRecipient(0, "jane@tw.company.com", null, null)),
                null, null, null, false, Instant.parse("2026-11-21T09:00:00Z"), "127.0.0.1", "qmail.company.com", "SMTP");
    }

    private static ByteBuf chunk(long size) {
        return Unpooled.buffer((int) size).writerIndex((int) size);
    }

    @Test
    void manySessionsEachBelowTheirOwnMarkPauseWhenTheSpoolsSumPassesItsMark() throws Exception {
        HeldDisk disk = new HeldDisk();
        try (Spool spool = Spool.open(dir, 1)) {
            long each = IncomingMessage.HIGH_WATERMARK; // at, not above, a message's own mark
            int sessions = (int) (IncomingMessage.SPOOL_HIGH_WATERMARK / each) + 1;
            List<IncomingMessage> messages = new ArrayList<>();
            List<Boolean> paused = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                IncomingMessage m = new IncomingMessage(QueueId.next(System.currentTimeMillis()), false, envelope(),
                        new byte[0], spool, disk);
                messages.add(m);
                paused.add(m.write(chunk(each)));
            }
            assertThat(paused.subList(0, sessions - 1)).as("within the spool's mark").containsOnly(false);
            assertThat(paused.get(sessions - 1)).as("the session that takes the sum past it").isTrue();
            assertThat(spool.contentBudget().pending()).isEqualTo(sessions * each);

            AtomicInteger resumed = new AtomicInteger();
            messages.get(sessions - 1).onDrained(resumed::incrementAndGet);
            assertThat(resumed).as("its own queue is small, the spool's is not").hasValue(0);

            disk.runAll(); // the disk catches up: every chunk written
            assertThat(resumed).hasValue(1);
            assertThat(spool.contentBudget().pending()).isZero();
            messages.forEach(IncomingMessage::abort);
            disk.runAll();
        }
    }

    @Test
    void aMessageBeingCommittedDoesNotResumeItsReaderWhenTheDiskCatchesUp() throws Exception {
        HeldDisk disk = new HeldDisk();
        try (Spool spool = Spool.open(dir, 1)) {
            IncomingMessage m = new IncomingMessage(QueueId.next(System.currentTimeMillis()), false, envelope(),
                    new byte[0], spool, disk);
            assertThat(m.write(chunk(IncomingMessage.HIGH_WATERMARK + 1))).isTrue();
            AtomicInteger resumed = new AtomicInteger();
            m.onDrained(resumed::incrementAndGet);
            var committed = m.commit(); // "." came while the disk was behind
            disk.runAll();
            assertThat(committed).isDone();
            assertThat(resumed).as("reading resumes with the reply, not before").hasValue(0);
        }
    }

    @Test
    void aListenerRunsOnceAtTheLowMark() {
        ContentBudget budget = new ContentBudget(100, 40);
        assertThat(budget.take(60)).isFalse();
        assertThat(budget.take(60)).isTrue();
        AtomicInteger ran = new AtomicInteger();
        budget.whenLow(ran::incrementAndGet);
        budget.give(60);
        assertThat(ran).as("60 left, above the low mark").hasValue(0);
        budget.give(20);
        assertThat(ran).hasValue(1);
        budget.give(40);
        assertThat(ran).as("once").hasValue(1);
        budget.whenLow(ran::incrementAndGet);
        assertThat(ran).as("already low: at once").hasValue(2);
    }
}
