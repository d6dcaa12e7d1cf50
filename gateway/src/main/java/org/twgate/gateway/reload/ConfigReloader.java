package org.twgate.gateway.reload;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.twgate.config.ConfigException;
import org.twgate.config.GatewayConfig;
import java.util.function.Function;
import org.twgate.gateway.policy.RelayPolicy;
import org.twgate.gateway.policy.SwappableRelayPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the configuration (and every file it imports) and puts what can change at run time
 * in force: the relay policy (relay clients, tcp.smtp rules, accepted domains, rcpthosts) and
 * the connector acceptance rules mirrored from Teamware ({@code teamware}).
 * An invalid configuration is refused as a whole and the running one kept. Keys bound at start
 * (listen addresses, spool directory, metrics address, routes, limits, threads) are reported as
 * needing a restart rather than half-applied. Sessions and queued mail are untouched.
 */
public final class ConfigReloader {
    private static final Logger LOG = LoggerFactory.getLogger("org.twgate.reload");

    /** Loads the configuration afresh, as at start (file, imports, environment). */
    @FunctionalInterface
    public interface Source {
        GatewayConfig load() throws ConfigException;
    }

    private final Source source;
    private final SwappableRelayPolicy policy;
    private final Function<GatewayConfig, RelayPolicy> policyOf;
    private GatewayConfig running;

    /** @param policyOf builds the relay policy of a configuration (against the running routes) */
    public ConfigReloader(Source source, GatewayConfig running, SwappableRelayPolicy policy,
            Function<GatewayConfig, RelayPolicy> policyOf) {
        this.source = source;
        this.running = running;
        this.policy = policy;
        this.policyOf = policyOf;
    }

    /** One reload; serialised, so two signals in a row apply in order. */
    public synchronized ReloadOutcome reload() {
        GatewayConfig next;
        try {
            next = source.load();
        } catch (ConfigException | RuntimeException e) {
            LOG.error("event=reload_refused error=\"{}\"", e.getMessage().replace('\n', ' '));
            return new ReloadOutcome.Refused(e.getMessage());
        }
        RelayPolicy nextPolicy;
        try {
            nextPolicy = policyOf.apply(next);
        } catch (RuntimeException e) {
            LOG.error("event=reload_refused error=\"{}\"", String.valueOf(e.getMessage()).replace('\n', ' '));
            return new ReloadOutcome.Refused(String.valueOf(e.getMessage()));
        }
        policy.replace(nextPolicy);
        List<String> needRestart = restartOnly(running, next);
        running = next;
        LOG.info("event=reloaded source={} applied=policy need_restart={}", next.source(), needRestart);
        return new ReloadOutcome.Applied(next.source(), needRestart);
    }

    public synchronized GatewayConfig running() {
        return running;
    }

    /** The sections that changed but are only read at start. */
    static List<String> restartOnly(GatewayConfig a, GatewayConfig b) {
        List<String> changed = new ArrayList<>();
        if (!Objects.equals(a.server(), b.server())) {
            changed.add("server");
        }
        if (!Objects.equals(a.spool(), b.spool())) {
            changed.add("spool");
        }
        if (!Objects.equals(a.delivery(), b.delivery())) {
            changed.add("delivery");
        }
        if (!Objects.equals(a.routes().routes(), b.routes().routes())) {
            changed.add("routes");
        }
        if (!Objects.equals(a.rewrite(), b.rewrite())) {
            changed.add("rewrite");
        }
        if (!Objects.equals(a.metrics(), b.metrics())) {
            changed.add("metrics");
        }
        if (!Objects.equals(a.logging(), b.logging())) {
            changed.add("logging");
        }
        return changed;
    }
}
