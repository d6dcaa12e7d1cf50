package org.twgate.gateway.accept;

import java.util.Locale;

/** Why the server, not the client, ended an admitted session (after saying {@code 421}). */
public enum SessionClosure {
    /** Nothing arrived for {@code server.idle_timeout}. */
    IDLE_TIMEOUT,
    /** No whole command line within {@code server.command_deadline}. */
    COMMAND_DEADLINE,
    /** The message content fell behind {@code server.min_data_rate} by more than {@code server.data_deadline}. */
    DATA_DEADLINE,
    /** twgate is stopping. */
    SHUTDOWN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
