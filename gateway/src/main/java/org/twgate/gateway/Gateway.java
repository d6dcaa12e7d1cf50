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
import org.twgate.gateway.accept.Reply;
import org.twgate.gateway.accept.ServerTls;
import org.twgate.gateway.accept.SmtpEventLog;
import org.twgate.gateway.accept.SmtpListener;
import org.twgate.gateway.accept.SmtpServer;
import org.apache.james.protocols.netty.Encryption;
import org.twgate.gateway.deliver.JndiMxResolver;
import org.twgate.gateway.deliver.PipeTransport;
import org.twgate.gateway.health.Readiness;
import org.twgate.gateway.metrics.DsnDisposition;
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
import org.twgate.gateway.queue.QueueBound;
import org.twgate.gateway.spool.IncomingMessage;
import org.twgate.gateway.spool.StoredMessage;
import org.twgate.gateway.queue.RetrySchedule;
import org.twgate.gateway.queue.control.ControlServer;
import org.twgate.gateway.queue.control.QueueConsole;
import org.twgate.gateway.route.Routes;
import org.twgate.gateway.route.RouteCourier;
import org.twgate.gateway.spool.Spool;
import org.twgate.gateway.status.StatusBoard;
import org.twgate.gateway.status.StatusEndpoint;
import org.twgate.gateway.status.StatusHttp;
import org.twgate.gateway.status.StatusListeners;
import org.twgate.gateway.status.StatusRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the stages are wired: accept → policy → spool → queue → route → deliver
 * → notify. Start opens, in this order: metrics, the spool (its lock), the delivery transports,
 * the queue (nothing scheduled yet), then binds every listener (control socket, SMTP, metrics
 * endpoint), and only then recovers the spool's messages and accepts SMTP connections. So a
 * listener that cannot be bound fails the start before any delivery is scheduled, and whatever
 * was opened is closed again ({@link Lifecycle}). Stop is the reverse of start: no new sessions,
 * current ones finish within the grace period, then the queue stops, then the spool.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    private static final int SPOOL_IO_THREADS = 8;
    /** spool/relayed/: about 100 bytes a message, so the last 40,000 or more relayed messages. */
    private static final long RELAYED_RECORD_BYTES = 8L << 20;

    private final GatewayConfig config;
    private final Lifecycle lifecycle;
    private final Spool spool;
    private final SmtpTransport smtp;
    private final PipeTransport pipe = new PipeTransport();
    private final DeliveryQueue queue;
    private final QueueBound queueBound;
    private final SmtpServer server;
    private final ControlServer control;
    private final DsnCounters dsnCounters;
    private final GatewayMetrics metrics;
    private final RouteDsnHooks dsnHooks;
    private final Routing.InForce routing;
    private final StatusRecorder status;
    private volatile MetricsEndpoint endpoint;
    private volatile StatusEndpoint statusEndpoint;
    /** How long stop lets current sessions finish: {@code server.shutdown_grace}; none for {@link #close()}. */
    private volatile Duration stopGrace = Duration.ZERO;

    /** Opens the stages in order, each recorded in {@code lifecycle}; binds nothing and schedules nothing. */
    private Gateway(GatewayConfig config, Clock clock, Lifecycle lifecycle, SmtpListener also) throws IOException {
        this.config = config;
        this.lifecycle = lifecycle;
        ServerConfig serverConfig = config.server();
        SpoolConfig spoolConfig = config.spool();
        DeliveryConfig delivery = config.delivery();
        // Key material first: a bad key store must fail the start before anything is opened.
        Encryption startTls = serverConfig.tls().isPresent() ? ServerTls.startTls(serverConfig.tls().get()) : null;
        this.metrics = lifecycle.opened("metrics", new GatewayMetrics(clock));
        // The status page's recorder listens beside the metrics, to the same listeners.
        this.status = new StatusRecorder(clock);
        status.started(config.source());
        this.dsnCounters = new DsnCounters((action, disposition, notice) -> {
            DsnDisposition d = DsnDisposition.valueOf(disposition);
            metrics.dsn(action, d);
            status.dsn(action, d, notice);
        });
        this.spool = lifecycle.opened("spool", Spool.open(spoolConfig.directory(), SPOOL_IO_THREADS));
        this.smtp = lifecycle.opened("smtp client", new SmtpTransport(clientConfig(delivery),
                new JndiMxResolver(5000, 2)));
        lifecycle.opened("pipe transport", pipe);
        this.dsnHooks = dsnHooks(serverConfig, clock);
        // Routes, rewriting, DSN policy, relay policy and connector rules: one value, swapped whole on reload.
        this.routing = new Routing.InForce(routingOf(config));
        DeliveryQueue[] queueRef = new DeliveryQueue[1];
        LocalSubmission submission = new LocalSubmission(spool, stored -> queueRef[0].enqueue(stored), clock);
        this.queue = lifecycle.opened("queue", new DeliveryQueue(spool, routing,
                new DsnNotifier(serverConfig.hostname(), spool, submission, clock, spoolConfig.maxLifetime(),
                        routing::relayedDsnPolicy, dsnCounters),
                new RetrySchedule(spoolConfig.retryInitial(), spoolConfig.retryMax(), spoolConfig.maxLifetime(),
                        spoolConfig.delayWarning()),
                clock, delivery.threads(), StatusListeners.queue(metrics.queueListener(), status)));
        queueRef[0] = queue;
        metrics.watchQueue(queue::size, queue::oldestArrival);
        int bound = spoolConfig.maxQueuedMessages() == SpoolConfig.AUTO
                ? QueueBound.auto(Runtime.getRuntime().maxMemory()) : spoolConfig.maxQueuedMessages();
        this.queueBound = new QueueBound(bound, queue::size);
        metrics.watchQueueBound(bound, queueBound::paused);
        this.control = lifecycle.opened("control socket", controlServer(clock));
        // The server's decisions go to the log, the metrics, the status page and `also`; accepted
        // messages to the queue.
        // Notices (LocalSubmission above) go to the queue directly: the bound never refuses them.
        MessageIntake intake = new MessageIntake() {
            @Override
            public void finished(IncomingMessage message, StoredMessage stored, Reply reply) {
                if (stored != null) {
                    queue.enqueue(stored);
                }
            }

            @Override
            public boolean hasRoom() {
                return queueBound.admits();
            }
        };
        int ioThreads = serverConfig.ioThreads() > 0 ? serverConfig.ioThreads() : Runtime.getRuntime().availableProcessors();
        this.server = lifecycle.opened("smtp server", new SmtpServer(acceptSettings(serverConfig,
                serverConfig.hostname()), routing.policy(), spool, intake, ioThreads, clock, startTls,
                SmtpListener.all(new SmtpEventLog(), metrics.smtpListener(), StatusListeners.smtp(status), also)));
    }

    /**
     * Builds and starts a gateway: every listener is bound before the spool's messages are
     * recovered and scheduled; on any failure everything already opened is closed again, in reverse.
     */
    public static Gateway start(GatewayConfig config, Clock clock) throws IOException, InterruptedException {
        return start(config, clock, SmtpListener.NONE);
    }

    /**
     * As {@link #start(GatewayConfig, Clock)}, with {@code also} told every SMTP event after the
     * log and the metrics: sessions, refusals with their reason, messages accepted and refused.
     */
    public static Gateway start(GatewayConfig config, Clock clock, SmtpListener also)
            throws IOException, InterruptedException {
        Lifecycle lifecycle = new Lifecycle();
        try {
            Gateway gateway = new Gateway(config, clock, lifecycle, also);
            gateway.server.bind(config.server().listen());
            gateway.endpoint = lifecycle.opened("metrics endpoint", gateway.startMetrics());
            gateway.statusEndpoint = lifecycle.opened("status endpoint", gateway.startStatusListener());
            int recovered = gateway.queue.recover();
            gateway.spool.reserveAhead();
            gateway.status.watchQueue(gateway.queue::size);
            LOG.info("event=spool_recovered spool={} messages={} max_queued_messages={}", gateway.spool.root(), recovered,
                    gateway.queueBound.limit());
            if (!gateway.queueBound.admits()) {
                // Everything recovered is queued (no mail is left in the spool); new mail waits until it drains.
                LOG.warn("event=intake_paused reason=queue_full queued={} max_queued_messages={} resumes_below={}",
                        recovered, gateway.queueBound.limit(), gateway.queueBound.resumeBelow());
            }
            gateway.server.accept();
            lifecycle.opened("smtp sessions", () -> gateway.server.shutdown(gateway.stopGrace));
            return gateway;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            lifecycle.close();
            throw e;
        }
    }

    /** The control socket in the spool, for {@code twgate queue} and {@code twgate reload}. */
    private ControlServer controlServer(Clock clock) throws IOException {
        try {
            return new ControlServer(spool.controlSocket(), new QueueConsole(queue, spool, clock));
        } catch (IOException e) {
            throw new IOException("cannot listen on the control socket " + spool.controlSocket() + ": " + e, e);
        }
    }

    /**
     * Serves /metrics and /health on metrics.listen, and the status page with them unless
     * metrics.status_listen moves it or switches it off; null when metrics.listen is "" (disabled).
     */
    private MetricsEndpoint startMetrics() {
        Optional<InetSocketAddress> listen = config.metrics().listen();
        if (listen.isEmpty()) {
            return null;
        }
        Readiness readiness = readiness();
        metrics.watchReadiness(readiness, spool::usableSpace);
        boolean withStatus = config.metrics().statusAddress().isPresent() && config.metrics().statusListen().isEmpty();
        return MetricsEndpoint.start(listen.get(), metrics, readiness, http -> {
            if (withStatus) {
                StatusHttp.register(http, statusBoard(readiness));
            }
        });
    }

    /** The status page on metrics.status_listen, when that names an address; else null. */
    private StatusEndpoint startStatusListener() {
        Optional<InetSocketAddress> own = config.metrics().statusListen();
        if (own.isEmpty() || !config.metrics().statusPage()) {
            return null;
        }
        return StatusEndpoint.start(own.get(), statusBoard(readiness()));
    }

    private Readiness readiness() {
        return new Readiness(server::boundAddresses, spool.queueDir(), spool::usableSpace,
                config.server().maxMessageSize(), config::source).withQueue(this::queueCheck);
    }

    /**
     * The queue's bound, as a readiness line that never fails: a paused intake answers 452 and
     * qmail retries, which is the behaviour wanted; failing readiness would take every replica
     * out of a Service at once during a connector outage (they share the connector) and stop
     * the probes' view of a gateway that is otherwise fine. The line and
     * twgate_queue_intake_paused say it.
     */
    private org.twgate.gateway.health.Check queueCheck() {
        int queued = queueBound.queued();
        if (queueBound.paused()) {
            return org.twgate.gateway.health.Check.ok("queue", "intake paused (MAIL gets 452 4.3.1): " + queued
                    + " queued, spool.max_queued_messages " + queueBound.limit() + ", resumes below "
                    + queueBound.resumeBelow());
        }
        return org.twgate.gateway.health.Check.ok("queue", queued + " queued of at most " + queueBound.limit());
    }

    /** What the status page reads: the recorder, the queue's memory, the routes in force, the pool, the checks. */
    private StatusBoard statusBoard(Readiness readiness) {
        return new StatusBoard(config.server().hostname(), status,
                () -> queue.snapshot(StatusBoard.OLDEST_DEFERRED), () -> routing.current().routes().byKey(),
                smtp::connectionsInUse, readiness::check);
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
        ServerConfig.ClientLimits c = s.clientLimits();
        RateLimits rates = RateLimits.NONE.per(c.timeUnit())
                .withConnections(c.connectionRate()).withMessages(c.messageRate()).withRecipients(c.recipientRate())
                .countedPerPrefix(c.ipv4Prefix(), c.ipv6Prefix())
                .exemptingRelayClients(c.exemptRelayClients());
        boolean rejectBare = s.bareLineEndings() == ServerConfig.BareLineEndings.REJECT;
        Defences defences = Defences.none(rejectBare)
                .withDeadlines(new Deadlines(s.deadlines().command(), s.deadlines().data(), s.deadlines().minDataRate()))
                .withRates(rates)
                .withReverseDns(s.reverseDns().enabled() ? s.reverseDns().timeout() : Duration.ZERO)
                .withRelayClientsRejectingBareLineEndings(
                        s.relayClientBareLineEndings() == ServerConfig.BareLineEndings.REJECT)
                .withUnauthPipeliningForbidden(s.forbidUnauthPipelining());
        return AcceptSettings.builder(hostname)
                .maxCommandLine(s.maxCommandLine())
                .maxRecipients(s.maxRecipients())
                .maxMessageSize(s.maxMessageSize())
                .maxDataLine(s.maxDataLine())
                .maxReceivedHeaders(s.maxReceivedHeaders())
                .rejectBareLineEndings(rejectBare)
                .maxConnections(s.maxConnections())
                .maxConnectionsPerIp(s.maxConnectionsPerIp())
                .idleTimeout(s.idleTimeout())
                .advertiseDsn(true)
                .defences(defences)
                .build();
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
        // The status page hears of each reload through the loading and the building of its routing.
        ConfigReloader.Source recorded = () -> {
            try {
                return source.load();
            } catch (org.twgate.config.ConfigException | RuntimeException e) {
                status.reloadRefused(String.valueOf(e.getMessage()));
                throw e;
            }
        };
        java.util.function.Function<GatewayConfig, Routing> built = next -> {
            try {
                Routing r = routingOf(next);
                status.reloaded(next.source());
                return r;
            } catch (RuntimeException e) {
                status.reloadRefused(String.valueOf(e.getMessage()));
                throw e;
            }
        };
        ConfigReloader reloader = new ConfigReloader(recorded, config, routing, built,
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

    /** Where the status page is served, when enabled (an ephemeral port resolved). */
    public Optional<InetSocketAddress> statusAddress() {
        StatusEndpoint own = statusEndpoint;
        if (own != null) {
            return Optional.of(own.address());
        }
        return config.metrics().statusAddress().isPresent() ? metricsAddress() : Optional.empty();
    }

    /** Where /metrics and /health are served, when enabled (an ephemeral port resolved). */
    public Optional<InetSocketAddress> metricsAddress() {
        MetricsEndpoint e = endpoint;
        return e == null ? Optional.empty() : Optional.of(e.address());
    }

    /**
     * Graceful stop, the reverse of start: no new sessions, current ones finish within
     * {@code server.shutdown_grace}, then the metrics endpoint, the control socket, the queue,
     * the transports and the spool close.
     */
    public void stop() {
        Duration grace = config.server().shutdownGrace();
        LOG.info("event=stopping grace={}", org.twgate.config.syntax.Durations.format(grace));
        stopGrace = grace;
        close();
    }

    /** Stop without a grace period: sessions still open are closed at once. */
    @Override
    public void close() {
        lifecycle.close();
        LOG.info("event=stopped");
    }
}
