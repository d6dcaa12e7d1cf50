package org.twgate.config.migrate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.twgate.config.Source;
import org.twgate.config.qmail.QmailNote;

/**
 * The files of a qmail host, named as qmail names them ({@code /var/qmail/control/me}) and
 * read under {@code root} ({@code /} on the host itself, a fixture directory in tests). Only
 * reads; remembers which files it read and notes the ones it could not.
 */
public final class QmailTree {
    private final Path root;
    private final List<String> read = new ArrayList<>();
    private final List<QmailNote> notes = new ArrayList<>();

    public QmailTree(Path root) {
        this.root = root;
    }

    /** Where {@code path} (absolute, qmail's name) is on this machine. */
    public Path resolve(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return relative.isEmpty() ? root : root.resolve(relative);
    }

    /** The lines of {@code path}, or empty if there is no such file (or it cannot be read: noted). */
    public Optional<List<String>> read(String path) {
        Path file = resolve(path);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes)).toString();
            List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
            if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                lines.remove(lines.size() - 1);
            }
            if (!read.contains(path)) {
                read.add(path);
            }
            return Optional.of(lines);
        } catch (IOException e) {
            notes.add(QmailNote.leftOut(new Source(path, 0), "cannot read it: " + e.getMessage()));
            return Optional.empty();
        }
    }

    public boolean isDirectory(String path) {
        return Files.isDirectory(resolve(path));
    }

    /** The {@code .qmail*} file names in directory {@code home}, sorted. */
    public List<String> dotQmailFiles(String home) {
        Path dir = resolve(home);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".qmail"))
                    .filter(n -> Files.isRegularFile(dir.resolve(n))).sorted().toList();
        } catch (IOException e) {
            notes.add(QmailNote.leftOut(new Source(home, 0), "cannot list it: " + e.getMessage()));
            return List.of();
        }
    }

    /** Every file read, in the order read. */
    public List<String> filesRead() {
        return List.copyOf(read);
    }

    public List<QmailNote> notes() {
        return List.copyOf(notes);
    }

    /** {@code a/b} joined as a qmail path. */
    static String join(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }
}
