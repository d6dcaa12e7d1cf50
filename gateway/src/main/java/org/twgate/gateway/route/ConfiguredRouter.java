package org.twgate.gateway.route;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.twgate.config.Source;
import org.twgate.config.route.PipePer;
import org.twgate.config.route.Relay;
import org.twgate.config.route.Route;
import org.twgate.config.route.RouteTable;
import org.twgate.config.route.TlsMode;
import org.twgate.config.route.Transport;
import org.twgate.gateway.queue.Router;

/**
 * Routes by recipient domain through the configured table; unmatched domains go by MX.
 * Each route gets a key for the queue, journal and metrics: its name, or {@code name#N} when
 * several routes share a name (every line of an imported smtproutes file does).
 */
public final class ConfiguredRouter implements Router {
    /** The route of domains no smtproutes line matches: qmail-remote then uses MX records. */
    public static final String MX_ROUTE = "mx";

    private final RouteTable table;
    private final Route mxRoute;
    private final Map<Route, String> keys = new IdentityHashMap<>();
    private final Map<String, Route> byKey = new HashMap<>();

    public ConfiguredRouter(RouteTable table, int maxConnections) {
        this.table = table;
        this.mxRoute = new Route(MX_ROUTE, "", Relay.mx(), false, Transport.SMTP, List.of(), PipePer.RECIPIENT,
                java.time.Duration.ofMinutes(5), null, 0, TlsMode.NONE, false, maxConnections,
                new Source("<implicit MX route>", 0));
        Map<String, Integer> seen = new HashMap<>();
        Map<String, Long> counts = new HashMap<>();
        table.routes().forEach(r -> counts.merge(r.name(), 1L, Long::sum));
        for (Route r : table.routes()) {
            int n = seen.merge(r.name(), 1, Integer::sum);
            String key = counts.get(r.name()) > 1 || r.name().equals(MX_ROUTE) ? r.name() + "#" + n : r.name();
            keys.put(r, key);
            byKey.put(key, r);
        }
        keys.put(mxRoute, MX_ROUTE);
        byKey.put(MX_ROUTE, mxRoute);
    }

    @Override
    public String routeFor(String recipientAddress) {
        return keys.get(route(recipientAddress));
    }

    public Route route(String recipientAddress) {
        String domain = recipientAddress.substring(recipientAddress.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        return table.lookup(domain).orElse(mxRoute);
    }

    /** Every route by its key, the implicit MX route included. */
    public Map<String, Route> byKey() {
        return java.util.Collections.unmodifiableMap(byKey);
    }

    public Route byKey(String key) {
        Route route = byKey.get(key);
        if (route == null) {
            throw new IllegalArgumentException("no route with key '" + key + "'");
        }
        return route;
    }
}
