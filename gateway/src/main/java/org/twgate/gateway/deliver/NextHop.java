package org.twgate.gateway.deliver;

import java.util.Objects;

/**
 * Where a message goes next, as a route decided it: a relay host (qmail smtproutes
 * {@code domain:relay:port}), a literal IP ({@code [1.2.3.4]}), or, when the route names no
 * relay, the MX hosts of a mail domain.
 *
 * @param name           a short name for logs and metrics, e.g. the route's domain
 * @param host           relay host name, IP literal (without brackets) or, when {@code mx},
 *                       the mail domain whose MX records are looked up
 * @param port           TCP port, 25 unless the route says otherwise
 * @param literalIp      {@code host} is an IP address and must not be looked up in DNS
 * @param mx             {@code host} is a mail domain: connect to its MX hosts
 * @param finalDelivery  the hop is the final destination (the Teamware connector):
 *                       Return-Path is injected
 * @param tls            TLS policy for the connection
 * @param maxConnections at most this many concurrent connections to this hop
 */
public record NextHop(String name, String host, int port, boolean literalIp, boolean mx,
                      boolean finalDelivery, TlsMode tls, int maxConnections) {

    public NextHop {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        if (host.isBlank()) {
            throw new IllegalArgumentException("next hop '" + name + "': empty host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("next hop '" + name + "': port " + port + " out of range 1-65535");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("next hop '" + name + "': maxConnections " + maxConnections + " < 1");
        }
        if (literalIp && mx) {
            throw new IllegalArgumentException("next hop '" + name + "': an IP literal has no MX records");
        }
    }

    /** A relay host or IP literal, as in smtproutes {@code domain:relay:port}. */
    public static NextHop relay(String name, String host, int port, boolean literalIp,
                                boolean finalDelivery, int maxConnections) {
        return new NextHop(name, host, port, literalIp, false, finalDelivery, TlsMode.NONE, maxConnections);
    }

    /** The MX hosts of {@code domain} on port 25, as qmail does for an empty relay. */
    public static NextHop mxOf(String domain, int maxConnections) {
        return new NextHop(domain, domain, 25, false, true, false, TlsMode.NONE, maxConnections);
    }

    @Override
    public String toString() {
        return name + "=" + (literalIp ? "[" + host + "]" : mx ? "mx:" + host : host) + ":" + port;
    }
}
