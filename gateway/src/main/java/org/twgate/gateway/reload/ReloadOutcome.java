package org.twgate.gateway.reload;

import java.util.List;

/** What a configuration reload did. */
public sealed interface ReloadOutcome {
    /**
     * The new routing, policy and session limits are in force.
     *
     * @param needRestart keys (e.g. {@code server.listen}) whose value differs from the one the
     *                    process started with; they take effect only at the next start
     */
    record Applied(String source, List<String> needRestart) implements ReloadOutcome {
        public Applied {
            needRestart = List.copyOf(needRestart);
        }
    }

    /** The new configuration is invalid; the running one stays. {@code error} quotes file:line. */
    record Refused(String error) implements ReloadOutcome {
    }
}
