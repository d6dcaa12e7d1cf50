package org.twgate.rewrite.address;

/**
 * An address that does not follow RFC 5321/6531 syntax. The message quotes the input with
 * control characters escaped, so it can never carry a CR or LF into a reply or a log line.
 */
public final class AddressSyntaxException extends IllegalArgumentException {
    private static final int MAX_QUOTED = 200;

    private final String input;
    private final int offset;
    private final String reason;

    public AddressSyntaxException(String input, int offset, String reason) {
        super("invalid address " + quote(input) + ": " + reason
                + (offset >= 0 ? " at offset " + offset : ""));
        this.input = input;
        this.offset = offset;
        this.reason = reason;
    }

    /** The text that failed to parse, unescaped. */
    public String input() {
        return input;
    }

    /** Zero-based offset in {@link #input()} where parsing stopped, or -1 if not positional. */
    public int offset() {
        return offset;
    }

    /** The reason alone, without the quoted input. */
    public String reason() {
        return reason;
    }

    /** Quotes text for a message: double quotes, control characters as {@code \xNN}, cut at 200 chars. */
    public static String quote(String text) {
        if (text == null) {
            return "(null)";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_QUOTED) + 8).append('"');
        for (int i = 0; i < text.length() && i < MAX_QUOTED; i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                out.append("\\r");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\x%02x", (int) c));
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        if (text.length() > MAX_QUOTED) {
            out.append("...");
        }
        return out.append('"').toString();
    }
}
