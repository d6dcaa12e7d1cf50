package org.twgate.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.twgate.config.DeliveryConfig;
import org.twgate.config.GatewayConfig;
import org.twgate.config.ServerConfig;
import org.twgate.config.SpoolConfig;
import org.twgate.gateway.accept.AcceptSettings;
import org.twgate.gateway.accept.Deadlines;
import org.twgate.gateway.accept.Defences;
import org.twgate.gateway.accept.RateLimits;
import org.twgate.gateway.accept.MessageIntake;
import org.twgate.gateway.accept.ServerTls;
import org.twgate.gateway.accept.SmtpServer;
import org.apache.james.protocols.netty.Encryption;
import org.twgate.gateway.deliver.JndiMxResolver;
import org.twgate.gateway.deliver.PipeTransport;
import org.twgate.gateway.health.Readiness;
import org.twgate.gateway.metrics.GatewayMetrics;
import org.twgate.gateway.metrics.MetricsEndpoint;
import org.twgate.gateway.deliver.SmtpClientConfig;
import org.twgate.gateway.deliver.SmtpTransport;
import org.twgate.gateway.notify.LocalSubmission;
import org.twgate.gateway.notify.DsnCounters;
import org.twgate.gateway.notify.DsnNotifier;
import org.twgate.gateway.notify.FinalRouteReports;
import org.twgate.gateway.notify.RelayedMessages;
import org.twgate.gateway.notify.RouteDsnHooks;
import org.twgate.gateway.policy.ConfiguredRelayPolicy;
import org.twgate.gateway.policy.ConnectorRules;
import org.twgate.gateway.policy.RouteRefusals;
import org.twgate.gateway.policy.RelayPolicy;
import org.twgate.gateway.reload.ConfigReloader;
import org.twgate.gateway.reload.Routing;
import org.twgate.gateway.queue.DeliveryQueue;
import org.twgate.gateway.queue.RetrySchedule;
import org.twgate.gateway.queue.control.ControlServer;
import org.twgate.gateway.queue.control.QueueConsole;
import org.twgate.gateway.route.Routes;
import org.twgate.gateway.route.RouteCourier;
import org.twgate.gateway.spool.Spool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the stages are wired: accept → policy → spool → queue → route → deliver
 * → notify. Start order makes the queue ready before the server accepts; stop order is the
 * reverse, so nothing accepted is ever without a queue to take it.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    private static final int SPOOL_IO_THREADS = 8;
    /** spool/relayed/: about 100 bytes a message, so the last 40,000 or more relayed messages. */
    private static final long RELAYED_RECORD_BYTES = 8L << 20;

    private final GatewayConfig config;
    private final Spool spool;
    private final SmtpTransport smtp;
    private final PipeTransport pipe = new PipeTransport();
    private final DeliveryQueue queue;
    private final SmtpServer server;
    private final ControlServer control;
    private final DsnCounters dsnCounters;
    private final GatewayMetrics metrics;
    private final RouteDsnHooks dsnHooks;
    private final Routing.InForce routing;
    private volatile MetricsEndpoint endpoint;

    private Gateway(GatewayConfig config, Clock clock) throws IOException, InterruptedException {
        this.config = config;
        ServerConfig serverConfig = config.server();
        SpoolConfig spoolConfig = config.spool();
        DeliveryConfig delivery = config.delivery();
        // Key material first: a bad key store must fail the start before anything is opened.
        Encryption startTls = serverConfig.tls().isPresent() ? ServerTls.startTls(serverConfig.tls().get()) : null;
        this.metrics = new GatewayMetrics(clock);
        this.dsnCounters = new DsnCounters((action, disposition) ->
                metrics.dsn(action, org.twgate.gateway.metrics.DsnDisposition.valueOf(disposition)));
        this.spool = Spool.open(spoolConfig.directory(), SPOOL_IO_THREADS);
        this.smtp = new SmtpTransport(clientConfig(delivery), new JndiMxResolver(5000, 2));
        this.dsnHooks = dsnHooks(serverConfig, clock);
        // Routes, rewriting, DSN policy, relay policy and connector rules: one value, swapped whole on reload.
        this.routing = new Routing.InForce(routingOf(config));
        DeliveryQueue[] queueRef = new DeliveryQueue[1];
        LocalSubmission submission = new LocalSubmission(spool, stored -> queueRef[0].enqueue(stored), clock);
        this.queue = new DeliveryQueue(spool, routing,
                new DsnNotifier(serverConfig.hostname(), spool, submission, clock, spoolConfig.maxLifetime(),
                        routing::relayedDsnPolicy, dsnCounters),
                new RetrySchedule(spoolConfig.retryInitial(), spoolConfig.retryMax(), spoolConfig.maxLifetime(),
                        spoolConfig.delayWarning()),
                clock, delivery.threads(), metrics.queueListener());
        queueRef[0] = queue;
        metrics.watchQueue(queue::size, queue::oldestArrival);
        int recovered = queue.recover();
        LOG.info("event=spool_recovered spool={} messages={}", spool.root(), recovered);
        this.control = new ControlServer(spool.controlSocket(), new QueueConsole(queue, spool, clock));
        MessageIntake intake = metrics.countingIntake(new AcceptLog(queue::enqueue));
        int ioThreads = serverConfig.ioThreads() > 0 ? serverConfig.ioThreads() : Runtime.getRuntime().availableProcessors();
        this.server = new SmtpServer(acceptSettings(serverConfig, serverConfig.hostname()), routing.policy(), spool,
                intake, ioThreads, clock, startTls, metrics.smtpListener());
    }

    /** Builds and starts a gateway; on failure everything already started is stopped again. */
    public static Gateway start(GatewayConfig config, Clock clock) throws IOException, InterruptedException {
        Gateway gateway = new Gateway(config, clock);
        try {
            gateway.server.start(config.server().listen());
            gateway.startMetrics();
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
        return gateway;
    }

    /** Serves /metrics and /health on metrics.listen, unless it is "" (disabled). */
    private void startMetrics() {
        Optional<InetSocketAddress> listen = config.metrics().listen();
        if (listen.isPresent()) {
            long largest = config.server().maxMessageSize();
            Readiness readiness = new Readiness(server::boundAddresses, spool.queueDir(), spool::usableSpace, largest,
                    config::source);
            metrics.watchReadiness(readiness, spool::usableSpace);
            endpoint = MetricsEndpoint.start(listen.get(), metrics, readiness);
        }
    }

    /**
     * The routing of a configuration, built whole before anything uses it: a route naming an
     * undefined rule set fails here (the start fails, or a reload is refused).
     */
    private Routing routingOf(GatewayConfig next) {
        Routes router = new Routes(next.routes(), next.delivery().maxConnectionsPerRoute(),
                next.rewrite());
        RouteCourier courier = new RouteCourier(router, smtp, pipe, spool, dsnHooks, next.rewrite(), metrics::rewrite);
        RelayPolicy policy = new ConfiguredRelayPolicy(next.policy(),
                new ConnectorRules(router, next.rewrite(), next.teamware()), new RouteRefusals(router, next.rewrite()));
        return new Routing(router, courier, policy);
    }

    /** Reports from elsewhere on final routes, and the record of relayed messages for qmail bounces. */
    private RouteDsnHooks dsnHooks(ServerConfig serverConfig, Clock clock) throws IOException {
        RelayedMessages relayed = RelayedMessages.open(spool.root().resolve("relayed"), RELAYED_RECORD_BYTES);
        return new RouteDsnHooks(spool,
                new FinalRouteReports(serverConfig.hostname(), spool, relayed, clock, dsnCounters), relayed);
    }

    /** @param hostname the name the server started with ({@code server.hostname} needs a restart) */
    static AcceptSettings acceptSettings(ServerConfig s, String hostname) {
        AcceptSettings limits = AcceptSettings.of(hostname, s.maxCommandLine(), s.maxRecipients(), s.maxMessageSize(),
                s.maxDataLine(), s.maxReceivedHeaders(), s.bareLineEndings() == ServerConfig.BareLineEndings.REJECT,
                s.maxConnections(), s.maxConnectionsPerIp(), s.idleTimeout(), true);
        ServerConfig.ClientLimits c = s.clientLimits();
        return limits.with(new Defences(
                new Deadlines(s.deadlines().command(), s.deadlines().data(), s.deadlines().minDataRate()),
                new RateLimits(c.connectionRate(), c.messageRate(), c.recipientRate(), c.timeUnit(), c.ipv4Prefix(),
                        c.ipv6Prefix(), c.exemptRelayClients()),
                s.reverseDns().enabled() ? s.reverseDns().timeout() : Duration.ZERO,
                s.relayClientBareLineEndings() == ServerConfig.BareLineEndings.REJECT, s.forbidUnauthPipelining()));
    }

    private static SmtpClientConfig clientConfig(DeliveryConfig d) {
        SmtpClientConfig defaults = SmtpClientConfig.defaults(d.heloName());
        return new SmtpClientConfig(d.heloName(), d.connectTimeout(), d.commandTimeout(), defaults.dataTimeout(),
                defaults.transactionTimeout(), d.connectionIdle(), defaults.acquireTimeout(), defaults.maxHeaderBytes());
    }

    public List<InetSocketAddress> smtpAddresses() {
        return server.boundAddresses();
    }

    public DeliveryQueue queue() {
        return queue;
    }

    public DsnCounters dsnCounters() {
        return dsnCounters;
    }

    public Spool spool() {
        return spool;
    }

    /**
     * Reloads from {@code source}: routing (routes, rewriting, DSN and relay policy, connector
     * rules) is swapped whole and new sessions get the new server limits; keys bound at start are
     * reported as needing a restart. The same reloader answers {@code twgate reload} on the
     * control socket.
     */
    public ConfigReloader reloader(ConfigReloader.Source source) {
        String hostname = config.server().hostname();
        ConfigReloader reloader = new ConfigReloader(source, config, routing, this::routingOf,
                next -> server.applyToNewSessions(acceptSettings(next, hostname)), () -> {
                    int scheduled = queue.retryNow(null);
                    LOG.info("event=reload_retry reason=routes_changed messages={}", scheduled);
                });
        control.onReload(() -> {
            org.twgate.gateway.reload.ReloadOutcome outcome = reloader.reload();
            if (outcome instanceof org.twgate.gateway.reload.ReloadOutcome.Applied applied) {
                return new QueueConsole.Result(0, "reloaded " + applied.source() + (applied.needRestart().isEmpty() ? ""
                        : "; these changes take effect only after a restart: " + applied.needRestart()) + "\n");
            }
            return new QueueConsole.Result(1, "refused, the running configuration stays:\n"
                    + ((org.twgate.gateway.reload.ReloadOutcome.Refused) outcome).error() + "\n");
        });
        return reloader;
    }

    /** For the stages that count into it (rewrite, DSN). */
    public GatewayMetrics metrics() {
        return metrics;
    }

    /** Where /metrics and /health are served, when enabled (an ephemeral port resolved). */
    public Optional<InetSocketAddress> metricsAddress() {
        MetricsEndpoint e = endpoint;
        return e == null ? Optional.empty() : Optional.of(e.address());
    }

    /** Graceful stop: no new sessions, current ones finish within the grace period, then the queue stops. */
    public void stop() {
        Duration grace = config.server().shutdownGrace();
        LOG.info("event=stopping grace={}", org.twgate.config.syntax.Durations.format(grace));
        server.shutdown(grace);
        close();
    }

    @Override
    public void close() {
        server.close();
        control.close();
        queue.close(Duration.ofSeconds(10));
        smtp.close();
        pipe.close();
        spool.close();
        MetricsEndpoint e = endpoint;
        if (e != null) {
            e.close();
        }
        metrics.close();
        LOG.info("event=stopped");
    }
}
