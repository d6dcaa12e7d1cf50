package org.twgate.gateway.reload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.twgate.config.GatewayConfig;

/**
 * The configuration keys read only at start: what is bound (sockets, threads, the spool
 * directory, key material) or copied into long-lived objects (the queue's retry schedule, the
 * SMTP client, the log appenders). A reload names each one that differs from the configuration
 * the process started with, so an operator sees exactly what awaits a restart, and keeps
 * seeing it on later reloads until the restart happens.
 *
 * <p>Everything else applies on reload: routes, rewrite, teamware, policy and the per-session
 * server limits (for sessions opened after the reload).
 */
final class RestartOnly {
    private static final Map<String, Function<GatewayConfig, Object>> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("server.listen", c -> c.server().listen());
        KEYS.put("server.hostname", c -> c.server().hostname());
        KEYS.put("server.io_threads", c -> c.server().ioThreads());
        KEYS.put("server.tls", c -> c.server().tls());
        KEYS.put("server.shutdown_grace", c -> c.server().shutdownGrace());
        KEYS.put("spool.directory", c -> c.spool().directory());
        KEYS.put("spool.retry_initial", c -> c.spool().retryInitial());
        KEYS.put("spool.retry_max", c -> c.spool().retryMax());
        KEYS.put("spool.max_lifetime", c -> c.spool().maxLifetime());
        KEYS.put("spool.delay_warning", c -> c.spool().delayWarning());
        KEYS.put("spool.max_queued_messages", c -> c.spool().maxQueuedMessages());
        KEYS.put("delivery.helo_name", c -> c.delivery().heloName());
        KEYS.put("delivery.connect_timeout", c -> c.delivery().connectTimeout());
        KEYS.put("delivery.command_timeout", c -> c.delivery().commandTimeout());
        KEYS.put("delivery.connection_idle", c -> c.delivery().connectionIdle());
        KEYS.put("delivery.threads", c -> c.delivery().threads());
        KEYS.put("metrics.listen", c -> c.metrics().listen());
        // The key as written (its own address, or "" for off), not where the page ends up: that
        // follows metrics.listen when the key is unset, and metrics.listen is named already.
        KEYS.put("metrics.status_listen", c -> List.of(c.metrics().statusListen(), c.metrics().statusPage()));
        KEYS.put("logging.level", c -> c.logging().level());
        KEYS.put("logging.format", c -> c.logging().format());
    }

    private RestartOnly() {
    }

    /** The restart-only keys whose value in {@code next} differs from {@code started}, in a fixed order. */
    static List<String> changed(GatewayConfig started, GatewayConfig next) {
        List<String> changed = new ArrayList<>();
        KEYS.forEach((key, value) -> {
            if (!Objects.equals(value.apply(started), value.apply(next))) {
                changed.add(key);
            }
        });
        return changed;
    }

    /** Every restart-only key (documentation and tests). */
    static List<String> keys() {
        return List.copyOf(KEYS.keySet());
    }
}
