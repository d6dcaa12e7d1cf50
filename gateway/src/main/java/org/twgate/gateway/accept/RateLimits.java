package org.twgate.gateway.accept;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-client rates in the spirit of Postfix's anvil: what one client (an address, or the network
 * prefix it belongs to) may do per {@code unit}; 0 means no limit. The concurrent-session limit
 * is {@link AcceptSettings#maxConnectionsPerIp()}, counted per the same client key.
 *
 * @param exemptRelayClients relay clients are held to none of these, nor to the concurrent limit
 */
public record RateLimits(int connections, int messages, int recipients, Duration unit, int ipv4Prefix,
                         int ipv6Prefix, boolean exemptRelayClients) {
    public static final RateLimits NONE = new RateLimits(0, 0, 0, Duration.ofMinutes(1), 32, 128, false);

    public RateLimits {
        Objects.requireNonNull(unit, "unit");
        if (unit.isZero() || unit.isNegative()) {
            throw new IllegalArgumentException("rate unit must be more than 0: " + unit);
        }
        if (ipv4Prefix < 0 || ipv4Prefix > 32 || ipv6Prefix < 0 || ipv6Prefix > 128) {
            throw new IllegalArgumentException("bad prefix length /" + ipv4Prefix + " or /" + ipv6Prefix);
        }
    }

    /** The same limits counted per {@code next} (a minute, an hour…). */
    public RateLimits per(Duration next) {
        return new RateLimits(connections, messages, recipients, next, ipv4Prefix, ipv6Prefix, exemptRelayClients);
    }

    /** At most {@code limit} new connections per unit; 0 for no limit. */
    public RateLimits withConnections(int limit) {
        return new RateLimits(limit, messages, recipients, unit, ipv4Prefix, ipv6Prefix, exemptRelayClients);
    }

    /** At most {@code limit} MAIL commands per unit; 0 for no limit. */
    public RateLimits withMessages(int limit) {
        return new RateLimits(connections, limit, recipients, unit, ipv4Prefix, ipv6Prefix, exemptRelayClients);
    }

    /** At most {@code limit} accepted RCPT commands per unit; 0 for no limit. */
    public RateLimits withRecipients(int limit) {
        return new RateLimits(connections, messages, limit, unit, ipv4Prefix, ipv6Prefix, exemptRelayClients);
    }

    /** One client is an IPv4 address's /{@code ipv4} network, an IPv6 address's /{@code ipv6}. */
    public RateLimits countedPerPrefix(int ipv4, int ipv6) {
        return new RateLimits(connections, messages, recipients, unit, ipv4, ipv6, exemptRelayClients);
    }

    /** Relay clients are held to none of these (nor to the concurrent limit) when {@code exempt}. */
    public RateLimits exemptingRelayClients(boolean exempt) {
        return new RateLimits(connections, messages, recipients, unit, ipv4Prefix, ipv6Prefix, exempt);
    }
}
