package org.twgate.gateway.spool;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A message being received: content chunks handed over by the SMTP server (from a Netty
 * event loop, which must never wait on the disk) are written in order on the spool's I/O
 * executor. {@link #commit()} fsyncs, renames into {@code queue/} and waits for the group
 * directory fsync; only then may the server answer {@code 250}.
 *
 * <p>Not thread-safe for callers: one event loop drives one instance. The chained tasks run one
 * at a time, in order, possibly on different executor threads.
 */
public final class IncomingMessage {
    /** Above this many octets waiting for the disk, the server stops reading from the client. */
    public static final long HIGH_WATERMARK = 1 << 20;
    private static final long LOW_WATERMARK = 256 << 10;
    /**
     * The same for all sessions together: above it every session that hands over content pauses
     * until the sum is back at the low mark. 8 MiB keeps eight streaming sessions at full
     * pipelining and bounds what hundreds of them hold (README "Memory").
     */
    public static final long SPOOL_HIGH_WATERMARK = 8 << 20;
    static final long SPOOL_LOW_WATERMARK = 4 << 20;

    private final QueueId id;
    private final Envelope envelope;
    private final Spool spool;
    private final Executor io;
    private final Path tmpFile;
    private final byte[] head;
    private final AtomicLong pending = new AtomicLong();
    private volatile Runnable drainListener;
    private CompletableFuture<Void> tail;
    private FileChannel channel;
    /** The file is a finished message's, written over: cut to length before the fsync. */
    private boolean recycled;
    private long contentOffset;
    private long written;

    IncomingMessage(QueueId id, Envelope envelope, byte[] prefix, Spool spool, Executor io) {
        this.id = id;
        this.envelope = envelope;
        this.spool = spool;
        this.io = io;
        this.tmpFile = spool.tmpDir().resolve(id.value());
        byte[] envelopeBytes = EnvelopeCodec.encode(id, envelope);
        this.contentOffset = envelopeBytes.length;
        this.head = new byte[envelopeBytes.length + prefix.length];
        System.arraycopy(envelopeBytes, 0, head, 0, envelopeBytes.length);
        System.arraycopy(prefix, 0, head, envelopeBytes.length, prefix.length);
        // The file is created by the first task that needs it: a small message is then created,
        // written, fsynced and renamed by one task on one thread.
        this.tail = CompletableFuture.completedFuture(null);
    }

    public QueueId id() {
        return id;
    }

    public Envelope envelope() {
        return envelope;
    }

    /**
     * Queues a chunk of message content (ownership passes here; it is released once written).
     *
     * @return true when the caller should stop reading until {@link #onDrained} fires
     */
    public boolean write(ByteBuf chunk) {
        int size = chunk.readableBytes();
        long now = pending.addAndGet(size);
        boolean spoolFull = spool.contentBudget().take(size);
        tail = tail.thenRunAsync(() -> writeChunk(chunk), io)
                .whenComplete((ok, failure) -> {
                    if (failure != null && chunk.refCnt() > 0) {
                        chunk.release(chunk.refCnt());
                    }
                    spool.contentBudget().give(size);
                    released(size);
                });
        return now > HIGH_WATERMARK || spoolFull;
    }

    /**
     * Runs {@code listener} once, on an I/O thread (or this one), when this message's queued
     * content and the spool's are both at their low marks.
     */
    public void onDrained(Runnable listener) {
        drainListener = () -> spool.contentBudget().whenLow(listener);
        released(0);
    }

    private void released(long size) {
        if (pending.addAndGet(-size) <= LOW_WATERMARK) {
            Runnable listener = drainListener;
            if (listener != null) {
                drainListener = null;
                listener.run();
            }
        }
    }

    /** Makes the message durable in {@code queue/}; completes with what was stored. */
    public CompletableFuture<StoredMessage> commit() {
        return commit(null);
    }

    /**
     * Writes {@code last} (the final chunk, ownership passes here; may be null) and makes the
     * message durable, in one task.
     */
    public CompletableFuture<StoredMessage> commit(ByteBuf last) {
        // The reader waits for the commit now, not for the disk to drain: resuming it on a drain
        // would let a client that does not wait for 250 fill the server's buffer meanwhile.
        drainListener = null;
        return tail.thenApplyAsync(ignored -> {
                    if (last != null) {
                        writeChunk(last);
                    }
                    return persist();
                }, io)
                .whenComplete((stored, failure) -> {
                    if (failure != null && last != null && last.refCnt() > 0) {
                        last.release(last.refCnt());
                    }
                })
                .thenCompose(stored -> spool.syncQueueDirectory().thenApply(done -> stored))
                .whenComplete((stored, failure) -> {
                    if (failure != null) {
                        discard();
                    }
                    spool.settled();
                });
    }

    /** Forgets the message: the client went away, or it was refused after DATA. */
    public void abort() {
        tail = tail.handleAsync((ok, failure) -> {
            discard();
            spool.settled();
            return null;
        }, io);
    }

    private void open() {
        try {
            recycled = spool.recycled().takeInto(tmpFile);
            channel = recycled ? FileChannel.open(tmpFile, StandardOpenOption.WRITE)
                    : FileChannel.open(tmpFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            writeFully(ByteBuffer.wrap(head));
        } catch (IOException e) {
            throw new SpoolIoException("cannot create " + tmpFile, e);
        }
    }

    private void writeChunk(ByteBuf chunk) {
        if (channel == null) {
            open();
        }
        try {
            for (ByteBuffer buffer : chunk.nioBuffers()) {
                written += buffer.remaining();
                writeFully(buffer);
            }
        } catch (IOException e) {
            throw new SpoolIoException("cannot write " + tmpFile, e);
        } finally {
            chunk.release();
        }
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private StoredMessage persist() {
        if (channel == null) {
            open();
        }
        Path target = spool.messageFile(id);
        try {
            if (recycled) {
                channel.truncate(channel.position()); // what an older, longer message left beyond ours
            }
            channel.force(false);
            channel.close();
            channel = null;
            Files.move(tmpFile, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new SpoolIoException("cannot commit " + tmpFile + " to " + target, e);
        }
        long prefixLength = head.length - contentOffset;
        return new StoredMessage(id, envelope, target, contentOffset, prefixLength + written);
    }

    private void discard() {
        try {
            if (channel != null) {
                channel.close();
                channel = null;
            }
            Files.deleteIfExists(tmpFile);
        } catch (IOException e) {
            // A leftover temporary file is removed at the next start; nothing more to do here.
        }
    }
}
