package org.twgate.gateway.reload;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twgate.config.route.Route;
import org.twgate.gateway.policy.RelayPolicy;
import org.twgate.gateway.policy.SwappableRelayPolicy;
import org.twgate.gateway.queue.Courier;
import org.twgate.gateway.route.RouteCourier;
import org.twgate.gateway.route.Routes;

/**
 * Everything a configuration decides about where mail goes and who may send it, built as a
 * whole from one configuration: the routes ({@code routes}, smtproutes), the courier that
 * applies each route's rewriting and {@code deliver_relayed_dsn}, and the relay policy with the
 * Teamware connector rules (which judge recipients by these same routes and rewriting). A reload
 * replaces it in one write ({@link InForce}), so nothing ever sees the routes of one
 * configuration with the rewriting or policy of another.
 */
public record Routing(Routes routes, RouteCourier courier, RelayPolicy policy) {

    /** The route's {@code deliver_relayed_dsn}; empty when no route has this key (any more). */
    java.util.Optional<Integer> relayedDsnPolicy(String routeKey) {
        Route route = routes.byKey().get(routeKey);
        return route == null ? java.util.Optional.empty() : java.util.Optional.of(route.deliverRelayedDsn());
    }

    /**
     * The routing in force: one reference, read once per decision (an RCPT, a delivery attempt,
     * a relayed notice) and replaced as a whole by a reload. The queue (through its
     * {@link Courier}), the SMTP server's policy and the notifier all read through here, so they
     * never disagree for longer than one decision.
     */
    public static final class InForce implements Supplier<Courier> {
        private static final Logger LOG = LoggerFactory.getLogger("org.twgate.reload");
        /** RFC 3464 report, the DSN default, for a route key a reload has just removed. */
        private static final int DEFAULT_RELAYED_DSN = 0;

        private final AtomicReference<Routing> current;
        private final RelayPolicy policy;

        public InForce(Routing initial) {
            this.current = new AtomicReference<>(initial);
            this.policy = new SwappableRelayPolicy(() -> current.get().policy());
        }

        public Routing current() {
            return current.get();
        }

        void replace(Routing next) {
            current.set(next);
        }

        /** The courier of the routing in force, for one attempt. */
        @Override
        public Courier get() {
            return current.get().courier();
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
                LOG.warn("event=relayed_dsn_route_gone route={} deliver_relayed_dsn={}", routeKey,
                        DEFAULT_RELAYED_DSN);
                return DEFAULT_RELAYED_DSN;
            });
        }
    }
}
