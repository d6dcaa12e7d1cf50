package org.twgate.gateway.deliver;

/** How a connection to a next hop is protected (STARTTLS, RFC 3207). */
public enum TlsMode {
    /** Plain SMTP; STARTTLS is not attempted even when advertised. */
    NONE,
    /** STARTTLS when the hop offers it, without checking its certificate; plain otherwise. */
    OPPORTUNISTIC,
    /** STARTTLS or no delivery (deferred); the certificate is not checked. */
    REQUIRED,
    /** STARTTLS or no delivery, and the certificate must be trusted and name the hop. */
    VERIFY;

    boolean attempts() {
        return this != NONE;
    }

    boolean required() {
        return this == REQUIRED || this == VERIFY;
    }
}
