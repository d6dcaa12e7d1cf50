package org.twgate.gateway.spool;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spool directory: {@code tmp/} (messages being received), {@code queue/} (committed
 * messages {@code ID.msg} and their journals {@code ID.log}), {@code corrupt/} (files that
 * could not be read back, kept for an operator) and {@code free/} (files of finished messages
 * kept to be written over, see {@link RecycledFiles}). The layout is documented in README.md.
 */
public final class Spool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
    private static final String MESSAGE_SUFFIX = ".msg";
    private static final String JOURNAL_SUFFIX = ".log";
    /** A small message in one read; large ones are copied by callers in their own chunks. */
    private static final int CONTENT_BUFFER = 16 << 10;

    private final Path root;
    private final Path tmp;
    private final Path queue;
    private final Path corrupt;
    private final RecycledFiles recycled;
    private final ExecutorService io;
    private final DirectorySyncer queueSyncer;
    private final ContentBudget contentBudget =
            new ContentBudget(IncomingMessage.SPOOL_HIGH_WATERMARK, IncomingMessage.SPOOL_LOW_WATERMARK);
    private final Object inFlightLock = new Object();
    private int inFlight;
    private final SpoolLock lock;

    private Spool(Path root, int ioThreads) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.tmp = this.root.resolve("tmp");
        this.queue = this.root.resolve("queue");
        this.corrupt = this.root.resolve("corrupt");
        for (Path dir : List.of(this.root, tmp, queue, corrupt)) {
            Files.createDirectories(dir);
        }
        this.lock = SpoolLock.acquire(this.root);
        probeWritable();
        this.io = Executors.newFixedThreadPool(ioThreads, named("twgate-spool-io"));
        this.queueSyncer = new DirectorySyncer(queue);
        this.recycled = new RecycledFiles(this.root.resolve("free"), queueSyncer);
    }

    /** Opens (creating if needed) the spool at {@code root}; leftovers in {@code tmp/} are removed. */
    public static Spool open(Path root, int ioThreads) throws IOException {
        Spool spool = new Spool(root, ioThreads);
        int removed = spool.clearTmp();
        if (removed > 0) {
            LOG.info("spool={} removed={} unfinished messages left in tmp/ by an earlier run (never acknowledged)",
                    spool.root, removed);
        }
        return spool;
    }

    public Path root() {
        return root;
    }

    Path tmpDir() {
        return tmp;
    }

    public Path queueDir() {
        return queue;
    }

    /** Content of all incoming messages waiting for the disk. */
    ContentBudget contentBudget() {
        return contentBudget;
    }

    RecycledFiles recycled() {
        return recycled;
    }

    Path messageFile(QueueId id) {
        return queue.resolve(id.value() + MESSAGE_SUFFIX);
    }

    private Path journalFile(QueueId id) {
        return queue.resolve(id.value() + JOURNAL_SUFFIX);
    }

    /** Starts receiving a message; {@code prefix} (the Received: header) precedes its content. */
    public IncomingMessage receive(QueueId id, Envelope envelope, byte[] prefix) {
        synchronized (inFlightLock) {
            inFlight++;
        }
        return new IncomingMessage(id, envelope, prefix, this, io);
    }

    /** An incoming message was committed or abandoned: its chain of I/O tasks is over. */
    void settled() {
        synchronized (inFlightLock) {
            inFlight--;
            inFlightLock.notifyAll();
        }
    }

    /** Waits for messages still being written (their tasks would be rejected by a closed executor). */
    private void awaitInFlight(long millis) {
        long deadline = System.currentTimeMillis() + millis;
        synchronized (inFlightLock) {
            while (inFlight > 0) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    LOG.warn("event=spool_close_with_messages_in_flight count={} (their temporary files go at the next start)",
                            inFlight);
                    return;
                }
                try {
                    inFlightLock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    CompletableFuture<Void> syncQueueDirectory() {
        return queueSyncer.sync();
    }

    /** Every committed message, oldest first; unreadable files are moved to {@code corrupt/}. */
    public List<StoredMessage> recover() throws IOException {
        List<StoredMessage> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(queue, "*" + MESSAGE_SUFFIX)) {
            for (Path file : files) {
                try {
                    found.add(read(file));
                } catch (SpoolFormatException e) {
                    LOG.error("spool file unreadable, moved to corrupt/: {}", e.getMessage());
                    Files.move(file, corrupt.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Collections.sort(found, (a, b) -> a.id().compareTo(b.id()));
        return found;
    }

    /** Reads one committed message's envelope. */
    public StoredMessage read(Path file) throws IOException {
        long size = Files.size(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 8192)) {
            EnvelopeCodec.Decoded decoded = EnvelopeCodec.decode(in, file.toString());
            return new StoredMessage(decoded.id(), decoded.envelope(), file, decoded.contentOffset(),
                    size - decoded.contentOffset());
        }
    }

    public StoredMessage read(QueueId id) throws IOException {
        return read(messageFile(id));
    }

    public boolean contains(QueueId id) {
        return Files.exists(messageFile(id));
    }

    /**
     * The message content (CRLF line endings, not dot-stuffed), starting after the envelope.
     * Buffered: header scanners read it an octet at a time, and a channel stream would make
     * each of those a system call.
     */
    public InputStream openContent(StoredMessage message) throws IOException {
        FileChannel channel = FileChannel.open(message.file(), StandardOpenOption.READ);
        channel.position(message.contentOffset());
        return new BufferedInputStream(Channels.newInputStream(channel), CONTENT_BUFFER);
    }

    /**
     * Up to {@code max} octets of a queued message's content, for an operator's look. The file's
     * identity is checked again after reading: a message that finished meanwhile had its file
     * moved to {@code free/}, perhaps to be written over by another message, whose bytes must not
     * be shown as this one's.
     *
     * @throws NoSuchFileException when the message is not (or no longer) in the queue
     */
    public byte[] peekContent(QueueId id, int max) throws IOException {
        Path file = messageFile(id);
        Object before = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        byte[] bytes;
        try (InputStream in = openContent(read(file))) {
            bytes = in.readNBytes(max);
        }
        Object after = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        if (before == null || !before.equals(after)) {
            throw new NoSuchFileException(file.toString(), null, "the message finished while being read");
        }
        return bytes;
    }

    /**
     * Appends journal lines. Not fsynced: after a power failure (not a process crash) the last
     * records may be missing, which can only make twgate deliver a recipient a second time.
     */
    public void append(QueueId id, List<JournalRecord> records) throws IOException {
        StringBuilder text = new StringBuilder();
        records.forEach(r -> text.append(r.format()));
        Files.writeString(journalFile(id), text, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    public List<JournalRecord> journal(QueueId id) throws IOException {
        List<JournalRecord> records = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(journalFile(id), StandardCharsets.UTF_8)) {
                JournalRecord record = JournalRecord.parse(line);
                if (record != null) {
                    records.add(record);
                }
            }
        } catch (NoSuchFileException e) {
            // No journal yet: nothing was attempted, or every attempt so far left no trace.
        }
        return records;
    }

    /**
     * Removes a finished message (its file is kept in {@code free/} for a new one when small).
     * The journal goes last, so a crash in between leaves a record.
     */
    public void remove(QueueId id) throws IOException {
        recycled.give(messageFile(id));
        Files.deleteIfExists(journalFile(id));
    }

    private int clearTmp() throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
                removed++;
            }
        }
        return removed;
    }

    private void probeWritable() throws IOException {
        Path probe = tmp.resolve(".probe");
        Files.writeString(probe, "twgate");
        Files.delete(probe);
    }

    /** Usable octets on the spool's file system, for readiness checks. */
    public long usableSpace() throws IOException {
        return Files.getFileStore(queue).getUsableSpace();
    }

    @Override
    public void close() {
        awaitInFlight(30_000);
        io.shutdown();
        try {
            if (!io.awaitTermination(30, TimeUnit.SECONDS)) {
                io.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            io.shutdownNow();
        }
        queueSyncer.close();
        lock.close();
    }

    /** The control socket of the instance that owns this spool (see queue.control). */
    public Path controlSocket() {
        return controlSocket(root);
    }

    /** Where the instance owning the spool at {@code root} listens for {@code twgate queue} and {@code reload}. */
    public static Path controlSocket(Path root) {
        return root.resolve("control.sock");
    }

    static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
