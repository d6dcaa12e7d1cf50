package org.twgate.gateway.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files in {@code queue/} kept under the name of a message that has not arrived yet, so that a
 * message is written into its final file in place and committed by one {@code fdatasync}: no
 * rename, and no directory fsync before the {@code 250}. A reserved file is handed out only once
 * its name is durable (a fsync of {@code queue/} begun after the file got that name has
 * finished), so after a power failure the name is there; whether the content is a committed
 * message is what the {@link Seal} says.
 *
 * <p>Where they come from: the files of finished messages, renamed to a new id (a small one's
 * blocks are allocated already, and creating a file per message was the largest single cost of
 * the path to {@code 250} on ext4; a large one is cut to nothing first, see
 * {@link #MAX_FILE_OCTETS}), and empty files made ahead of need on the
 * {@code twgate-spool-reserve} thread when fewer than {@link #LOW} are ready. That thread also
 * makes the renames durable, one {@code queue/} fsync for a batch. Bounded: {@link #MAX_FILES}
 * files, {@link #MAX_OCTETS} in all. With none ready a message takes the old path, {@code tmp/}
 * and a rename.
 *
 * <p>A reserved file's id is made when it is reserved, so it sorts by that moment rather than
 * by its message's arrival (which the envelope keeps).
 */
final class ReservedFiles implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReservedFiles.class);
    /**
     * Enough for a burst: while accepting runs ahead of delivery the queue grows by thousands,
     * each taking a reserve, and when it drains each finished file comes back. With 256 the
     * rest were deleted and made again at the next burst: creating and deleting took 8 % of the
     * CPU samples in the 20-session benchmark (bench/profile, 2026-12-03). 4,096 small files are
     * about 18 MiB of disk; {@link #MAX_OCTETS} still bounds them.
     */
    static final int MAX_FILES = 4096;
    static final long MAX_OCTETS = 64L << 20;
    /**
     * Larger finished files are kept empty: written over, a 1 MiB file made relaying 1 MiB
     * messages slower (180-200 against 262-292 msgs/s, 5 against 4 ms CPU each), while deleting
     * it and creating an empty file in its place took 9 % of twgate's CPU samples in that case
     * (bench/profile, 2026-12-04: ext4's inode allocation, unlink). Cutting it to nothing frees
     * its blocks as the unlink did and keeps the inode.
     */
    static final long MAX_FILE_OCTETS = 256 << 10;
    /** Below this many ready files the reserve thread makes more ready (about 30 ms of traffic at 1,000 msgs/s). */
    static final int LOW = 32;
    /** Files the reserve thread tops up to, counting the ones waiting for their name to be durable. */
    static final int TARGET = 64;

    private record Reserved(QueueId id, long octets, long ticket) {
    }

    private final Function<QueueId, Path> fileOf;
    private final DirectorySyncer queueSyncer;
    private final Object lock = new Object();
    /** Names durable: may be handed out. */
    private final Deque<Reserved> ready = new ArrayDeque<>();
    /** Named, waiting for a queue/ fsync begun after the name was given. */
    private final Deque<Reserved> pending = new ArrayDeque<>();
    /** Every id this owns: in the pool, or handed out and not yet committed or given up. */
    private final Set<QueueId> owned = new HashSet<>();
    private long octets;
    private boolean topUpQueued;
    private boolean closed;
    private final ExecutorService reserver = Executors.newSingleThreadExecutor(Spool.named("twgate-spool-reserve"));
    /** The last top-up failed: logged once until one succeeds. */
    private volatile boolean failing;

    ReservedFiles(Function<QueueId, Path> fileOf, DirectorySyncer queueSyncer) {
        this.fileOf = fileOf;
        this.queueSyncer = queueSyncer;
    }

    /**
     * A reserved id whose file is ready to be written in place, or null (none ready: the caller
     * takes the {@code tmp/} path). Never waits for the disk: it is called on an event loop.
     */
    QueueId take() {
        Reserved taken;
        synchronized (lock) {
            promoteDurable();
            taken = ready.pollFirst();
            if (taken != null) {
                octets -= taken.octets();
            }
            topUpIfLow();
        }
        return taken == null ? null : taken.id();
    }

    /** The message in {@code id}'s reserved file was committed: its file is a message's now. */
    void committed(QueueId id) {
        synchronized (lock) {
            owned.remove(id);
        }
    }

    /** The message in {@code id}'s reserved file was given up: its file goes (unsealed, it is no message). */
    void abandoned(QueueId id) {
        try {
            Files.deleteIfExists(fileOf.apply(id));
        } catch (IOException e) {
            // At the next start an unsealed file is taken back as a reserve.
        }
        synchronized (lock) {
            owned.remove(id);
        }
    }

    /** Whether {@code id} names a reserved file rather than a message. */
    boolean owns(QueueId id) {
        synchronized (lock) {
            return owned.contains(id);
        }
    }

    /**
     * Keeps a finished message's file as a reserve under a new id (a large one cut to nothing),
     * or deletes it (pool full). The finished message's own name is gone once this returns.
     */
    void give(Path finished) throws IOException {
        long found;
        try {
            found = Files.size(finished);
        } catch (NoSuchFileException e) {
            return;
        }
        give(finished, found);
    }

    /** {@link #give(Path)} of a file whose size the caller knows. */
    void give(Path finished, long found) throws IOException {
        boolean large = found > MAX_FILE_OCTETS;
        long size = large ? 0 : found;
        QueueId id = null;
        synchronized (lock) {
            if (!closed && count() < MAX_FILES && octets + size <= MAX_OCTETS) {
                octets += size; // counted now, so two threads cannot both take the last room
                id = QueueId.next(System.currentTimeMillis());
                owned.add(id);
            }
        }
        if (id == null) {
            Files.deleteIfExists(finished);
            return;
        }
        try {
            if (large) {
                // Before the rename: the file under the new name never holds the old message.
                try (FileChannel channel = FileChannel.open(finished, StandardOpenOption.WRITE)) {
                    channel.truncate(0);
                }
            }
            Files.move(finished, fileOf.apply(id), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            synchronized (lock) {
                octets -= size;
                owned.remove(id);
            }
            if (e instanceof NoSuchFileException) {
                return;
            }
            throw e;
        }
        long ticket = queueSyncer.ticket(); // taken after the rename: a fsync begun later covers it
        synchronized (lock) {
            pending.addLast(new Reserved(id, size, ticket));
        }
    }

    /**
     * Takes back a file found in {@code queue/} at start-up that holds no committed message. Call
     * {@link #syncNames()} once after the last.
     */
    void adopt(QueueId id, long size) {
        synchronized (lock) {
            if (owned.contains(id)) {
                return;
            }
            owned.add(id);
            octets += size;
            pending.addLast(new Reserved(id, size, queueSyncer.ticket()));
        }
    }

    /**
     * Makes the names of every file in the pool durable, on the caller's thread: after adopting
     * (a process crash leaves renames that a power failure could still undo), and in tests.
     */
    void syncNames() throws IOException {
        try {
            queueSyncer.sync().join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
        synchronized (lock) {
            promoteDurable();
        }
    }

    /** Makes files ready on the reserve thread, if fewer than {@link #LOW} are. */
    void topUpSoon() {
        synchronized (lock) {
            promoteDurable();
            topUpIfLow();
        }
    }

    /** Ready files; for tests. */
    int readyCount() {
        synchronized (lock) {
            promoteDurable();
            return ready.size();
        }
    }

    /** Files in the pool, ready or not; for tests. */
    int size() {
        synchronized (lock) {
            return count();
        }
    }

    private int count() {
        return ready.size() + pending.size();
    }

    private void promoteDurable() {
        while (!pending.isEmpty() && queueSyncer.durableSince(pending.peekFirst().ticket())) {
            ready.addLast(pending.pollFirst());
        }
    }

    /** Call holding the lock. */
    private void topUpIfLow() {
        if (ready.size() >= LOW || topUpQueued || closed) {
            return;
        }
        topUpQueued = true;
        reserver.execute(this::topUp);
    }

    /** On the reserve thread: new empty files up to {@link #TARGET}, then one queue/ fsync for them and the renames. */
    private void topUp() {
        try {
            int missing;
            synchronized (lock) {
                missing = TARGET - count();
            }
            for (int i = 0; i < missing; i++) {
                QueueId id = QueueId.next(System.currentTimeMillis());
                Files.createFile(fileOf.apply(id));
                long ticket = queueSyncer.ticket(); // taken after the creation: a fsync begun later covers it
                synchronized (lock) {
                    owned.add(id);
                    pending.addLast(new Reserved(id, 0, ticket));
                }
            }
            boolean waiting;
            synchronized (lock) {
                waiting = !pending.isEmpty();
            }
            if (waiting) {
                queueSyncer.sync().join();
            }
            failing = false;
        } catch (IOException | RuntimeException e) {
            // Messages take the tmp/ path meanwhile; the next take() tries again.
            if (!failing) {
                LOG.warn("event=spool_reserve_failed error=\"{}\" (messages are written to tmp/ and renamed meanwhile)",
                        e.getMessage());
            }
            failing = true;
        } finally {
            synchronized (lock) {
                topUpQueued = false;
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        reserver.shutdown();
        try {
            reserver.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
