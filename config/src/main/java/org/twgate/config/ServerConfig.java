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
 * @param maxConnectionsPerIp concurrent sessions of one client (address or network prefix, see {@link ClientLimits})
 * @param bareLineEndings    for clients that are not relay clients
 * @param relayClientBareLineEndings for relay clients (an old Teamware connector may send bare LF)
 * @param forbidUnauthPipelining refuse a message from a client that is not a relay client when
 *                           commands follow its end of data without waiting for the reply
 * @param ioThreads          Netty I/O threads; 0 = automatic
 * @param tls                STARTTLS key material; empty: STARTTLS is not offered
 */
public record ServerConfig(List<InetSocketAddress> listen, String hostname, long maxMessageSize,
                           int maxRecipients, int maxCommandLine, long maxDataLine, int maxConnections,
                           int maxConnectionsPerIp, Duration idleTimeout, Deadlines deadlines,
                           ClientLimits clientLimits, ReverseDns reverseDns, int maxReceivedHeaders,
                           BareLineEndings bareLineEndings, BareLineEndings relayClientBareLineEndings,
                           boolean forbidUnauthPipelining, Duration shutdownGrace, int ioThreads,
                           Optional<TlsServerConfig> tls) {

    /**
     * How long a client may take, as Postfix's {@code smtpd_timeout} with per-request deadlines
     * and {@code smtpd_min_data_rate}.
     *
     * @param command     a whole command line must arrive within this of the server being ready for it
     * @param data        how far the message content may fall behind {@code minDataRate}
     * @param minDataRate octets per second the content must keep up on average; 0: the whole
     *                    content must arrive within {@code data}
     */
    public record Deadlines(Duration command, Duration data, long minDataRate) {
        public Deadlines {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * Per-client rate limits in the spirit of Postfix's anvil: counted per client address, or
     * per network prefix of it, over {@code timeUnit}; 0 means no limit.
     *
     * @param exemptRelayClients relay clients are held to neither these nor {@code max_connections_per_ip}
     */
    public record ClientLimits(int connectionRate, int messageRate, int recipientRate, Duration timeUnit,
                               int ipv4Prefix, int ipv6Prefix, boolean exemptRelayClients) {
        public ClientLimits {
            Objects.requireNonNull(timeUnit, "timeUnit");
        }
    }

    /** The client's name (PTR, forward-confirmed) for {@code Received:}, looked up off the I/O threads. */
    public record ReverseDns(boolean enabled, Duration timeout) {
        public ReverseDns {
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    /** What to do with a bare CR or LF (in a command or in DATA), the stuff of SMTP smuggling. */
    public enum BareLineEndings {
        /** Store a line ended by a bare LF with CRLF; a bare CR inside a line is content. */
        NORMALIZE,
        /** Refuse the command or the message (a NUL in the message too). */
        REJECT
    }

    public ServerConfig {
        listen = List.copyOf(listen);
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(deadlines, "deadlines");
        Objects.requireNonNull(clientLimits, "clientLimits");
        Objects.requireNonNull(reverseDns, "reverseDns");
        Objects.requireNonNull(bareLineEndings, "bareLineEndings");
        Objects.requireNonNull(relayClientBareLineEndings, "relayClientBareLineEndings");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(tls, "tls");
    }
}
