package org.twgate.config;

import java.util.Objects;

/**
 * One thing wrong with the configuration, already phrased for the operator.
 *
 * @param where   {@code file:line} or {@code env TWGATE_...}: where to look
 * @param message what is wrong, quoting the bad value
 */
public record Problem(String where, String message) {

    public Problem {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(message, "message");
    }

    public static Problem at(Source source, String message) {
        return new Problem(source.toString(), message);
    }

    /** {@code where: message}, the form {@code twgate check} prints. */
    @Override
    public String toString() {
        return where + ": " + message;
    }
}
