package org.twgate.rewrite.rule;

import org.twgate.rewrite.address.AddressSyntaxException;
import org.twgate.rewrite.address.EmailAddress;

/**
 * The domain part of a match, with qmail smtproutes semantics: {@code company.com} matches that
 * domain only, {@code .company.com} matches its subdomains only, and {@code *} matches any
 * domain. Compared without regard to case.
 */
public final class DomainPattern {
    private static final DomainPattern ANY = new DomainPattern("*", "");

    private final String text;
    private final String key;

    private DomainPattern(String text, String key) {
        this.text = text;
        this.key = key;
    }

    /** Any domain. */
    public static DomainPattern any() {
        return ANY;
    }

    /**
     * Parses {@code company.com}, {@code .company.com} or {@code *}.
     *
     * @throws IllegalArgumentException quoting the pattern if it is not a valid domain
     */
    public static DomainPattern parse(String pattern) {
        if (pattern == null || pattern.equals("*")) {
            return ANY;
        }
        String domain = pattern.startsWith(".") ? pattern.substring(1) : pattern;
        try {
            EmailAddress.checkDomain(domain);
        } catch (AddressSyntaxException e) {
            throw new IllegalArgumentException("invalid domain pattern "
                    + AddressSyntaxException.quote(pattern) + ": " + e.reason(), e);
        }
        return new DomainPattern(pattern, EmailAddress.foldCase(pattern));
    }

    /**
     * The index key: the lower-cased domain, {@code .suffix} for subdomains, or the empty
     * string for any domain.
     */
    String key() {
        return key;
    }

    public boolean isAny() {
        return key.isEmpty();
    }

    /** True if an address in {@code domainKey} (already lower-cased) matches. */
    boolean matches(String domainKey) {
        if (key.isEmpty()) {
            return true;
        }
        if (key.charAt(0) == '.') {
            return domainKey.length() > key.length() && domainKey.endsWith(key);
        }
        return domainKey.equals(key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DomainPattern other && key.equals(other.key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
