package org.twgate.gateway.accept;

import java.util.Locale;
import java.util.regex.Pattern;
import org.twgate.config.syntax.IpLiterals;

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

    private Mailbox() {
    }

    /** True when the path is all US-ASCII (SMTPUTF8 is not offered, so nothing else may pass). */
    static boolean ascii(String path) {
        return path.chars().allMatch(c -> c < 0x80);
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
            return addressLiteral(domain) ? null : "invalid address literal '" + domain + "'";
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

    /** {@code [1.2.3.4]} or {@code [IPv6:…]} holding a real address (RFC 5321 §4.1.3). */
    private static boolean addressLiteral(String text) {
        if (text.length() < 3 || !text.endsWith("]")) {
            return false;
        }
        String inner = text.substring(1, text.length() - 1);
        if (inner.regionMatches(true, 0, "IPv6:", 0, 5)) {
            return IpLiterals.parseIpv6(inner.substring(5)).isPresent();
        }
        return inner.matches("\\d{1,3}(\\.\\d{1,3}){3}") && IpLiterals.parseIpv4(inner).isPresent();
    }

    /** The domain of a syntactically valid mailbox, lower-cased, without brackets for literals. */
    static String domainOf(String path) {
        return path.substring(path.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }
}
