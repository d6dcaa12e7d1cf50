package org.twgate.gateway.spool;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Spool files of finished messages ({@code free/}), kept so that new messages are written over
 * them instead of into new files. Creating a file costs a new inode, and ext4 (without a
 * journal, as on this project's machines) then steps over every inode freed in the last
 * seconds: at a thousand messages a second, creating the file took 82 µs of the 530 µs between
 * the end of data and the {@code 250}. A recycled file also has its blocks allocated already, so
 * its fsync mostly writes data.
 *
 * <p>A file here holds a finished message and nothing anyone needs. The pool is bounded
 * ({@link #MAX_FILES} files, {@link #MAX_OCTETS} in all, none over {@link #MAX_FILE_OCTETS});
 * what does not fit is deleted, as before. At start the pool takes back what an earlier run
 * left here.
 *
 * <p>A file is written over only once its move out of {@code queue/} is durable (a fsync of
 * {@code queue/} begun after the move has finished; every commit makes one). Otherwise a power
 * failure could bring the finished message's old name back, pointing at a new message's
 * half-written bytes.
 */
final class RecycledFiles {
    static final int MAX_FILES = 256;
    static final long MAX_OCTETS = 64L << 20;
    /**
     * Large files are deleted: written over, a 1 MiB file made relaying 1 MiB messages slower
     * (180-200 against 262-292 msgs/s, 5 against 4 ms CPU each); creating is cheap next to them.
     */
    static final long MAX_FILE_OCTETS = 256 << 10;

    private record Kept(Path file, long octets, long ticket) {
    }

    private final Path dir;
    private final DirectorySyncer queueSyncer;
    private final Deque<Kept> files = new ArrayDeque<>();
    private long octets;
    private final AtomicLong names = new AtomicLong();
    private final String prefix = Long.toString(System.currentTimeMillis(), 36) + "-";

    /** Files left in {@code dir} by an earlier run are kept (their moves were made before this start). */
    RecycledFiles(Path dir, DirectorySyncer queueSyncer) throws IOException {
        this.dir = dir;
        this.queueSyncer = queueSyncer;
        Files.createDirectories(dir);
        try (DirectoryStream<Path> left = Files.newDirectoryStream(dir)) {
            for (Path file : left) {
                long size = Files.isRegularFile(file) ? Files.size(file) : Long.MAX_VALUE;
                if (fits(size)) {
                    files.add(new Kept(file, size, -1));
                    octets += size;
                } else {
                    Files.deleteIfExists(file);
                }
            }
        }
        if (!files.isEmpty()) {
            queueSyncer.syncNow(); // makes the earlier run's moves out of queue/ durable
        }
    }

    /** Moves a kept file to {@code target} (which must not exist); false when none may be used yet. */
    boolean takeInto(Path target) {
        Kept kept;
        synchronized (files) {
            kept = files.peekFirst();
            if (kept == null || !queueSyncer.durableSince(kept.ticket())) {
                return false;
            }
            files.pollFirst();
            octets -= kept.octets();
        }
        try {
            Files.move(kept.file(), target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(kept.file());
            } catch (IOException ignored) {
                // a file left in free/ is taken back or deleted at the next start
            }
            return false;
        }
    }

    /** Keeps {@code finished} for reuse, or deletes it (pool full, or the file is large). */
    void give(Path finished) throws IOException {
        long size;
        try {
            size = Files.size(finished);
        } catch (NoSuchFileException e) {
            return;
        }
        boolean room;
        synchronized (files) {
            room = fits(size);
            if (room) {
                octets += size; // reserved now, so two threads cannot both take the last room
            }
        }
        if (!room) {
            Files.deleteIfExists(finished);
            return;
        }
        Path kept = dir.resolve(prefix + names.incrementAndGet());
        try {
            Files.move(finished, kept, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            synchronized (files) {
                octets -= size;
            }
            if (e instanceof NoSuchFileException) {
                return;
            }
            throw e;
        }
        long ticket = queueSyncer.ticket(); // taken after the move: a fsync begun later covers it
        synchronized (files) {
            files.addLast(new Kept(kept, size, ticket));
        }
    }

    /** Whether a file of {@code size} octets may join the pool (call holding the lock). */
    private boolean fits(long size) {
        return size <= MAX_FILE_OCTETS && files.size() < MAX_FILES && octets + size <= MAX_OCTETS;
    }

    int size() {
        synchronized (files) {
            return files.size();
        }
    }
}
