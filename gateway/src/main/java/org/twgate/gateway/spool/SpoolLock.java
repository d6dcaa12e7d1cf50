package org.twgate.gateway.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One process at a time owns a spool: two gateways delivering from the same {@code queue/}
 * would deliver every message twice. The lock is the OS's ({@code fcntl}), so it goes with the
 * process, also on {@code kill -9}; {@code twgate queue} uses it to tell a running instance
 * (talk to its control socket) from a stopped one (work on the files).
 */
public final class SpoolLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private SpoolLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static SpoolLock acquire(Path root) throws IOException {
        FileChannel channel = FileChannel.open(root.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new SpoolBusyException(root);
        }
        return new SpoolLock(channel, lock);
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // Closing the channel releases the lock in any case.
        }
    }

    /** The spool is owned by another running twgate (or another Spool in this process). */
    public static final class SpoolBusyException extends IOException {
        private static final long serialVersionUID = 1L;

        SpoolBusyException(Path root) {
            super("spool " + root + " is in use by a running twgate (lock file " + root.resolve("lock") + ")");
        }
    }
}
