package org.twgate.gateway.accept;

import java.util.Locale;

/** Why a connection was refused before its session began. A bounded set: metrics label it. */
public enum ConnectionRefusal {
    /** The client policy (relay clients, tcp.smtp {@code deny}) does not let the client in. */
    POLICY,
    /** {@code server.max_connections} reached. */
    MAX_CONNECTIONS,
    /** {@code server.max_connections_per_ip} reached for the client (its address or network prefix). */
    MAX_CONNECTIONS_PER_IP,
    /** {@code server.connection_rate_limit} reached for the client in this {@code rate_time_unit}. */
    CONNECTION_RATE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
