package org.twgate.gateway.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.twgate.config.route.Route;
import org.twgate.config.route.Transport;
import org.twgate.gateway.health.HealthReport;
import org.twgate.gateway.queue.QueueSnapshot;

/**
 * Gathers one {@link StatusView} per request from what twgate holds in memory: the recorder, the
 * queue's snapshot, the routes in force, the outbound sessions in use and the readiness checks.
 * Reads no spool file; changes nothing.
 */
public final class StatusBoard {
    /** How many of the oldest deferred recipients the queue table lists. */
    public static final int OLDEST_DEFERRED = 10;

    private final String hostname;
    private final StatusRecorder recorder;
    private final Supplier<QueueSnapshot> queue;
    private final Supplier<Map<String, Route>> routes;
    private final Supplier<Map<String, Integer>> connectionsInUse;
    private final Supplier<HealthReport> health;

    /**
     * @param routes           the routes in force by key (a reload may change them)
     * @param connectionsInUse outbound SMTP sessions in use by route key
     * @param health           the checks of /health/ready, run per request as that endpoint does
     */
    public StatusBoard(String hostname, StatusRecorder recorder, Supplier<QueueSnapshot> queue,
            Supplier<Map<String, Route>> routes, Supplier<Map<String, Integer>> connectionsInUse,
            Supplier<HealthReport> health) {
        this.hostname = hostname;
        this.recorder = recorder;
        this.queue = queue;
        this.routes = routes;
        this.connectionsInUse = connectionsInUse;
        this.health = health;
    }

    public StatusView view() {
        QueueSnapshot q = queue.get();
        StatusRecorder.Recorded recorded = recorder.read();
        Map<String, Route> configured = routes.get();
        Map<String, Integer> inUse = connectionsInUse.get();
        // Configured routes first (in key order), then keys only the queue or the last hour still know.
        Set<String> keys = new TreeSet<>(configured.keySet());
        Set<String> others = new TreeSet<>(recorded.routes().keySet());
        others.addAll(q.routes().keySet());
        others.removeAll(keys);
        List<StatusView.RouteView> out = new ArrayList<>();
        for (String key : keys) {
            out.add(routeView(key, configured.get(key), inUse, recorded, q));
        }
        for (String key : others) {
            out.add(routeView(key, null, inUse, recorded, q));
        }
        return new StatusView(hostname, recorded, q, List.copyOf(out), health.get());
    }

    private static StatusView.RouteView routeView(String key, Route route, Map<String, Integer> inUse,
            StatusRecorder.Recorded recorded, QueueSnapshot q) {
        String hop;
        String tls;
        if (route == null) {
            hop = key.equals(QueueSnapshot.NOT_YET_ATTEMPTED) ? "-" : "(no longer configured)";
            tls = "-";
        } else if (route.transport() == Transport.PIPE) {
            hop = "pipe: " + (route.pipeCommand().isEmpty() ? "?" : route.pipeCommand().get(0));
            tls = "-";
        } else {
            hop = route.relay().isMx() ? "MX of the recipient's domain"
                    : (route.relay().literalIp() ? "[" + route.relay().host() + "]" : route.relay().host()) + ":"
                            + route.relay().port();
            tls = route.tls().name().toLowerCase(Locale.ROOT) + (route.tlsVerify() ? ", verified" : "");
        }
        return new StatusView.RouteView(key, hop, route != null && route.finalDelivery(), tls,
                inUse.getOrDefault(key, 0), recorded.routes().get(key), q.routes().get(key));
    }
}
