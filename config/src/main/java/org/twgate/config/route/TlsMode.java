package org.twgate.config.route;

/** STARTTLS towards the next hop. */
public enum TlsMode {
    /** Never start TLS (the connector on loopback). */
    NONE,
    /** Start TLS when offered; deliver in clear otherwise. */
    OPPORTUNISTIC,
    /** Defer the message rather than deliver in clear. */
    REQUIRED
}
