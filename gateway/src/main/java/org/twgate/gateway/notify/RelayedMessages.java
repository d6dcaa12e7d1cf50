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
 * message ({@code message-id TAB envid TAB address=orcpt …}); when it passes half the bound it
 * becomes {@code relayed.log.old} (replacing the previous one) and a new file starts. So at
 * most {@code maxBytes} on disk and in memory, and a bounce is matched if it comes back within
 * one to two generations. Appends are not fsynced: a record lost in a crash only means a
 * converted bounce without ENVID/ORCPT, never a lost message. Thread-safe.
 */
public final class RelayedMessages {
    private static final String CURRENT = "relayed.log";
    private static final String OLD = "relayed.log.old";

    /** What was sent: ENVID as xtext (or null) and, per address sent to, the ORCPT value. */
    public record Relayed(String envid, Map<String, String> orcptByAddress) {
    }

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

    /** Records one relayed message; a Message-ID with white space or none at all is not recorded. */
    public synchronized void record(String messageId, String envid, Map<String, String> orcptByAddress)
            throws IOException {
        String key = normalise(messageId);
        if (key.isEmpty() || key.chars().anyMatch(c -> c <= ' ') || orcptByAddress.isEmpty()) {
            return;
        }
        StringBuilder line = new StringBuilder(key).append('\t').append(envid == null ? "-" : envid);
        orcptByAddress.forEach((address, orcpt) -> line.append('\t').append(address).append('=').append(orcpt));
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
        byMessageId.put(key, new Relayed(envid, Map.copyOf(orcptByAddress)));
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
            for (int i = 2; i < fields.length; i++) {
                int eq = fields[i].lastIndexOf('=');
                if (eq > 0) {
                    orcpts.put(fields[i].substring(0, eq), fields[i].substring(eq + 1));
                }
            }
            byMessageId.put(fields[0], new Relayed(fields[1].equals("-") ? null : fields[1], Map.copyOf(orcpts)));
        }
        return Files.size(file);
    }

    private static String normalise(String messageId) {
        return messageId == null ? "" : messageId.strip();
    }
}
