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
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spool directory: {@code queue/} (committed messages {@code ID.msg}, their journals
 * {@code ID.log}, and reserved files under the names of messages still to come, see
 * {@link ReservedFiles}), {@code tmp/} (messages being received when no reserved file was
 * ready) and {@code corrupt/} (files that could not be read back, kept for an operator). The
 * layout is documented in README.md.
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
    private final ReservedFiles reserved;
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
        this.reserved = new ReservedFiles(this::messageFile, queueSyncer);
    }

    /** Opens (creating if needed) the spool at {@code root}; leftovers in {@code tmp/} are removed. */
    public static Spool open(Path root, int ioThreads) throws IOException {
        Spool spool = new Spool(root, ioThreads);
        int removed = spool.clearTmp();
        spool.removeFormerFreeDirectory();
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

    ReservedFiles reserved() {
        return reserved;
    }

    Path messageFile(QueueId id) {
        return queue.resolve(id.value() + MESSAGE_SUFFIX);
    }

    private Path journalFile(QueueId id) {
        return queue.resolve(id.value() + JOURNAL_SUFFIX);
    }

    /**
     * Starts receiving a message under a new id, into a reserved file when one is ready;
     * {@code prefix} (the Received: header, which names the id) precedes its content.
     */
    public IncomingMessage receive(Envelope envelope, Function<QueueId, byte[]> prefix) {
        QueueId id = reserved.take();
        if (id == null) {
            QueueId fresh = QueueId.next(System.currentTimeMillis());
            return receive(fresh, envelope, prefix.apply(fresh));
        }
        started();
        return new IncomingMessage(id, true, envelope, prefix.apply(id), this, io);
    }

    /** Starts receiving a message under {@code id} (through {@code tmp/}); {@code prefix} precedes its content. */
    public IncomingMessage receive(QueueId id, Envelope envelope, byte[] prefix) {
        started();
        return new IncomingMessage(id, false, envelope, prefix, this, io);
    }

    private void started() {
        synchronized (inFlightLock) {
            inFlight++;
        }
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

    /**
     * Makes reserved files ready in the background (after recovery, so that the first messages
     * after a start are written in place too); they are topped up as messages take them.
     */
    public void reserveAhead() {
        reserved.topUpSoon();
    }

    /** Queue directory fsyncs begun so far; for tests. */
    long queueFsyncsStarted() {
        return queueSyncer.ticket();
    }

    CompletableFuture<Void> syncQueueDirectory() {
        return queueSyncer.sync();
    }

    /**
     * Every committed message, oldest arrival first. Files that hold none (reserves: empty, unsealed or
     * another message's) are taken back as reserves; unreadable ones are moved to {@code corrupt/}.
     * Each message file is read whole once, for its checksum.
     */
    public List<StoredMessage> recover() throws IOException {
        List<StoredMessage> found = new ArrayList<>();
        int adopted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(queue, "*" + MESSAGE_SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String idText = name.substring(0, name.length() - MESSAGE_SUFFIX.length());
                if (!QueueId.isQueueId(idText)) {
                    moveToCorrupt(file, file + ": not named by a queue id");
                    continue;
                }
                QueueId id = new QueueId(idText);
                if (reserved.owns(id)) {
                    continue;
                }
                QueueFileCheck.Verdict verdict = QueueFileCheck.check(file, id);
                switch (verdict.kind()) {
                    case RESERVE -> {
                        reserved.adopt(id, verdict.size());
                        adopted++;
                    }
                    case CORRUPT -> moveToCorrupt(file, file + ": " + verdict.reason());
                    case MESSAGE -> {
                        try {
                            found.add(read(file));
                        } catch (SpoolFormatException e) {
                            moveToCorrupt(file, e.getMessage());
                        }
                    }
                }
            }
        }
        if (adopted > 0) {
            reserved.syncNames();
        }
        // By arrival: a reserved file's id is made when it is reserved, not when its message came.
        found.sort(Comparator.comparing((StoredMessage m) -> m.envelope().arrival()).thenComparing(StoredMessage::id));
        return found;
    }

    private void moveToCorrupt(Path file, String why) throws IOException {
        LOG.error("spool file unreadable, moved to corrupt/: {}", why);
        Files.move(file, corrupt.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
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

    /** Whether {@code id} is a committed message (not a reserved file, nor nothing). */
    public boolean contains(QueueId id) throws IOException {
        if (reserved.owns(id)) {
            return false;
        }
        try {
            return QueueFileCheck.check(messageFile(id), id).kind() == QueueFileCheck.Kind.MESSAGE;
        } catch (NoSuchFileException e) {
            return false;
        }
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
     * renamed to a reserve, perhaps to be written over by another message, whose bytes must not
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
     * Removes a finished message (a small one's file is kept as a reserve, under a new id).
     * The journal goes last, so a crash in between leaves a record.
     */
    public void remove(QueueId id) throws IOException {
        reserved.give(messageFile(id));
        Files.deleteIfExists(journalFile(id));
    }

    /**
     * {@link #remove(QueueId)} for a message whose file this process wrote or read (so its size
     * is known without a {@code stat}), by a caller that knows whether it has a journal.
     *
     * @param journalMayExist false only when no journal was ever written for it
     */
    public void remove(StoredMessage message, boolean journalMayExist) throws IOException {
        reserved.give(messageFile(message.id()), message.contentOffset() + message.contentSize());
        if (journalMayExist) {
            Files.deleteIfExists(journalFile(message.id()));
        }
    }

    private int clearTmp() throws IOException {
        return deleteFilesIn(tmp);
    }

    private static int deleteFilesIn(Path dir) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
                removed++;
            }
        }
        return removed;
    }

    /**
     * {@code free/} held finished messages' files to be written over, before they were kept as
     * reserves in {@code queue/}: nothing in it is anyone's mail.
     */
    private void removeFormerFreeDirectory() throws IOException {
        Path free = root.resolve("free");
        if (Files.isDirectory(free)) {
            deleteFilesIn(free);
            Files.delete(free);
        }
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
        reserved.close();
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
