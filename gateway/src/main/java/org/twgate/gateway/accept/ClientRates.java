package org.twgate.gateway.accept;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.twgate.config.syntax.Durations;

/**
 * What each client is doing, in the spirit of Postfix's anvil(8): sessions open now, and
 * connections, messages (MAIL) and recipients (RCPT) in the current time unit, per client key (its
 * address, or the network prefix it belongs to). The time unit of a client starts with its first
 * event and the counts start again after it, as anvil's do; an attempt over a limit counts too, so
 * a client that keeps hammering stays refused until it slows down. Shared by every session and
 * kept across reloads; each session brings the limits it started with.
 *
 * <p>Called on event loops; each client's counts are guarded by their own lock, held for a few
 * arithmetic operations. Idle clients are forgotten once their unit is over (a sweep at most once
 * per minute, by whichever thread admits a connection then).
 */
final class ClientRates {
    private static final long SWEEP_MILLIS = 60_000;

    /** Why a connection is refused, or null: admitted. */
    record Admission(Client client, ConnectionRefusal refusal, int limit) {
    }

    private final ConcurrentHashMap<String, Counts> clients = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep = new AtomicLong();
    private final Clock clock;

    ClientRates(Clock clock) {
        this.clock = clock;
        lastSweep.set(clock.millis());
    }

    /** The key a client is counted under: its address, or {@code network/prefix} for a shorter prefix. */
    static String key(InetAddress address, RateLimits limits) {
        byte[] bytes = address.getAddress();
        int prefix = address instanceof Inet4Address ? limits.ipv4Prefix() : limits.ipv6Prefix();
        if (prefix >= bytes.length * 8) {
            return address.getHostAddress();
        }
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress() + "/" + prefix;
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A new connection from {@code key}: refused over the connection rate or over
     * {@code maxConcurrent} sessions (0: no limit), else admitted and counted until
     * {@link Client#closed()}.
     */
    Admission connect(String key, RateLimits limits, int maxConcurrent) {
        long now = clock.millis();
        sweep(now);
        Counts counts = clients.computeIfAbsent(key, k -> new Counts(now));
        synchronized (counts) {
            counts.roll(now, limits);
            counts.connections++;
            if (limits.connections() > 0 && counts.connections > limits.connections()) {
                return new Admission(null, ConnectionRefusal.CONNECTION_RATE, limits.connections());
            }
            if (maxConcurrent > 0 && counts.sessions >= maxConcurrent) {
                return new Admission(null, ConnectionRefusal.MAX_CONNECTIONS_PER_IP, maxConcurrent);
            }
            counts.sessions++;
        }
        return new Admission(new Client(key, limits, counts, clock), null, 0);
    }

    /** Clients known now (tests, and a bound worth watching). */
    int size() {
        return clients.size();
    }

    private void sweep(long now) {
        long last = lastSweep.get();
        if (now - last < SWEEP_MILLIS || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        clients.entrySet().removeIf(e -> e.getValue().idleAt(now));
    }

    /** One client's counts. */
    private static final class Counts {
        private long unitStart;
        private long unitMillis = Long.MAX_VALUE;
        private int sessions;
        private int connections;
        private int messages;
        private int recipients;

        Counts(long now) {
            unitStart = now;
        }

        /** A new time unit begins once the last one is over. */
        void roll(long now, RateLimits limits) {
            unitMillis = limits.unit().toMillis();
            if (now - unitStart >= unitMillis) {
                unitStart = now;
                connections = 0;
                messages = 0;
                recipients = 0;
            }
        }

        synchronized boolean idleAt(long now) {
            return sessions == 0 && now - unitStart >= unitMillis;
        }
    }

    /** One session's client: asked before each MAIL and RCPT is accepted, told when the session ends. */
    static final class Client {
        /** A relay client exempt from the limits. */
        static final Client UNLIMITED = new Client(null, null, null, null);

        private final String key;
        private final RateLimits limits;
        private final Counts counts;
        private final Clock clock;

        private Client(String key, RateLimits limits, Counts counts, Clock clock) {
            this.key = key;
            this.limits = limits;
            this.counts = counts;
            this.clock = clock;
        }

        /** Counts one more message; the refusal when that is over the message rate, else null. */
        Reply message() {
            return count(limits == null ? 0 : limits.messages(), c -> ++c.messages, AcceptReplies::messageRate);
        }

        /** Counts one more recipient; the refusal when that is over the recipient rate, else null. */
        Reply recipient() {
            return count(limits == null ? 0 : limits.recipients(), c -> ++c.recipients, AcceptReplies::recipientRate);
        }

        /** The refusal naming a rate limit: client key, limit, time unit. */
        private interface RateRefusal {
            Reply of(String client, int limit, String unit);
        }

        private Reply count(int limit, java.util.function.ToIntFunction<Counts> increment, RateRefusal refusal) {
            if (counts == null || limit == 0) {
                return null;
            }
            synchronized (counts) {
                counts.roll(clock.millis(), limits);
                if (increment.applyAsInt(counts) > limit) {
                    return refusal.of(key, limit, Durations.format(limits.unit()));
                }
            }
            return null;
        }

        void closed() {
            if (counts != null) {
                synchronized (counts) {
                    counts.sessions--;
                }
            }
        }
    }
}
