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
import java.util.function.Function;
import java.util.zip.CRC32C;

/**
 * A message being received: content chunks handed over by the SMTP server (from a Netty
 * event loop, which must not wait on the disk while it has other sessions to serve) are written
 * in order on the spool's I/O executor; the final write and sync may run on the caller's thread
 * instead ({@link #commit(ByteBuf, boolean)}). Into a reserved file ({@link ReservedFiles}), in place: {@link #commit()} cuts the
 * file to length, writes the {@link Seal} and {@code fdatasync}s it. Otherwise into
 * {@code tmp/}: {@link #commit()} fsyncs, renames into {@code queue/} and waits for the group
 * directory fsync. Only then may the server answer {@code 250}.
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
    /** Written in place into its reserved file in queue/, not in tmp/ and renamed. */
    private final boolean inPlace;
    private final Path file;
    private final byte[] head;
    private final CRC32C checksum = new CRC32C();
    private final AtomicLong pending = new AtomicLong();
    private volatile Runnable drainListener;
    private CompletableFuture<Void> tail;
    private FileChannel channel;
    private long contentOffset;
    private long written;

    IncomingMessage(QueueId id, boolean inPlace, Envelope envelope, byte[] prefix, Spool spool, Executor io) {
        this.id = id;
        this.inPlace = inPlace;
        this.envelope = envelope;
        this.spool = spool;
        this.io = io;
        this.file = inPlace ? spool.messageFile(id) : spool.tmpDir().resolve(id.value());
        byte[] envelopeBytes = EnvelopeCodec.encode(id, envelope);
        this.contentOffset = envelopeBytes.length;
        this.head = new byte[envelopeBytes.length + prefix.length];
        System.arraycopy(envelopeBytes, 0, head, 0, envelopeBytes.length);
        System.arraycopy(prefix, 0, head, envelopeBytes.length, prefix.length);
        checksum.update(head, Seal.COVERED_FROM, head.length - Seal.COVERED_FROM);
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
        return commit(null, false);
    }

    /**
     * Writes {@code last} (the final chunk, ownership passes here; may be null) and makes the
     * message durable, in one task.
     *
     * @param onCallerThread when every earlier chunk is already written, do that task on the
     *        calling thread rather than hand it to the I/O executor: for a caller with nothing
     *        else to do meanwhile (an event loop serving this session alone), the two thread
     *        handoffs cost more than the write and {@code fdatasync} themselves. The returned
     *        future is then complete on return, unless the group directory fsync is still due.
     */
    public CompletableFuture<StoredMessage> commit(ByteBuf last, boolean onCallerThread) {
        // The reader waits for the commit now, not for the disk to drain: resuming it on a drain
        // would let a client that does not wait for 250 fill the server's buffer meanwhile.
        drainListener = null;
        Function<Object, StoredMessage> writeAndPersist = ignored -> {
            if (last != null) {
                writeChunk(last);
            }
            return persist();
        };
        // thenApply on a tail still running would run the task on the I/O thread that ends it.
        CompletableFuture<StoredMessage> persisted = onCallerThread && tail.isDone()
                ? tail.thenApply(writeAndPersist) : tail.thenApplyAsync(writeAndPersist, io);
        return persisted
                .whenComplete((stored, failure) -> {
                    if (failure != null && last != null && last.refCnt() > 0) {
                        last.release(last.refCnt());
                    }
                })
                .thenCompose(stored -> inPlace ? CompletableFuture.completedFuture(stored)
                        : spool.syncQueueDirectory().thenApply(done -> stored))
                .whenComplete((stored, failure) -> {
                    if (failure != null) {
                        discard();
                    } else if (inPlace) {
                        spool.reserved().committed(id);
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
            channel = inPlace ? FileChannel.open(file, StandardOpenOption.WRITE)
                    : FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            writeFully(ByteBuffer.wrap(head));
        } catch (IOException e) {
            throw new SpoolIoException("cannot " + (inPlace ? "open " : "create ") + file, e);
        }
    }

    private void writeChunk(ByteBuf chunk) {
        if (channel == null) {
            open();
        }
        try {
            for (ByteBuffer buffer : chunk.nioBuffers()) {
                written += buffer.remaining();
                int start = buffer.position();
                checksum.update(buffer); // consumes it: back to the start for the write
                buffer.position(start);
                writeFully(buffer);
            }
        } catch (IOException e) {
            throw new SpoolIoException("cannot write " + file, e);
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
            long length = channel.position();
            if (inPlace && channel.size() > length) {
                channel.truncate(length); // what the file's earlier message left beyond this one
            }
            ByteBuffer seal = ByteBuffer.wrap(new Seal(length, (int) checksum.getValue()).line());
            while (seal.hasRemaining()) {
                channel.write(seal, Seal.OFFSET + seal.position());
            }
            // One fdatasync makes content, length and seal durable together; the reserved file's
            // name was made durable before it was handed out (ReservedFiles).
            channel.force(false);
            channel.close();
            channel = null;
            if (!inPlace) {
                Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new SpoolIoException("cannot commit " + file + (inPlace ? "" : " to " + target), e);
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
            if (inPlace) {
                spool.reserved().abandoned(id);
            } else {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // A leftover temporary file is removed at the next start; nothing more to do here.
        }
    }
}
