package org.twgate.gateway.notify;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
    private final Map<String, Relayed> byMessageId = new HashMap<>();
    private long currentBytes;

    private RelayedMessages(Path dir, long maxBytes) {
        this.dir = dir;
        this.generationBytes = Math.max(4096, maxBytes / 2);
    }

    /** Opens (or creates) the record in {@code dir}, loading both generations. */
    public static RelayedMessages open(Path dir, long maxBytes) throws IOException {
        Files.createDirectories(dir);
        RelayedMessages store = new RelayedMessages(dir, maxBytes);
        store.load(dir.resolve(OLD));
        store.currentBytes = store.load(dir.resolve(CURRENT));
        return store;
    }

    public synchronized Optional<Relayed> find(String messageId) {
        return Optional.ofNullable(byMessageId.get(normalise(messageId)));
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
        try (Writer w = Files.newBufferedWriter(dir.resolve(CURRENT), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            w.write(line.toString());
        }
        currentBytes += bytes.length;
        Map<String, String> notifies = new LinkedHashMap<>(notifyByAddress);
        notifies.keySet().retainAll(orcptByAddress.keySet());
        byMessageId.put(key, new Relayed(envid, orcptByAddress, notifies));
    }

    private void rotate() throws IOException {
        Path current = dir.resolve(CURRENT);
        if (Files.exists(current)) {
            Files.move(current, dir.resolve(OLD), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        byMessageId.clear();
        load(dir.resolve(OLD));
        currentBytes = 0;
    }

    /** Loads one generation; a torn or foreign line is skipped. Returns the file's size. */
    private long load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines) {
            String[] fields = line.split("\t");
            if (fields.length < 3) {
                continue;
            }
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
            byMessageId.put(fields[0], new Relayed(fields[1].equals("-") ? null : fields[1], orcpts, notifies));
        }
        return Files.size(file);
    }

    private static String normalise(String messageId) {
        return messageId == null ? "" : messageId.strip();
    }
}
