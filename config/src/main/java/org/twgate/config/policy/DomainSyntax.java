package org.twgate.config.policy;

/**
 * The shape of a domain entry in rcpthosts and accepted_domains: a domain, optionally
 * with a leading dot for "subdomains of", or an address literal in brackets.
 */
public final class DomainSyntax {

    private static final String LABEL = "[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?";
    private static final String DOMAIN = LABEL + "(\\." + LABEL + ")*";

    private DomainSyntax() {
    }

    /** {@code null} if {@code entry} is acceptable, else the message saying why not. */
    public static String check(String entry) {
        if (entry.matches("\\.?" + DOMAIN) || entry.matches("\\[[0-9A-Fa-f:.]+\\]")) {
            return null;
        }
        return "not a domain or .subdomain entry: '" + entry + "'";
    }
}
