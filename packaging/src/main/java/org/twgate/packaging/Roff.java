package org.twgate.packaging;

/**
 * Text made safe for roff (man(7)): backslashes and hyphen-minus escaped, a line that would
 * start with a control character ({@code .} or {@code '}) protected with {@code \&}.
 */
final class Roff {
    private Roff() {
    }

    /** One line of running text; {@code -} becomes {@code \-} so options can be searched and copied. */
    static String text(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\e");
                case '-' -> out.append("\\-");
                case '\n' -> throw new IllegalArgumentException("a newline inside one line of roff text: '" + s + "'");
                default -> out.append(c);
            }
        }
        return out.length() > 0 && (out.charAt(0) == '.' || out.charAt(0) == '\'') ? "\\&" + out : out.toString();
    }

    static String bold(String s) {
        return "\\fB" + text(s) + "\\fR";
    }

    static String italic(String s) {
        return "\\fI" + text(s) + "\\fR";
    }

    /** A macro argument: quoted, with quotes inside doubled as groff reads them. */
    static String quoted(String s) {
        return "\"" + text(s).replace("\"", "\"\"") + "\"";
    }
}
