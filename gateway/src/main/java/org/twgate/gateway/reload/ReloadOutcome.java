package org.twgate.gateway.reload;

import java.util.List;

/** What a configuration reload did. */
public sealed interface ReloadOutcome {
    /**
     * The new policy is in force.
     *
     * @param needRestart keys that changed but only take effect at the next start
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
