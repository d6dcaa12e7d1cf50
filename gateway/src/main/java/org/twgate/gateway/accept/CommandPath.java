package org.twgate.gateway.accept;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The argument of MAIL or RCPT, parsed from the raw command line (James's own parameter
 * parsing is unreliable, see NOTES-libraries.md): {@code FROM:<path> KEY=value KEY …}.
 *
 * @param path       what stood between the angle brackets, source route removed
 * @param parameters ESMTP parameters in order, keywords upper-cased, value null when absent
 */
record CommandPath(String path, Map<String, String> parameters) {

    /** Why an argument could not be parsed; {@code reply} is what the client hears. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Reply reply;

        Invalid(Reply reply) {
            super(reply.toString(), null, false, false);
            this.reply = reply;
        }

        Reply reply() {
            return reply;
        }
    }

    /**
     * @param argument everything after the command verb, e.g. {@code FROM:<a@b> SIZE=10}
     * @param keyword  {@code FROM} or {@code TO}
     */
    static CommandPath parse(String argument, String keyword, Reply syntax) throws Invalid {
        if (argument == null || argument.length() < keyword.length() + 1
                || !argument.regionMatches(true, 0, keyword + ":", 0, keyword.length() + 1)) {
            throw new Invalid(syntax);
        }
        int i = keyword.length() + 1;
        while (i < argument.length() && argument.charAt(i) == ' ') {
            i++; // "MAIL FROM: <a@b>" is common enough to tolerate
        }
        if (i >= argument.length() || argument.charAt(i) != '<') {
            throw new Invalid(syntax);
        }
        int close = closingBracket(argument, i + 1);
        if (close < 0) {
            throw new Invalid(Reply.of(501, "5.5.4", "Unterminated path: '" + argument + "'"));
        }
        String path = stripSourceRoute(argument.substring(i + 1, close));
        Map<String, String> parameters = parameters(argument.substring(close + 1));
        return new CommandPath(path, Collections.unmodifiableMap(parameters));
    }

    private static int closingBracket(String s, int from) {
        boolean quoted = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '>' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    /** RFC 5321 §4.1.2 / C: a source route ({@code @a,@b:user@host}) must be accepted and ignored. */
    private static String stripSourceRoute(String path) {
        if (path.startsWith("@")) {
            int colon = path.indexOf(':');
            if (colon > 0) {
                return path.substring(colon + 1);
            }
        }
        return path;
    }

    private static Map<String, String> parameters(String text) throws Invalid {
        Map<String, String> out = new LinkedHashMap<>();
        if (!text.isEmpty() && text.charAt(0) != ' ') {
            throw new Invalid(Reply.of(501, "5.5.4", "Expected a space after the path, found '" + text + "'"));
        }
        for (String token : text.trim().split(" +")) {
            if (token.isEmpty()) {
                continue;
            }
            int eq = token.indexOf('=');
            String key = (eq < 0 ? token : token.substring(0, eq)).toUpperCase(Locale.ROOT);
            String value = eq < 0 ? null : token.substring(eq + 1);
            if (!key.matches("[A-Z0-9][A-Z0-9-]*")) {
                throw new Invalid(Reply.of(501, "5.5.4", "Malformed parameter '" + token + "'"));
            }
            if (value != null && !value.chars().allMatch(c -> c >= 33 && c <= 126 && c != '=')) {
                throw new Invalid(Reply.of(501, "5.5.4", "Malformed value in parameter '" + token + "'"));
            }
            if (out.containsKey(key)) {
                throw new Invalid(Reply.of(501, "5.5.4", "Duplicate " + key + " parameter"));
            }
            out.put(key, value);
        }
        return out;
    }
}
