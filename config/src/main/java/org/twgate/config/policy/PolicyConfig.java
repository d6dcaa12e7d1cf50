package org.twgate.config.policy;

import java.util.List;
import java.util.Objects;
import org.twgate.config.Problem;

/**
 * Who may send what: client access (connect, relay) and the domains accepted from
 * clients that may not relay.
 *
 * @param warnings   lines that were read but have no effect (host name rules, …), for
 *                   {@code twgate check} and the start-up log
 * @param postmaster where {@code RCPT TO:<postmaster>} without a domain goes (RFC 5321 §4.5.1:
 *                   it is accepted from every client); {@code postmaster@} the server's host
 *                   name unless configured
 */
public record PolicyConfig(ClientAccess clientAccess, AcceptedDomains acceptedDomains, List<Problem> warnings,
                           String postmaster) {

    public PolicyConfig {
        Objects.requireNonNull(clientAccess, "clientAccess");
        Objects.requireNonNull(acceptedDomains, "acceptedDomains");
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(postmaster, "postmaster");
    }
}
