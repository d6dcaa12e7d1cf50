package org.twgate.dsn.param;

/**
 * RFC 5321 §4.1.2 mailbox syntax, checked just enough to refuse what is not an address:
 * a dot-string or quoted-string local part, {@code @}, a domain or address literal.
 * Non-ASCII is let through (RFC 6531); whether to carry it is the server's decision.
 */
final class MailboxSyntax {

    private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

    private MailboxSyntax() {
    }

    static void check(String path, boolean mail, String raw) throws SmtpArgumentException {
        if (path.isEmpty()) {
            if (!mail) {
                throw SmtpArgumentException.badPath("Null recipient <> is not an address");
            }
            return;
        }
        if (!mail && path.equalsIgnoreCase("postmaster")) {
            return;
        }
        int at = path.lastIndexOf('@');
        if (at <= 0 || at == path.length() - 1) {
            throw SmtpArgumentException.badPath("Address needs local-part@domain: "
                    + SmtpArgumentException.quote(raw.strip()));
        }
        String local = path.substring(0, at);
        if (!(isQuoted(local) || isDotString(local))) {
            throw SmtpArgumentException.badPath("Bad local part in "
                    + SmtpArgumentException.quote(raw.strip()));
        }
        if (!isDomain(path.substring(at + 1))) {
            throw SmtpArgumentException.badPath("Bad domain in "
                    + SmtpArgumentException.quote(raw.strip()));
        }
    }

    private static boolean isQuoted(String local) {
        // The bracket scan already checked escapes and termination of the quotes.
        return local.length() >= 2 && local.startsWith("\"") && local.endsWith("\"");
    }

    private static boolean isDotString(String local) {
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return false;
        }
        return local.chars().allMatch(c -> c == '.' || c >= 0x80 || Character.isLetterOrDigit(c)
                && c < 0x80 || ATEXT_SPECIALS.indexOf(c) >= 0);
    }

    private static boolean isDomain(String domain) {
        if (domain.startsWith("[")) {
            String literal = domain.length() > 2 && domain.endsWith("]")
                    ? domain.substring(1, domain.length() - 1) : "";
            return !literal.isEmpty()
                    && literal.chars().noneMatch(c -> c == '[' || c == ']' || c == '\\' || c == '"');
        }
        for (String label : domain.split("\\.", -1)) {
            if (label.isEmpty() || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            if (!label.chars().allMatch(c -> c >= 0x80 || c == '-' || c < 0x80 && Character.isLetterOrDigit(c))) {
                return false;
            }
        }
        return true;
    }
}
