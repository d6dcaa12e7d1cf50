package org.twgate.config;

import java.net.InetSocketAddress;
import java.util.Optional;

/** The Prometheus endpoint; empty {@code listen} means disabled ({@code listen: ""}). */
public record MetricsConfig(Optional<InetSocketAddress> listen) {
}
