package org.twgate.gateway.reload;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.twgate.gateway.policy.RelayPolicy;
import org.twgate.gateway.policy.SwappableRelayPolicy;
import org.twgate.gateway.queue.Dispatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Routing} in force: one reference, read once per decision (an RCPT, a delivery
 * attempt, a relayed notice) and replaced as a whole by a reload. The queue, the SMTP server's
 * policy and the notifier all read through here, so they never disagree for longer than one
 * decision.
 */
public final class RoutingInForce implements Supplier<Dispatch> {
    private static final Logger LOG = LoggerFactory.getLogger("org.twgate.reload");
    /** RFC 3464 report, the DSN default, for a route key a reload has just removed. */
    private static final int DEFAULT_RELAYED_DSN = 0;

    private final AtomicReference<Routing> current;
    private final RelayPolicy policy;

    public RoutingInForce(Routing initial) {
        this.current = new AtomicReference<>(initial);
        this.policy = new SwappableRelayPolicy(() -> current.get().policy());
    }

    public Routing current() {
        return current.get();
    }

    void replace(Routing next) {
        current.set(next);
    }

    @Override
    public Dispatch get() {
        return current.get().dispatch();
    }

    /** The relay policy of whatever routing is in force at each decision. */
    public RelayPolicy policy() {
        return policy;
    }

    /**
     * {@code deliver_relayed_dsn} of a route key. A delivery made just before a reload that
     * removed its route still owes its notice: it gets the default (a report), with a log line.
     */
    public int relayedDsnPolicy(String routeKey) {
        return current.get().relayedDsnPolicy(routeKey).orElseGet(() -> {
            LOG.warn("event=relayed_dsn_route_gone route={} deliver_relayed_dsn={}", routeKey, DEFAULT_RELAYED_DSN);
            return DEFAULT_RELAYED_DSN;
        });
    }
}
