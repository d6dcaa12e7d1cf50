package org.twgate.config.qmail;

import java.util.Objects;
import org.twgate.config.Source;

/**
 * Something {@code twgate import qmail} tells the administrator about one line of a qmail or
 * Teamware file: a part it left out, a difference from qmail it could not avoid, or a fact
 * worth knowing.
 *
 * @param kind    how much it matters
 * @param source  the line ({@code file:line}), or the file alone (line 0)
 * @param message what happened and why, quoting the line where that helps
 */
public record QmailNote(Kind kind, Source source, String message) {

    /** How much a note matters. */
    public enum Kind {
        /** Not translated: twgate will not deliver what this line delivered. Exit 1. */
        LEFT_OUT,
        /** Translated, but twgate will not do exactly what qmail did. */
        WARNING,
        /** Read and understood; nothing to translate (or nothing changes). */
        INFO
    }

    public QmailNote {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
    }

    public static QmailNote leftOut(Source source, String message) {
        return new QmailNote(Kind.LEFT_OUT, source, message);
    }

    public static QmailNote warning(Source source, String message) {
        return new QmailNote(Kind.WARNING, source, message);
    }

    public static QmailNote info(Source source, String message) {
        return new QmailNote(Kind.INFO, source, message);
    }

    /** {@code file:line: left out: message} (the word names the kind), as the importer prints it. */
    @Override
    public String toString() {
        String word = switch (kind) {
            case LEFT_OUT -> "left out: ";
            case WARNING -> "warning: ";
            case INFO -> "";
        };
        return source + ": " + word + message;
    }
}
