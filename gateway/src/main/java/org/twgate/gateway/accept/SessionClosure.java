package org.twgate.gateway.accept;

import java.util.Locale;

/** Why the server, not the client, ended an admitted session (after saying {@code 421}). */
public enum SessionClosure {
    /** Nothing arrived for {@code server.idle_timeout}. */
    IDLE_TIMEOUT,
    /** twgate is stopping. */
    SHUTDOWN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
