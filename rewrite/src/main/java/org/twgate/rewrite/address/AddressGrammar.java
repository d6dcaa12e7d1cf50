package org.twgate.rewrite.address;

import java.nio.charset.StandardCharsets;

/**
 * The character classes and the addr-spec parser of RFC 5321 §4.1.2, widened by RFC 6531 so
 * that UTF-8 is allowed where SMTPUTF8 allows it. Characters that could break a line or a log
 * (C0 and C1 controls, DEL, U+2028, U+2029) are refused everywhere, even inside quotes.
 */
final class AddressGrammar {
    static final int MAX_LOCAL_OCTETS = 64;
    static final int MAX_DOMAIN_OCTETS = 255;
    private static final int MAX_LABEL = 63;
    private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

    private AddressGrammar() {
    }

    /** A character that may never appear in an address, quoted or not. */
    static boolean isForbidden(char c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029;
    }

    static boolean isAtext(char c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || ATEXT_SPECIALS.indexOf(c) >= 0;
        }
        return !isForbidden(c);
    }

    /** True if the local part content can be written without quotes: Atom *("." Atom). */
    static boolean isDotString(String s) {
        if (s.isEmpty() || s.charAt(0) == '.' || s.charAt(s.length() - 1) == '.') {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (s.charAt(i - 1) == '.') {
                    return false;
                }
            } else if (!isAtext(c)) {
                return false;
            }
        }
        return true;
    }

    /** The local part as it goes on the wire: bare when it is a dot-string, else quoted. */
    static String wireLocalPart(String content) {
        if (isDotString(content)) {
            return content;
        }
        StringBuilder out = new StringBuilder(content.length() + 4).append('"');
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4; // the pair encodes in four octets; its low half adds nothing
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** Checks a local part content (already unquoted); returns a reason or null if valid. */
    static String checkLocalContent(String content) {
        for (int i = 0; i < content.length(); i++) {
            if (isForbidden(content.charAt(i))) {
                return "control character in local part";
            }
        }
        if (utf8Length(wireLocalPart(content)) > MAX_LOCAL_OCTETS) {
            return "local part longer than " + MAX_LOCAL_OCTETS + " octets";
        }
        return null;
    }

    /**
     * Checks a domain: dot-separated labels of letters, digits and hyphens (or UTF-8 U-label
     * characters), or an address literal in brackets. Returns the offset of the first fault
     * within {@code domain} with a reason, or null if valid.
     */
    static Fault checkDomain(String domain) {
        if (domain.isEmpty()) {
            return new Fault(0, "empty domain");
        }
        if (domain.charAt(0) == '[') {
            return checkAddressLiteral(domain);
        }
        if (utf8Length(domain) > MAX_DOMAIN_OCTETS) {
            return new Fault(0, "domain longer than " + MAX_DOMAIN_OCTETS + " octets");
        }
        int labelStart = 0;
        for (int i = 0; i <= domain.length(); i++) {
            char c = i < domain.length() ? domain.charAt(i) : '.';
            if (c == '.') {
                int len = i - labelStart;
                if (len == 0) {
                    return new Fault(i, "empty label in domain");
                }
                if (len > MAX_LABEL) {
                    return new Fault(labelStart, "domain label longer than " + MAX_LABEL + " characters");
                }
                if (domain.charAt(labelStart) == '-' || domain.charAt(i - 1) == '-') {
                    return new Fault(domain.charAt(labelStart) == '-' ? labelStart : i - 1,
                            "domain label starts or ends with '-'");
                }
                labelStart = i + 1;
            } else if (!isLabelChar(c)) {
                return new Fault(i, "character '" + printable(c) + "' not allowed in domain");
            }
        }
        return null;
    }

    private static boolean isLabelChar(char c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
        }
        return !isForbidden(c) && !Character.isWhitespace(c) && c != 0x3002 && c != 0xff0e && c != 0xff61;
    }

    private static Fault checkAddressLiteral(String domain) {
        if (domain.charAt(domain.length() - 1) != ']' || domain.length() < 3) {
            return new Fault(domain.length() - 1, "address literal not closed with ']'");
        }
        for (int i = 1; i < domain.length() - 1; i++) {
            char c = domain.charAt(i);
            // dtext of RFC 5321: printable US-ASCII except "[", "\" and "]".
            if (c < 33 || c > 126 || c == '[' || c == '\\' || c == ']') {
                return new Fault(i, "character '" + printable(c) + "' not allowed in address literal");
            }
        }
        return null;
    }

    static String printable(char c) {
        return isForbidden(c) ? String.format("\\x%02x", (int) c) : String.valueOf(c);
    }

    /**
     * Parses {@code local@domain}; the local part may be quoted. Offsets in errors are relative
     * to {@code text}.
     */
    static EmailAddress parseAddrSpec(String text) {
        if (text.isEmpty()) {
            throw new AddressSyntaxException(text, 0, "empty address");
        }
        int at;
        String content;
        if (text.charAt(0) == '"') {
            StringBuilder sb = new StringBuilder();
            int i = 1;
            for (;; i++) {
                if (i >= text.length()) {
                    throw new AddressSyntaxException(text, i, "unterminated quoted local part");
                }
                char c = text.charAt(i);
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    i++;
                    if (i >= text.length()) {
                        throw new AddressSyntaxException(text, i, "unterminated quoted local part");
                    }
                    c = text.charAt(i);
                }
                if (isForbidden(c)) {
                    throw new AddressSyntaxException(text, i, "control character in quoted local part");
                }
                sb.append(c);
            }
            at = i + 1;
            if (at >= text.length() || text.charAt(at) != '@') {
                throw new AddressSyntaxException(text, at, "expected '@' after quoted local part");
            }
            content = sb.toString();
        } else {
            at = text.indexOf('@');
            if (at < 0) {
                throw new AddressSyntaxException(text, text.length(), "missing '@'");
            }
            content = text.substring(0, at);
            Fault fault = checkDotString(content);
            if (fault != null) {
                throw new AddressSyntaxException(text, fault.offset(), fault.reason());
            }
        }
        String reason = checkLocalContent(content);
        if (reason != null) {
            throw new AddressSyntaxException(text, 0, reason);
        }
        String domain = text.substring(at + 1);
        Fault fault = checkDomain(domain);
        if (fault != null) {
            throw new AddressSyntaxException(text, at + 1 + fault.offset(), fault.reason());
        }
        return new EmailAddress(content, domain);
    }

    private static Fault checkDotString(String s) {
        if (s.isEmpty()) {
            return new Fault(0, "empty local part");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (i == 0 || i == s.length() - 1 || s.charAt(i - 1) == '.') {
                    return new Fault(i, "misplaced '.' in local part (quote it)");
                }
            } else if (!isAtext(c)) {
                return new Fault(i, "character '" + printable(c) + "' not allowed in unquoted local part");
            }
        }
        return null;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Where and why a piece of an address is wrong. */
    record Fault(int offset, String reason) {
    }
}
