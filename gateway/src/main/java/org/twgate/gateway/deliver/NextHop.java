package org.twgate.gateway.deliver;

import java.util.Objects;
import org.twgate.config.route.TlsMode;

/**
 * Where a message goes next, as a route decided it: a relay host (qmail smtproutes
 * {@code domain:relay:port}), a literal IP ({@code [1.2.3.4]}), or, when the route names no
 * relay, the MX hosts of a mail domain. Built by name, not by position:
 * {@code NextHop.ipLiteral("connector", "127.0.0.1", 2025).asFinalDelivery().withMaxConnections(4)}.
 *
 * @param name           a short name for logs and metrics, e.g. the route's key
 * @param destination    what to connect to
 * @param finalDelivery  the hop is the final destination (the Teamware connector): Return-Path is injected
 * @param tls            STARTTLS policy for the connection
 * @param maxConnections at most this many concurrent connections to this hop
 */
public record NextHop(String name, Destination destination, boolean finalDelivery, Tls tls, int maxConnections) {

    /** How {@link Destination#host} is found. */
    public enum Kind {
        /** A host name, looked up in DNS (A/AAAA). */
        HOST,
        /** An IP address, never looked up. */
        IP_LITERAL,
        /** A mail domain: connect to its MX hosts. */
        MX
    }

    /**
     * @param host relay host name, IP literal (without brackets) or the mail domain whose MX
     *             records are looked up
     * @param port TCP port, 25 unless the route says otherwise
     */
    public record Destination(Kind kind, String host, int port) {
        public Destination {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(host, "host");
        }
    }

    /**
     * STARTTLS towards the hop (RFC 3207): the route's {@code tls} and whether the certificate
     * must be trusted and name the hop ({@code tls_verify}).
     */
    public record Tls(TlsMode mode, boolean verifyCertificate) {
        public static final Tls NONE = new Tls(TlsMode.NONE, false);
        public static final Tls OPPORTUNISTIC = new Tls(TlsMode.OPPORTUNISTIC, false);
        public static final Tls REQUIRED = new Tls(TlsMode.REQUIRED, false);
        public static final Tls VERIFY = new Tls(TlsMode.REQUIRED, true);

        public Tls {
            Objects.requireNonNull(mode, "mode");
        }

        boolean attempts() {
            return mode != TlsMode.NONE;
        }

        /** STARTTLS or no delivery (deferred). */
        boolean required() {
            return mode == TlsMode.REQUIRED;
        }

        @Override
        public String toString() {
            return mode.name() + (verifyCertificate ? "+verify" : "");
        }
    }

    public NextHop {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(tls, "tls");
        if (destination.host().isBlank()) {
            throw new IllegalArgumentException("next hop '" + name + "': empty host");
        }
        if (destination.port() < 1 || destination.port() > 65535) {
            throw new IllegalArgumentException("next hop '" + name + "': port " + destination.port()
                    + " out of range 1-65535");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("next hop '" + name + "': maxConnections " + maxConnections + " < 1");
        }
    }

    /** A relay host name, looked up in DNS; plain, not final, one connection until told otherwise. */
    public static NextHop relayHost(String name, String host, int port) {
        return new NextHop(name, new Destination(Kind.HOST, host, port), false, Tls.NONE, 1);
    }

    /** A relay by IP address, as smtproutes {@code [1.2.3.4]:port}. */
    public static NextHop ipLiteral(String name, String ip, int port) {
        return new NextHop(name, new Destination(Kind.IP_LITERAL, ip, port), false, Tls.NONE, 1);
    }

    /** The MX hosts of {@code domain} on {@code port}. */
    public static NextHop mxOf(String name, String domain, int port) {
        return new NextHop(name, new Destination(Kind.MX, domain, port), false, Tls.NONE, 1);
    }

    /** The MX hosts of {@code domain} on port 25, as qmail does for an empty relay. */
    public static NextHop mxOf(String domain, int maxConnections) {
        return mxOf(domain, domain, 25).withMaxConnections(maxConnections);
    }

    public NextHop asFinalDelivery() {
        return new NextHop(name, destination, true, tls, maxConnections);
    }

    public NextHop withTls(Tls policy) {
        return new NextHop(name, destination, finalDelivery, policy, maxConnections);
    }

    public NextHop withMaxConnections(int max) {
        return new NextHop(name, destination, finalDelivery, tls, max);
    }

    public String host() {
        return destination.host();
    }

    public int port() {
        return destination.port();
    }

    /** {@code host} is an IP address and must not be looked up in DNS. */
    public boolean literalIp() {
        return destination.kind() == Kind.IP_LITERAL;
    }

    /** {@code host} is a mail domain: connect to its MX hosts. */
    public boolean mx() {
        return destination.kind() == Kind.MX;
    }

    @Override
    public String toString() {
        return name + "=" + (literalIp() ? "[" + host() + "]" : mx() ? "mx:" + host() : host()) + ":" + port();
    }
}
