package org.twgate.config;

import java.util.Objects;

/**
 * One thing wrong with the configuration, already phrased for the operator.
 *
 * @param where   {@code file:line} or {@code env TWGATE_...}: where to look
 * @param message what is wrong, quoting the bad value; a control character in it (a CR, a NUL
 *                from the file) is written {@code \xHH}, so a problem is always one clean line
 */
public record Problem(String where, String message) {

    public Problem {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(message, "message");
        where = visible(where);
        message = visible(message);
    }

    private static String visible(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || c >= 0x7f && c <= 0x9f;
            if (control && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                out.append(control ? String.format("\\x%02X", (int) c) : String.valueOf(c));
            }
        }
        return out == null ? text : out.toString();
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
