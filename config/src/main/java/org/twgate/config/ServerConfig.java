package org.twgate.config;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The SMTP server: where it listens and the limits it enforces.
 *
 * @param maxMessageSize     octets advertised with SIZE; 0 = no limit
 * @param maxCommandLine     octets of a command line including CRLF (RFC 5321 4.5.3.1.4)
 * @param maxDataLine        octets of a DATA line; a longer one refuses the message; 0 = no limit
 * @param maxReceivedHeaders more {@code Received:} headers than this is a mail loop
 * @param ioThreads          Netty I/O threads; 0 = automatic
 * @param tls                STARTTLS key material; empty: STARTTLS is not offered
 */
public record ServerConfig(List<InetSocketAddress> listen, String hostname, long maxMessageSize,
                           int maxRecipients, int maxCommandLine, long maxDataLine, int maxConnections,
                           int maxConnectionsPerIp, Duration idleTimeout, int maxReceivedHeaders,
                           BareLineEndings bareLineEndings, Duration shutdownGrace, int ioThreads,
                           Optional<TlsServerConfig> tls) {

    /** What to do with a bare CR or LF in DATA, the stuff of SMTP smuggling. */
    public enum BareLineEndings {
        /** Store a line ended by a bare LF with CRLF; a bare CR inside a line is content. */
        NORMALIZE,
        /** Refuse the message. */
        REJECT
    }

    public ServerConfig {
        listen = List.copyOf(listen);
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(bareLineEndings, "bareLineEndings");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(tls, "tls");
    }
}
