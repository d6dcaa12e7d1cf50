package org.twgate.gateway.deliver;

/** Guards against CR/LF smuggled into a command line through an envelope value. */
final class WireText {

    private WireText() {
    }

    /** Throws when {@code value} (null allowed) contains CR, LF or NUL, quoting it. */
    static void requireSingleLine(String value, String what) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException(what + " contains a line break or NUL: '"
                        + value.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0") + "'");
            }
        }
    }
}
