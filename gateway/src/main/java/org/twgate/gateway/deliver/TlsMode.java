package org.twgate.gateway.deliver;

/**
 * How a connection to a next hop is protected. Only {@link #NONE} exists yet: STARTTLS
 * comes with its own issue, and this enum is the seam it will extend (OPPORTUNISTIC,
 * REQUIRED).
 */
public enum TlsMode {
    /** Plain SMTP; STARTTLS is not attempted even when advertised. */
    NONE
}
