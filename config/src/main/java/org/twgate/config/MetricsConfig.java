package org.twgate.config;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The HTTP endpoint of {@code /metrics} and {@code /health}; empty {@code listen} means disabled
 * ({@code listen: ""}). The status page ({@code /}, {@code /status.json}) is served there too,
 * unless {@code status_listen} gives it an address of its own or switches it off ({@code ""}).
 *
 * @param statusListen the status page's own address; empty: on {@code listen} (or nowhere)
 * @param statusPage   false when {@code status_listen: ""} switched the page off
 */
public record MetricsConfig(Optional<InetSocketAddress> listen, Optional<InetSocketAddress> statusListen,
        boolean statusPage) {

    /** Metrics on {@code listen}, the status page with them. */
    public MetricsConfig(Optional<InetSocketAddress> listen) {
        this(listen, Optional.empty(), true);
    }

    /** Where the status page is served: its own address, else the metrics address; empty when nowhere. */
    public Optional<InetSocketAddress> statusAddress() {
        return !statusPage ? Optional.empty() : statusListen.isPresent() ? statusListen : listen;
    }
}
