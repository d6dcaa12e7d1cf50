package org.twgate.config;

import java.util.List;
import java.util.Objects;
import org.twgate.config.policy.PolicyConfig;
import org.twgate.config.rewrite.RewriteConfig;
import org.twgate.config.route.RouteTable;

/**
 * The whole, validated, immutable configuration of one twgate process.
 *
 * @param source   the file it was loaded from, or {@code <defaults>}
 * @param warnings things read that have no effect (shadowed routes, host name rules …),
 *                 for {@code twgate check} and the start-up log; never fatal
 * @param rewrite  the compiled rewrite rule sets routes refer to
 */
public record GatewayConfig(ServerConfig server, PolicyConfig policy, SpoolConfig spool,
                            DeliveryConfig delivery, RouteTable routes, MetricsConfig metrics,
                            LoggingConfig logging, TeamwareConfig teamware, String source,
                            List<Problem> warnings, RewriteConfig rewrite) {

    public GatewayConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(spool, "spool");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(routes, "routes");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(logging, "logging");
        Objects.requireNonNull(teamware, "teamware");
        Objects.requireNonNull(source, "source");
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(rewrite, "rewrite");
    }
}
