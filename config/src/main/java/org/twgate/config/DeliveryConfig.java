package org.twgate.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The outbound side, common to all routes.
 *
 * @param heloName       name sent in HELO/EHLO; defaults to {@code server.hostname}
 * @param connectionIdle how long an idle outbound connection is kept for reuse
 * @param threads        delivery worker threads
 */
public record DeliveryConfig(String heloName, Duration connectTimeout, Duration commandTimeout,
                             int maxConnectionsPerRoute, Duration connectionIdle, int threads) {

    public DeliveryConfig {
        Objects.requireNonNull(heloName, "heloName");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(connectionIdle, "connectionIdle");
    }
}
