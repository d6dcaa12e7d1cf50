package org.twgate.dsn.param;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the raw argument of a MAIL or RCPT command: everything after {@code MAIL FROM:} or
 * {@code RCPT TO:}, i.e. {@code <path>} followed by space-separated {@code KEYWORD[=value]}.
 *
 * <p>We parse ourselves because the SMTP library's parameter map is unreliable (measured on James
 * Protocols 3.8.1): it confuses {@code a=b@x} addresses and doubled spaces. Liberal where
 * real clients differ harmlessly (a space before {@code <}, runs of spaces between
 * parameters), strict where a mistake would change meaning (quotes, {@code >} inside quotes,
 * duplicates, control characters).
 */
public final class SmtpArgumentParser {

    /** RFC 5321 §4.5.3.1.3: a path is at most 256 octets including the brackets. */
    static final int MAX_PATH = 256;

    private SmtpArgumentParser() {
    }

    /** Parses a MAIL argument; {@code <>} is the null reverse-path. */
    public static SmtpArgument parseMail(String raw) throws SmtpArgumentException {
        return parse(raw, true);
    }

    /** Parses a RCPT argument; {@code <>} is refused, {@code <Postmaster>} is allowed. */
    public static SmtpArgument parseRcpt(String raw) throws SmtpArgumentException {
        return parse(raw, false);
    }

    private static SmtpArgument parse(String raw, boolean mail) throws SmtpArgumentException {
        int start = 0;
        while (start < raw.length() && raw.charAt(start) == ' ') {
            start++;
        }
        if (start >= raw.length() || raw.charAt(start) != '<') {
            throw SmtpArgumentException.badPath("Address must be in angle brackets: "
                    + SmtpArgumentException.quote(raw));
        }
        int end = closingBracket(raw, start);
        if (end - start + 1 > MAX_PATH) {
            throw SmtpArgumentException.badPath("Address longer than " + MAX_PATH + " characters: "
                    + SmtpArgumentException.quote(raw));
        }
        String path = withoutSourceRoute(raw.substring(start + 1, end));
        MailboxSyntax.check(path, mail, raw);
        return new SmtpArgument(path, parameters(raw.substring(end + 1)));
    }

    /** Finds the {@code >} that closes the path, skipping quoted strings and their escapes. */
    private static int closingBracket(String raw, int open) throws SmtpArgumentException {
        boolean quoted = false;
        for (int i = open + 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw SmtpArgumentException.badPath("Control character in address at " + (i + 1)
                        + ": " + SmtpArgumentException.quote(raw));
            }
            if (quoted) {
                if (c == '\\') {
                    i++;
                    if (i >= raw.length() || raw.charAt(i) < 0x20) {
                        throw SmtpArgumentException.badPath("Bad escape in quoted local part: "
                                + SmtpArgumentException.quote(raw));
                    }
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '>') {
                return i;
            } else if (c == ' ' || c == '<') {
                throw SmtpArgumentException.badPath("Unexpected " + SmtpArgumentException.quote(String.valueOf(c))
                        + " in address at " + (i + 1) + ": " + SmtpArgumentException.quote(raw));
            }
        }
        throw SmtpArgumentException.badPath((quoted ? "Unterminated quoted local part in: "
                : "Missing '>' after address: ") + SmtpArgumentException.quote(raw));
    }

    /** RFC 5321 §4.1.2 / Appendix C: a source route {@code @a,@b:} is accepted and ignored. */
    private static String withoutSourceRoute(String path) {
        if (path.startsWith("@")) {
            int colon = path.indexOf(':');
            if (colon > 0) {
                return path.substring(colon + 1);
            }
        }
        return path;
    }

    private static Map<String, String> parameters(String rest) throws SmtpArgumentException {
        Map<String, String> params = new LinkedHashMap<>();
        if (rest.isEmpty()) {
            return params;
        }
        if (rest.charAt(0) != ' ') {
            throw SmtpArgumentException.badParameter("Expected a space after the address, not "
                    + SmtpArgumentException.quote(rest));
        }
        for (String token : rest.strip().split(" +")) {
            if (token.isEmpty()) {
                continue;
            }
            int eq = token.indexOf('=');
            String keyword = (eq < 0 ? token : token.substring(0, eq)).toUpperCase(Locale.ROOT);
            checkKeyword(keyword, token);
            String value = eq < 0 ? "" : token.substring(eq + 1);
            if (eq >= 0) {
                checkValue(keyword, value);
            }
            if (params.putIfAbsent(keyword, value) != null) {
                throw SmtpArgumentException.badParameter("Duplicate " + keyword + " parameter");
            }
        }
        return params;
    }

    /** RFC 5321 esmtp-keyword: (ALPHA / DIGIT) *(ALPHA / DIGIT / "-"). */
    private static void checkKeyword(String keyword, String token) throws SmtpArgumentException {
        if (keyword.isEmpty()) {
            throw SmtpArgumentException.badParameter("Empty parameter keyword in "
                    + SmtpArgumentException.quote(token));
        }
        for (int i = 0; i < keyword.length(); i++) {
            char c = keyword.charAt(i);
            boolean alnum = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (c < 0x20 || c == 0x7f) {
                throw SmtpArgumentException.badParameter("Control character in parameter "
                        + SmtpArgumentException.quote(token));
            }
            if (!alnum && (c != '-' || i == 0)) {
                throw SmtpArgumentException.badParameter("Bad parameter keyword "
                        + SmtpArgumentException.quote(token));
            }
        }
    }

    /** RFC 5321 esmtp-value: 1*(%d33-60 / %d62-126), plus UTF-8 under RFC 6531. */
    private static void checkValue(String keyword, String value) throws SmtpArgumentException {
        if (value.isEmpty()) {
            throw SmtpArgumentException.badParameter("Empty value for " + keyword + " parameter");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw SmtpArgumentException.badParameter("Control character in value of " + keyword
                        + ": " + SmtpArgumentException.quote(value));
            }
            if (c == '=') {
                throw SmtpArgumentException.badParameter("'=' not allowed in value of " + keyword
                        + ": " + SmtpArgumentException.quote(value));
            }
        }
    }
}
