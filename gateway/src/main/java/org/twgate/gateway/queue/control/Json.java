package org.twgate.gateway.queue.control;

/**
 * JSON string literals for the flat objects twgate writes by hand ({@code twgate queue --json},
 * the status page's {@code status.json}). Besides what JSON requires, {@code < > &} and U+2028/9
 * are written as escapes, so a value from outside (an address, a reply) cannot end a script or
 * HTML context if a page embeds the text.
 */
public final class Json {
    private Json() {
    }

    public static String string(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
