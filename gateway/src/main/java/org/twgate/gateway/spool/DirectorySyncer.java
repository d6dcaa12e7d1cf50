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
 * directory is fsynced, and one fsync covers every rename made before it started. Callers
 * queue a request after their rename; a single thread fsyncs and completes every request that
 * was waiting, so N concurrent commits cost one directory fsync, not N.
 */
final class DirectorySyncer implements AutoCloseable {
    private final Path directory;
    private final Thread thread;
    private final Object lock = new Object();
    private List<CompletableFuture<Void>> waiting = new ArrayList<>();
    private boolean closed;

    DirectorySyncer(Path directory) {
        this.directory = directory;
        this.thread = new Thread(this::run, "twgate-spool-dirsync");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Completes once a directory fsync that started after this call has finished. */
    CompletableFuture<Void> sync() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (lock) {
            if (closed) {
                done.completeExceptionally(new IOException("spool is closed"));
                return done;
            }
            waiting.add(done);
            lock.notifyAll();
        }
        return done;
    }

    private void run() {
        while (true) {
            List<CompletableFuture<Void>> batch;
            synchronized (lock) {
                while (waiting.isEmpty() && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (waiting.isEmpty()) {
                    return;
                }
                batch = waiting;
                waiting = new ArrayList<>();
            }
            try {
                fsync(directory);
                batch.forEach(f -> f.complete(null));
            } catch (IOException e) {
                batch.forEach(f -> f.completeExceptionally(e));
            }
        }
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
            lock.notifyAll();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
