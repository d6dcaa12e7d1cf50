package org.twgate.gateway.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Group commit for directory fsyncs: a rename into {@code queue/} is durable only once the
 * directory is fsynced, and one fsync covers every rename made before it started. The first
 * committing thread to arrive becomes the leader and fsyncs on its own thread (no hand-off, so a
 * lone message pays no extra thread switch); whoever arrives meanwhile is covered by the
 * leader's next round, so N concurrent commits cost about one directory fsync, not N.
 */
final class DirectorySyncer implements AutoCloseable {
    private final Path directory;
    private final Object lock = new Object();
    private List<CompletableFuture<Void>> waiting = new ArrayList<>();
    private boolean leading;
    private boolean closed;
    /** Rounds of fsync begun so far, and the number of the latest round that finished. */
    private long roundsStarted;
    private volatile long lastRoundDone;

    DirectorySyncer(Path directory) {
        this.directory = directory;
    }

    /**
     * Completes once a directory fsync that started after this call has finished. Call after
     * the rename, from a spool I/O thread: it may fsync on the caller's thread.
     */
    CompletableFuture<Void> sync() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (lock) {
            if (closed) {
                done.completeExceptionally(new IOException("spool is closed"));
                return done;
            }
            waiting.add(done);
            if (leading) {
                return done; // the leader's next round covers it
            }
            leading = true;
        }
        lead();
        return done;
    }

    private void lead() {
        while (true) {
            List<CompletableFuture<Void>> batch;
            long round;
            synchronized (lock) {
                if (waiting.isEmpty()) {
                    leading = false;
                    return;
                }
                batch = waiting;
                waiting = new ArrayList<>();
                round = ++roundsStarted;
            }
            try {
                fsync(directory);
                lastRoundDone = Math.max(lastRoundDone, round);
                batch.forEach(f -> f.complete(null));
            } catch (IOException | RuntimeException e) {
                // A RuntimeException too: left to escape, it would keep `leading` set and every
                // later commit would wait for a round that never comes.
                batch.forEach(f -> f.completeExceptionally(e));
            }
        }
    }

    /** A ticket for "now": {@link #durableSince} tells when a fsync begun after this moment has finished. */
    long ticket() {
        synchronized (lock) {
            return roundsStarted;
        }
    }

    /** Whether a directory fsync that began after {@code ticket} was taken has finished. */
    boolean durableSince(long ticket) {
        return lastRoundDone > ticket;
    }

    /** One fsync of the directory now, on the caller's thread (start-up). */
    void syncNow() throws IOException {
        fsync(directory);
    }

    static void fsync(Path directory) throws IOException {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
    }
}
