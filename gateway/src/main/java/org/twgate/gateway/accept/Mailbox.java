package org.twgate.gateway.accept;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Syntax of a mailbox in an SMTP path (RFC 5321 §4.1.2): {@code local-part "@" domain}, where
 * the local part is a dot-string or a quoted string and the domain a host name or an address
 * literal. Returns the reason a path is malformed, or null.
 *
 * <p>Not {@code rewrite}'s {@code EmailAddress}: that parser is for addresses already accepted
 * and is deliberately wider (UTF-8 local parts and domains, any address-literal text, 255-octet
 * domains). At the door the server is stricter: US-ASCII only while SMTPUTF8 is not offered,
 * IPv4/IPv6 literals only, a 254-octet path (RFC 5321 §4.5.3.1.3).
 */
final class Mailbox {
    private static final String ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]";
    private static final Pattern DOT_STRING = Pattern.compile(ATEXT + "+(\\." + ATEXT + "+)*");
    private static final Pattern QUOTED = Pattern.compile("\"([\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]|\\\\[\\x20-\\x7e])*\"");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("\\[(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})]");
    private static final Pattern IPV6 = Pattern.compile("\\[IPv6:[0-9A-Fa-f:.]+]");

    private Mailbox() {
    }

    static String problem(String path) {
        if (path.length() > 254) {
            return "longer than 254 characters";
        }
        int at = path.lastIndexOf('@');
        if (at <= 0 || at == path.length() - 1) {
            return "expected local-part@domain";
        }
        String local = path.substring(0, at);
        String domain = path.substring(at + 1);
        if (local.length() > 64) {
            return "local part longer than 64 characters";
        }
        if (!DOT_STRING.matcher(local).matches() && !QUOTED.matcher(local).matches()) {
            return "invalid local part '" + local + "'";
        }
        return domainProblem(domain);
    }

    static String domainProblem(String domain) {
        if (domain.startsWith("[")) {
            return IPV4.matcher(domain).matches() || IPV6.matcher(domain).matches()
                    ? null : "invalid address literal '" + domain + "'";
        }
        if (domain.length() > 253) {
            return "domain longer than 253 characters";
        }
        for (String label : domain.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return "invalid domain '" + domain + "'";
            }
        }
        return null;
    }

    /** The domain of a syntactically valid mailbox, lower-cased, without brackets for literals. */
    static String domainOf(String path) {
        return path.substring(path.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }
}
