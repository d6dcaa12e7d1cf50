package org.twgate.gateway.reload;

import org.twgate.config.route.Route;
import org.twgate.gateway.policy.RelayPolicy;
import org.twgate.gateway.queue.Dispatch;
import org.twgate.gateway.route.ConfiguredRouter;
import org.twgate.gateway.route.RouteCourier;

/**
 * Everything a configuration decides about where mail goes and who may send it, built as a
 * whole from one configuration: the routing table ({@code routes}, smtproutes), each route's
 * rewriting and {@code deliver_relayed_dsn}, the courier that applies them, and the relay policy
 * with the Teamware connector rules (which judge recipients by these same routes and rewriting).
 * A reload replaces it in one write, so nothing ever sees a table of one configuration with the
 * rewriting or policy of another.
 */
public record Routing(ConfiguredRouter router, RouteCourier courier, RelayPolicy policy) {

    /** What the queue needs of it for one attempt. */
    public Dispatch dispatch() {
        return new Dispatch(router, courier);
    }

    /** The route's {@code deliver_relayed_dsn}; empty when no route has this key (any more). */
    java.util.Optional<Integer> relayedDsnPolicy(String routeKey) {
        Route route = router.byKey().get(routeKey);
        return route == null ? java.util.Optional.empty() : java.util.Optional.of(route.deliverRelayedDsn());
    }
}
