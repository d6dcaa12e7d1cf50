package org.twgate.rewrite.address;

/**
 * A mailbox: a local part and a domain. The local part is kept as its content (unquoted,
 * case as written); {@link #toString()} gives the wire form, quoted only where RFC 5321
 * requires it. Two addresses are equal when their local parts are identical and their
 * domains are equal ignoring case. Immutable and thread-safe.
 */
public final class EmailAddress {
    private final String localPart;
    private final String domain;
    private final String localPartKey;
    private final String domainKey;
    private String wire; // computed on first use; a benign race

    EmailAddress(String localPart, String domain) {
        this.localPart = localPart;
        this.domain = domain;
        this.localPartKey = foldCase(localPart);
        this.domainKey = foldCase(domain);
    }

    /**
     * Lower-cases character by character, so the result has the same length as the input and
     * offsets found in one are valid in the other (String.toLowerCase may change the length).
     */
    public static String foldCase(String s) {
        int i = 0;
        while (i < s.length() && Character.toLowerCase(s.charAt(i)) == s.charAt(i)) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        char[] chars = s.toCharArray();
        for (; i < chars.length; i++) {
            chars[i] = Character.toLowerCase(chars[i]);
        }
        return new String(chars);
    }

    /** Parses an addr-spec such as {@code john@company.com} or {@code "john doe"@company.com}. */
    public static EmailAddress parse(String addrSpec) {
        if (addrSpec == null) {
            throw new AddressSyntaxException(null, -1, "no address");
        }
        return AddressGrammar.parseAddrSpec(addrSpec);
    }

    /**
     * Parses an RCPT forward-path: {@code <john@company.com>}, with an optional source route
     * ({@code <@relay:john@company.com>}) that RFC 5321 §3.3 says to accept and ignore.
     */
    public static EmailAddress parseForwardPath(String path) {
        if (path == null || path.length() < 2 || path.charAt(0) != '<' || path.charAt(path.length() - 1) != '>') {
            throw new AddressSyntaxException(path, 0, "path must be enclosed in '<' and '>'");
        }
        String inner = path.substring(1, path.length() - 1);
        int skip = 0;
        if (inner.startsWith("@")) {
            skip = inner.indexOf(':') + 1;
            if (skip == 0) {
                throw new AddressSyntaxException(path, 1, "source route without ':'");
            }
        }
        try {
            return AddressGrammar.parseAddrSpec(inner.substring(skip));
        } catch (AddressSyntaxException e) {
            throw new AddressSyntaxException(path, e.offset() < 0 ? -1 : e.offset() + 1 + skip, e.reason());
        }
    }

    /**
     * Builds an address from a local part content (unquoted; quoted on output if needed) and
     * a domain, checking both.
     */
    public static EmailAddress of(String localPart, String domain) {
        String reason = AddressGrammar.checkLocalContent(localPart);
        if (reason != null) {
            throw new AddressSyntaxException(localPart + "@" + domain, 0, reason);
        }
        AddressGrammar.Fault fault = AddressGrammar.checkDomain(domain);
        if (fault != null) {
            throw new AddressSyntaxException(localPart + "@" + domain, -1, fault.reason());
        }
        return new EmailAddress(localPart, domain);
    }

    /**
     * Checks a domain (labels of letters, digits, hyphens or UTF-8, or an address literal),
     * throwing {@link AddressSyntaxException} that quotes it if it is not valid.
     */
    public static void checkDomain(String domain) {
        AddressGrammar.Fault fault = AddressGrammar.checkDomain(domain == null ? "" : domain);
        if (fault != null) {
            throw new AddressSyntaxException(domain, fault.offset(), fault.reason());
        }
    }

    /**
     * Checks a piece of local part content (e.g. a prefix a rule matches): no control
     * characters, at most 64 octets once quoted. Throws {@link AddressSyntaxException}.
     */
    public static void checkLocalPart(String content) {
        String reason = content == null ? "no local part" : AddressGrammar.checkLocalContent(content);
        if (reason != null) {
            throw new AddressSyntaxException(content, -1, reason);
        }
    }

    /** True if the local part content can be written bare (a dot-string), without quotes. */
    public static boolean isDotString(String content) {
        return AddressGrammar.isDotString(content);
    }

    /** The local part content, unquoted, case as written. */
    public String localPart() {
        return localPart;
    }

    /** The domain, case as written. */
    public String domain() {
        return domain;
    }

    /** The local part lower-cased, for case-insensitive rule matching (never for output). */
    public String localPartKey() {
        return localPartKey;
    }

    /** The domain lower-cased, for comparison. */
    public String domainKey() {
        return domainKey;
    }

    /** True if the address carries non-ASCII characters and so needs SMTPUTF8 downstream. */
    public boolean needsSmtpUtf8() {
        String w = toString();
        for (int i = 0; i < w.length(); i++) {
            if (w.charAt(i) >= 0x80) {
                return true;
            }
        }
        return false;
    }

    /** True if the local part has to be quoted on the wire. */
    public boolean hasQuotedLocalPart() {
        return !AddressGrammar.isDotString(localPart);
    }

    /** The wire form, e.g. {@code john@company.com} or {@code "john doe"@company.com}. */
    @Override
    public String toString() {
        String w = wire;
        if (w == null) {
            w = AddressGrammar.wireLocalPart(localPart) + "@" + domain;
            wire = w;
        }
        return w;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmailAddress other
                && localPart.equals(other.localPart) && domainKey.equals(other.domainKey);
    }

    @Override
    public int hashCode() {
        return localPart.hashCode() * 31 + domainKey.hashCode();
    }
}
