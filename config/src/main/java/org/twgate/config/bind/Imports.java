package org.twgate.config.bind;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.twgate.config.ConfigException;
import org.twgate.config.Problem;

/**
 * Reads the qmail and Teamware files a configuration points at. Relative paths are
 * resolved against the configuration file's directory, so a configuration and its
 * control files can move together. Files are read as ISO-8859-1, which never fails to
 * decode: the parsers judge the content and report its {@code file:line}.
 */
final class Imports {

    /** A file's lines and the name its problems are reported under. */
    record Loaded(String name, Path path, List<String> lines) {
    }

    /** A parser that reports all problems of a file at once. */
    @FunctionalInterface
    interface FileParser<T> {
        T parse(String name, List<String> lines) throws ConfigException;
    }

    private final Path baseDirectory;

    Imports(Path baseDirectory) {
        this.baseDirectory = baseDirectory;
    }

    Path resolve(String text) {
        return baseDirectory.resolve(text.strip()).normalize();
    }

    /** The file named by {@code item}, or empty after reporting why it cannot be read. */
    Optional<Loaded> read(Section.Item item, List<Problem> problems) {
        Path path = resolve(item.text());
        try {
            return Optional.of(new Loaded(path.toString(), path, Files.readAllLines(path, StandardCharsets.ISO_8859_1)));
        } catch (NoSuchFileException e) {
            problems.add(item.origin().problem(item.path(), "cannot read '" + path + "': no such file"));
        } catch (AccessDeniedException e) {
            problems.add(item.origin().problem(item.path(), "cannot read '" + path + "': permission denied"));
        } catch (IOException e) {
            problems.add(item.origin().problem(item.path(), "cannot read '" + path + "': " + e.getMessage()));
        }
        return Optional.empty();
    }

    /** Reads and parses; the parser's problems are added under the file's own name. */
    <T> Optional<T> parse(Section.Item item, List<Problem> problems, FileParser<T> parser) {
        Optional<Loaded> loaded = read(item, problems);
        if (loaded.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.parse(loaded.get().name(), loaded.get().lines()));
        } catch (ConfigException e) {
            problems.addAll(e.problems());
            return Optional.empty();
        }
    }

    /** The single path value of {@code key}, if set. */
    static Optional<Section.Item> pathItem(Section section, String key) {
        return section.text(key).filter(t -> !t.isBlank())
                .map(t -> new Section.Item(t, section.originOf(key), section.pathOf(key)));
    }
}
