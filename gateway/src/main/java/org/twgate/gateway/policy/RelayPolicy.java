package org.twgate.gateway.policy;

import java.net.InetAddress;

/** The access rules the SMTP server applies, decided from the configuration. */
public interface RelayPolicy {

    /** What a client may do, decided once when it connects. */
    record ClientVerdict(boolean allowed, boolean relayClient, String rule) {
    }

    ClientVerdict client(InetAddress address);

    /** qmail {@code rcpthosts}: mail for this domain is accepted from any allowed client. */
    boolean acceptsDomain(String domain);

    /**
     * Why the Teamware connector would refuse this recipient (its {@code to.ini} rules), when it
     * is on its way to the connector; empty when it would accept it or goes elsewhere.
     */
    default java.util.Optional<String> connectorRefusal(String recipient) {
        return java.util.Optional.empty();
    }

    /**
     * Why the recipient's route refuses it (a {@code refuse:} rule of its rule set: an address the
     * imported qmail setup had no {@code .qmail} file for), as {@code <address>: text (rule …)};
     * empty when it does not.
     */
    default java.util.Optional<String> routeRefusal(String recipient) {
        return java.util.Optional.empty();
    }

    /**
     * Where {@code RCPT TO:<postmaster>} (no domain, RFC 5321 §4.5.1) goes: the configured
     * postmaster address, or {@code null} for {@code postmaster@} the server's host name.
     */
    default String postmaster() {
        return null;
    }
}
