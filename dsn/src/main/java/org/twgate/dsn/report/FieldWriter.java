package org.twgate.dsn.report;

import java.nio.charset.StandardCharsets;

/**
 * Renders {@code Name: value} lines: controls (CR, LF, NUL, TAB...) replaced by spaces so a
 * value quoted from a remote server cannot start a field of its own, and long values folded
 * at spaces (RFC 5322 §2.2.3) to keep lines under 78 characters where the text allows and
 * always under the 998-octet limit.
 */
final class FieldWriter {

    private static final int SOFT_LIMIT = 78;
    private static final int HARD_LIMIT = 900;

    private final StringBuilder out;

    FieldWriter(StringBuilder out) {
        this.out = out;
    }

    FieldWriter field(String name, String value) {
        String clean = sanitise(value);
        int lineLength = name.length() + 1;
        out.append(name).append(':');
        for (String word : clean.split(" ", -1)) {
            if (lineLength + 1 + word.length() > SOFT_LIMIT && lineLength > name.length() + 1) {
                out.append("\r\n");
                lineLength = 0;
            }
            while (word.length() > HARD_LIMIT) {
                // A single word past the hard limit: break it, the only way to stay valid.
                out.append(' ').append(word, 0, HARD_LIMIT).append("\r\n");
                word = word.substring(HARD_LIMIT);
                lineLength = 0;
            }
            out.append(' ').append(word);
            lineLength += 1 + word.length();
        }
        out.append("\r\n");
        return this;
    }

    /** Controls become spaces and runs of spaces collapse: the value stays one logical line. */
    static String sanitise(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        boolean space = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean blank = c <= 0x20 || c == 0x7f;
            if (blank) {
                if (!space && sb.length() > 0) {
                    sb.append(' ');
                }
                space = true;
            } else {
                sb.append(c);
                space = false;
            }
        }
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') {
            end--;
        }
        return sb.substring(0, end);
    }

    static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }

    static byte[] bytes(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
