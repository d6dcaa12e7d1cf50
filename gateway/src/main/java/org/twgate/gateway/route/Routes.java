package org.twgate.gateway.route;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import org.twgate.config.Source;
import org.twgate.config.route.Relay;
import org.twgate.config.route.Route;
import org.twgate.config.route.RouteTable;

/**
 * The configured routes, looked up by recipient: by domain through the table; unmatched domains go by MX. When
 * the domain's route has a rule set whose matching rule is a {@code route:} rule, the address
 * goes to the route that rule names instead (followed once): in a domain qmail shares with
 * Teamware, the addresses qmail delivers itself go back to qmail.
 * Each route gets a key for the queue, journal and metrics: its name, or {@code name#N} when
 * several routes share a name (every line of an imported smtproutes file does).
 */
public final class Routes {
    /** The route of domains no smtproutes line matches: qmail-remote then uses MX records. */
    public static final String MX_ROUTE = "mx";

    private final RouteTable table;
    private final Route mxRoute;
    private final Map<Route, String> keys = new IdentityHashMap<>();
    private final Map<String, Route> byKey = new HashMap<>();
    private final Map<String, Route> byName = new HashMap<>();
    private final org.twgate.config.rewrite.RewriteConfig rewrite;

    public Routes(RouteTable table, int maxConnections) {
        this(table, maxConnections, null);
    }

    /** @param rewrite the rule sets, for {@code route:} rules; null to route by domain only */
    public Routes(RouteTable table, int maxConnections, org.twgate.config.rewrite.RewriteConfig rewrite) {
        this.table = table;
        this.rewrite = rewrite;
        table.routes().forEach(r -> byName.putIfAbsent(r.name(), r));
        this.mxRoute = Route.builder(MX_ROUTE, "", Relay.mx(), new Source("<implicit MX route>", 0))
                .maxConnections(maxConnections).build();
        for (Route r : table.routes()) {
            String key = table.keyOf(r);
            keys.put(r, key);
            byKey.put(key, r);
        }
        keys.put(mxRoute, MX_ROUTE);
        byKey.put(MX_ROUTE, mxRoute);
    }

    /** The key of the route {@code recipientAddress} takes. */
    public String routeFor(String recipientAddress) {
        return keys.get(route(recipientAddress));
    }

    public Route route(String recipientAddress) {
        String domain = recipientAddress.substring(recipientAddress.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        Route byDomain = table.lookup(domain).orElse(mxRoute);
        return passedTo(byDomain, recipientAddress).orElse(byDomain);
    }

    /** The route a {@code route:} rule of {@code route}'s rule set hands the address to, if one does. */
    public java.util.Optional<Route> passedTo(Route route, String recipientAddress) {
        if (rewrite == null || route.rewrite() == null) {
            return java.util.Optional.empty();
        }
        org.twgate.rewrite.address.EmailAddress address;
        try {
            address = org.twgate.rewrite.address.EmailAddress.parse(recipientAddress);
        } catch (org.twgate.rewrite.address.AddressSyntaxException e) {
            return java.util.Optional.empty();
        }
        return rewrite.set(route.rewrite()).flatMap(set -> set.match(address))
                .filter(rule -> rule.spec().passes()).map(rule -> byName.get(rule.spec().route()));
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
