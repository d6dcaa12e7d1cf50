package org.twgate.config.policy;

import java.util.List;
import java.util.Objects;
import org.twgate.config.Problem;

/**
 * Who may send what: client access (connect, relay) and the domains accepted from
 * clients that may not relay.
 *
 * @param warnings lines that were read but have no effect (host name rules, …), for
 *                 {@code twgate check} and the start-up log
 */
public record PolicyConfig(ClientAccess clientAccess, AcceptedDomains acceptedDomains, List<Problem> warnings) {

    public PolicyConfig {
        Objects.requireNonNull(clientAccess, "clientAccess");
        Objects.requireNonNull(acceptedDomains, "acceptedDomains");
        warnings = List.copyOf(warnings);
    }
}
