package org.twgate.config;

import java.util.Objects;

/**
 * Where a rule, route or setting was defined: a file and a 1-based line, so that every
 * log line, refusal and {@code twgate check} listing can point the operator at it.
 *
 * @param file the file as the operator named it, or a label such as {@code <defaults>}
 *             or {@code env TWGATE_...}
 * @param line the 1-based line, or 0 when the origin has no lines (environment)
 */
public record Source(String file, int line) {

    /** The label of the configuration compiled into twgate. */
    public static final String DEFAULTS = "<defaults>";

    public Source {
        Objects.requireNonNull(file, "file");
        if (line < 0) {
            throw new IllegalArgumentException("line < 0: " + line);
        }
    }

    /** {@code file:line}, or just the label when there is no line. */
    @Override
    public String toString() {
        return line == 0 ? file : file + ":" + line;
    }
}
