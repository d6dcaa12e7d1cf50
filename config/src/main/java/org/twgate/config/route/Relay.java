package org.twgate.config.route;

import java.util.Objects;

/**
 * Where a route sends: a host name, a literal IP address ({@code [1.2.3.4]} in
 * smtproutes, never looked up in DNS), or, when the host is empty, the recipient
 * domain's MX hosts, as qmail-remote does for an empty relay.
 *
 * @param host      host name or IP address without brackets; empty for MX
 * @param literalIp the host is an IP address, written in brackets
 * @param port      TCP port, 25 unless given
 */
public record Relay(String host, boolean literalIp, int port) {

    public static final int SMTP_PORT = 25;

    public Relay {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (host.isEmpty() && (literalIp || port != SMTP_PORT)) {
            throw new IllegalArgumentException("an MX relay has no address and uses port 25");
        }
    }

    /** Deliver to the MX hosts of the recipient's domain. */
    public static Relay mx() {
        return new Relay("", false, SMTP_PORT);
    }

    public boolean isMx() {
        return host.isEmpty();
    }

    /** As smtproutes writes it after the domain: {@code [127.0.0.1]:2025}, {@code mx}. */
    @Override
    public String toString() {
        if (isMx()) {
            return "MX of the recipient domain";
        }
        return (literalIp ? "[" + host + "]" : host) + ":" + port;
    }
}
