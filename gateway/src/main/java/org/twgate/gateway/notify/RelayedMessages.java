package org.twgate.gateway.notify;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * twgate's own record of the messages it relayed to non-final routes, so that a qmail bounce
 * for one of them (which carries neither ENVID nor ORCPT) can be turned into a report with
 * both restored. Keyed by the original's Message-ID, which the bounce carries in its copy.
 *
 * <p>Persistent and bounded: an append-only file {@code relayed/relayed.log}, one line per
 * message ({@code message-id TAB envid TAB address=orcpt=notify …}, {@code notify} the
 * recipient's NOTIFY or {@code -}; lines written before NOTIFY was kept end at the orcpt); when it passes half the bound it
 * becomes {@code relayed.log.old} (replacing the previous one) and a new file starts. So at
 * most {@code maxBytes} on disk and in memory, and a bounce is matched if it comes back within
 * one to two generations. Appends are not fsynced: a record lost in a crash only means a
 * converted bounce without ENVID/ORCPT, never a lost message. Thread-safe.
 */
public final class RelayedMessages {
    private static final String CURRENT = "relayed.log";
    private static final String OLD = "relayed.log.old";

    /**
     * What was sent: ENVID as xtext (or null) and, per address sent to, the ORCPT value and the
     * client's NOTIFY (absent when it gave none).
     */
    public record Relayed(String envid, Map<String, String> orcptByAddress, Map<String, String> notifyByAddress) {
        public Relayed {
            orcptByAddress = Map.copyOf(orcptByAddress);
            notifyByAddress = Map.copyOf(notifyByAddress);
        }

        public Relayed(String envid, Map<String, String> orcptByAddress) {
            this(envid, orcptByAddress, Map.of());
        }

        /** The NOTIFY {@code address} was relayed with (compared without case), if the client gave one. */
        public Optional<String> notify(String address) {
            return notifyByAddress.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(address))
                    .map(Map.Entry::getValue).findFirst();
        }
    }

    /** A NOTIFY value as stored: conditions joined by commas (ORCPT's xtext never holds '='). */
    private static final java.util.regex.Pattern NOTIFY = java.util.regex.Pattern.compile("[A-Z]+(,[A-Z]+)*|-");

    private final Path dir;
    private final long generationBytes;
    /** Where each record of {@code relayed.log} starts; the lines stay on disk, not on the heap. */
    private LineIndex current = new LineIndex();
    /** The same for {@code relayed.log.old}. */
    private LineIndex old = new LineIndex();
    private long currentBytes;

    private RelayedMessages(Path dir, long maxBytes) {
        this.dir = dir;
        this.generationBytes = Math.min(Integer.MAX_VALUE, Math.max(4096, maxBytes / 2));
    }

    /** Opens (or creates) the record in {@code dir}, indexing both generations. */
    public static RelayedMessages open(Path dir, long maxBytes) throws IOException {
        Files.createDirectories(dir);
        RelayedMessages store = new RelayedMessages(dir, maxBytes);
        store.index(dir.resolve(OLD), store.old);
        store.currentBytes = store.index(dir.resolve(CURRENT), store.current);
        return store;
    }

    /**
     * The newest record of {@code messageId}: read back from the file its line is in. A file
     * that cannot be read counts as no record (the bounce is then converted without ENVID and
     * ORCPT, as for a message relayed before the record began).
     */
    public synchronized Optional<Relayed> find(String messageId) {
        String key = normalise(messageId);
        long hash = LineIndex.hash(key);
        try {
            Optional<Relayed> found = readAt(dir.resolve(CURRENT), current.offset(hash), key);
            return found.isPresent() ? found : readAt(dir.resolve(OLD), old.offset(hash), key);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Octets of heap the record takes (its index; the lines themselves are on disk): for tests. */
    synchronized long heapBytes() {
        return current.heapBytes() + old.heapBytes();
    }

    /** Records one relayed message without NOTIFY values. */
    public void record(String messageId, String envid, Map<String, String> orcptByAddress) throws IOException {
        record(messageId, envid, orcptByAddress, Map.of());
    }

    /**
     * Records one relayed message; a Message-ID with white space or none at all is not recorded.
     *
     * @param notifyByAddress the NOTIFY each address was received with, for those that had one
     */
    public synchronized void record(String messageId, String envid, Map<String, String> orcptByAddress,
            Map<String, String> notifyByAddress) throws IOException {
        String key = normalise(messageId);
        if (key.isEmpty() || key.chars().anyMatch(c -> c <= ' ') || orcptByAddress.isEmpty()) {
            return;
        }
        StringBuilder line = new StringBuilder(key).append('\t').append(envid == null ? "-" : envid);
        orcptByAddress.forEach((address, orcpt) -> line.append('\t').append(address).append('=').append(orcpt)
                .append('=').append(notifyByAddress.getOrDefault(address, "-")));
        line.append('\n');
        byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length > generationBytes || line.chars().anyMatch(c -> c == '\r')) {
            return;
        }
        if (currentBytes + bytes.length > generationBytes) {
            rotate();
        }
        try (OutputStream out = Files.newOutputStream(dir.resolve(CURRENT), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            out.write(bytes);
        }
        current.put(LineIndex.hash(key), (int) currentBytes);
        currentBytes += bytes.length;
    }

    private void rotate() throws IOException {
        Path current = dir.resolve(CURRENT);
        if (Files.exists(current)) {
            Files.move(current, dir.resolve(OLD), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        old = this.current; // its offsets now point into relayed.log.old
        this.current = new LineIndex();
        currentBytes = 0;
    }

    /**
     * Indexes one generation by the Message-ID each line starts with; a later line of the same
     * Message-ID wins. A torn last line (a crash mid-append) is closed with a line break, so the
     * next record starts a line of its own. Returns the file's size.
     */
    private long index(Path file, LineIndex index) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        long offset = 0;
        int last = '\n';
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 << 10)) {
            StringBuilder key = new StringBuilder();
            long lineStart = 0;
            boolean inKey = true;
            for (int b; (b = in.read()) >= 0; offset++) {
                last = b;
                if (b == '\n') {
                    key.setLength(0);
                    inKey = true;
                    lineStart = offset + 1;
                } else if (inKey && b == '\t') {
                    index.put(LineIndex.hash(key.toString()), (int) lineStart);
                    inKey = false;
                } else if (inKey) {
                    key.append((char) b); // Message-IDs are ASCII; another octet only spoils its own key
                }
            }
        }
        if (last != '\n' && file.getFileName().toString().equals(CURRENT)) {
            Files.write(file, new byte[] {'\n'}, StandardOpenOption.APPEND);
            offset++;
        }
        return offset;
    }

    /** The record of {@code key} in the line at {@code offset} of {@code file}, if it is that. */
    private Optional<Relayed> readAt(Path file, int offset, String key) throws IOException {
        if (offset < 0 || !Files.exists(file)) {
            return Optional.empty();
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            long position = offset;
            reading:
            while (line.size() <= generationBytes && channel.read(buffer.clear(), position) > 0) {
                buffer.flip();
                position += buffer.remaining();
                while (buffer.hasRemaining()) {
                    byte b = buffer.get();
                    if (b == '\n') {
                        break reading;
                    }
                    line.write(b);
                }
            }
        }
        String[] fields = line.toString(StandardCharsets.UTF_8).split("\t");
        if (fields.length < 3 || !fields[0].equals(key)) {
            return Optional.empty(); // a torn line, or another Message-ID with the same hash
        }
        return Optional.of(parse(fields));
    }

    private static Relayed parse(String[] fields) {
        Map<String, String> orcpts = new LinkedHashMap<>();
        Map<String, String> notifies = new LinkedHashMap<>();
        for (int i = 2; i < fields.length; i++) {
            String field = fields[i];
            String notify = null;
            int last = field.lastIndexOf('=');
            if (last > 0 && NOTIFY.matcher(field.substring(last + 1)).matches()) {
                notify = field.substring(last + 1);
                field = field.substring(0, last);
            }
            int eq = field.lastIndexOf('=');
            if (eq > 0) {
                orcpts.put(field.substring(0, eq), field.substring(eq + 1));
                if (notify != null && !notify.equals("-")) {
                    notifies.put(field.substring(0, eq), notify);
                }
            }
        }
        return new Relayed(fields[1].equals("-") ? null : fields[1], orcpts, notifies);
    }

    /**
     * Message-ID hash to line offset, open addressing in two arrays: 12 octets a slot, at most
     * 24 a record, whatever the line's length (a record of a thousand recipients costs the heap
     * what one of one does).
     */
    static final class LineIndex {
        private long[] hashes = new long[64];
        private int[] offsets = new int[64];
        private int size;

        /** 64-bit FNV-1a of the key's characters; never 0, which marks a free slot. */
        static long hash(String key) {
            long h = 0xcbf29ce484222325L;
            for (int i = 0; i < key.length(); i++) {
                h = (h ^ key.charAt(i)) * 0x100000001b3L;
            }
            return h == 0 ? 1 : h;
        }

        int offset(long hash) {
            for (int i = slot(hash, hashes.length); hashes[i] != 0; i = (i + 1) & (hashes.length - 1)) {
                if (hashes[i] == hash) {
                    return offsets[i];
                }
            }
            return -1;
        }

        void put(long hash, int offset) {
            if ((size + 1) * 4L > hashes.length * 3L) {
                grow();
            }
            int i = slot(hash, hashes.length);
            while (hashes[i] != 0 && hashes[i] != hash) {
                i = (i + 1) & (hashes.length - 1);
            }
            if (hashes[i] == 0) {
                size++;
            }
            hashes[i] = hash;
            offsets[i] = offset;
        }

        long heapBytes() {
            return hashes.length * 12L;
        }

        private void grow() {
            long[] oldHashes = hashes;
            int[] oldOffsets = offsets;
            hashes = new long[oldHashes.length * 2];
            offsets = new int[oldHashes.length * 2];
            size = 0;
            for (int i = 0; i < oldHashes.length; i++) {
                if (oldHashes[i] != 0) {
                    put(oldHashes[i], oldOffsets[i]);
                }
            }
        }

        private static int slot(long hash, int length) {
            return (int) (hash ^ (hash >>> 32)) & (length - 1);
        }
    }

    private static String normalise(String messageId) {
        return messageId == null ? "" : messageId.strip();
    }
}
