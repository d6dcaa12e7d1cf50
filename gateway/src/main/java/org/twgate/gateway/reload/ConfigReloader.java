package org.twgate.gateway.reload;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.twgate.config.ConfigException;
import org.twgate.config.GatewayConfig;
import org.twgate.config.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the configuration (and every file it imports: smtproutes, rcpthosts, tcp.smtp rules,
 * to.ini, tombsmtp.ini) and puts in force what can change at run time:
 * <ul>
 * <li>the {@link Routing}: routes, rewrite rule sets, {@code deliver_relayed_dsn}, the relay
 *     policy and the Teamware connector rules, built as a whole and swapped in one write;</li>
 * <li>the per-session server limits, for sessions opened from then on.</li>
 * </ul>
 * An invalid configuration (including a route naming an undefined rule set) is refused as a
 * whole and the running one kept. Keys bound at start ({@link RestartOnly}) are reported as
 * needing a restart, never half-applied. Sessions already open and queued mail are untouched;
 * a queued message takes the routes in force at its next attempt.
 */
public final class ConfigReloader {
    private static final Logger LOG = LoggerFactory.getLogger("org.twgate.reload");

    /** Loads the configuration afresh, as at start (file, imports, environment). */
    @FunctionalInterface
    public interface Source {
        GatewayConfig load() throws ConfigException;
    }

    private final Source source;
    private final GatewayConfig started;
    private final Routing.InForce routing;
    private final Function<GatewayConfig, Routing> routingOf;
    private final Consumer<ServerConfig> newSessions;
    private final Runnable routesChanged;
    private GatewayConfig running;

    /**
     * @param started       the configuration the process started with (what is bound)
     * @param routingOf     builds the routing of a configuration; throws to refuse it
     * @param newSessions   takes the server limits for sessions opened after the reload
     * @param routesChanged runs after a reload whose routes differ from the running ones (the
     *                      gateway tries the queued mail again at once: it may have been waiting
     *                      for exactly this change, with hours of backoff ahead of it)
     */
    public ConfigReloader(Source source, GatewayConfig started, Routing.InForce routing,
            Function<GatewayConfig, Routing> routingOf, Consumer<ServerConfig> newSessions, Runnable routesChanged) {
        this.routesChanged = routesChanged;
        this.source = source;
        this.started = started;
        this.running = started;
        this.routing = routing;
        this.routingOf = routingOf;
        this.newSessions = newSessions;
    }

    /** One reload; serialised, so two signals in a row apply in order. */
    public synchronized ReloadOutcome reload() {
        GatewayConfig next;
        Routing nextRouting;
        try {
            next = source.load();
            nextRouting = routingOf.apply(next);
        } catch (ConfigException | RuntimeException e) {
            String error = String.valueOf(e.getMessage());
            LOG.error("event=reload_refused error=\"{}\"", error.replace('\n', ' '));
            return new ReloadOutcome.Refused(error);
        }
        routing.replace(nextRouting);
        newSessions.accept(next.server());
        boolean newRoutes = !running.routes().routes().equals(next.routes().routes());
        running = next;
        if (newRoutes) {
            routesChanged.run();
        }
        List<String> needRestart = RestartOnly.changed(started, next);
        LOG.info("event=reloaded source={} applied=routes,rewrite,teamware,policy,server_limits need_restart={}",
                next.source(), needRestart);
        return new ReloadOutcome.Applied(next.source(), needRestart);
    }

    /** The configuration last loaded (restart-only keys of it may not be in force: see {@link RestartOnly}). */
    public synchronized GatewayConfig running() {
        return running;
    }
}
