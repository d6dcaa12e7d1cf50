package org.twgate.config.route;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the route for a recipient domain with qmail-remote's smtproutes rules.
 *
 * <p>qmail-remote does not scan the file in order. For the domain {@code a.b.c} it looks
 * up the key {@code a.b.c}, then {@code .b.c}, then {@code .c}, then the empty key, and
 * takes the first key present: the most specific entry wins wherever it stands in the
 * file. {@code .b.c} therefore never matches {@code b.c} itself. Keys compare without
 * regard to case. When a key appears twice, qmail's constmap finds the entry added
 * last, so the later line wins; twgate does the same, and {@link #shadowed()} lists the
 * lines that can never be used so that {@code twgate check} can show them.
 */
public final class RouteTable {

    /** A route no lookup can reach, and the later route with the same key that wins. */
    public record Shadowed(Route route, Route by) {
    }

    private final List<Route> routes;
    private final Map<String, Route> byKey;
    private final List<Shadowed> shadowed;

    public RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
        Map<String, Route> keys = new LinkedHashMap<>();
        List<Shadowed> hidden = new ArrayList<>();
        for (Route route : routes) {
            Route before = keys.put(route.domain().toLowerCase(Locale.ROOT), route);
            if (before != null) {
                hidden.add(new Shadowed(before, route));
            }
        }
        this.byKey = Map.copyOf(keys);
        this.shadowed = List.copyOf(hidden);
    }

    /**
     * The route for recipient {@code domain}: exact key, then dot-suffixes longest first,
     * then the default; empty when no key matches (qmail-remote would then use MX).
     */
    public Optional<Route> lookup(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        Route exact = byKey.get(d);
        if (exact != null) {
            return Optional.of(exact);
        }
        for (int i = d.indexOf('.'); i >= 0; i = d.indexOf('.', i + 1)) {
            Route suffix = byKey.get(d.substring(i));
            if (suffix != null) {
                return Optional.of(suffix);
            }
        }
        return Optional.ofNullable(byKey.get(""));
    }

    /**
     * The route's key in the queue, journal, logs and metrics, and in {@code twgate check} and
     * {@code twgate address}: its name, or {@code name#N} when several routes share the name
     * (every line of an imported smtproutes file does) or it is {@code mx} (the implicit route).
     */
    public String keyOf(Route route) {
        long sharing = routes.stream().filter(r -> r.name().equals(route.name())).count();
        if (sharing <= 1 && !route.name().equals("mx")) {
            return route.name();
        }
        int n = 0;
        for (Route r : routes) {
            if (r.name().equals(route.name())) {
                n++;
                if (r == route) {
                    return route.name() + "#" + n;
                }
            }
        }
        return route.name();
    }

    /** Every route as defined, including shadowed ones. */
    public List<Route> routes() {
        return routes;
    }

    /**
     * The reachable routes in the order a lookup prefers them: exact domains (in
     * definition order), then {@code .suffix} routes from the longest, then the default.
     */
    public List<Route> inLookupOrder() {
        List<Route> reachable = new ArrayList<>();
        for (Route r : routes) {
            if (byKey.get(r.domain()) == r) {
                reachable.add(r);
            }
        }
        reachable.sort(Comparator.comparingInt(RouteTable::rank));
        return List.copyOf(reachable);
    }

    public List<Shadowed> shadowed() {
        return shadowed;
    }

    private static int rank(Route r) {
        if (r.domain().isEmpty()) {
            return Integer.MAX_VALUE;
        }
        if (r.domain().startsWith(".")) {
            return 1_000_000 - r.domain().length();
        }
        return 0;
    }
}
