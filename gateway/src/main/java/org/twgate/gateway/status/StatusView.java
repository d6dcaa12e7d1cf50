package org.twgate.gateway.status;

import java.util.List;
import org.twgate.gateway.health.HealthReport;
import org.twgate.gateway.queue.QueueSnapshot;

/** Everything one status page (or status.json) shows, gathered at {@code recorded.now()}. */
public record StatusView(String hostname, StatusRecorder.Recorded recorded, QueueSnapshot queue,
        List<RouteView> routes, HealthReport health) {

    /**
     * One route key.
     *
     * @param nextHop  relay host and port, "MX of the recipient's domain", or the pipe program
     * @param tls      the route's TLS policy ({@code none}, {@code opportunistic}, {@code required})
     * @param figures  its last hour and last success and failure; null when nothing happened yet
     * @param queued   what waits for it; null when nothing does
     */
    public record RouteView(String key, String nextHop, boolean finalDelivery, String tls, int connectionsInUse,
            StatusRecorder.RouteFigures figures, QueueSnapshot.RouteQueue queued) {
    }
}
