package org.twgate.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.twgate.dsn.status.Action;
import org.twgate.gateway.accept.SmtpListener;
import org.twgate.gateway.health.Readiness;
import org.twgate.gateway.queue.QueueListener;

/**
 * All of twgate's meters in one Prometheus registry: the SMTP server's and the queue's (through
 * their listener interfaces), rewrites and DSNs (called by those stages), and the JVM's and the
 * process's. One instance per gateway; every method may be called from any thread.
 */
public final class GatewayMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SmtpMetrics smtp;
    private final QueueMetrics queue;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public GatewayMetrics(Clock clock) {
        // promtool's lint rejects two of Micrometer's processor meters: a "_count" suffix on a
        // gauge and an abbreviated unit (ns). The gauge is renamed; the CPU time in ns is left out
        // (process_cpu_usage carries the same information).
        registry.config().meterFilter(MeterFilter.deny(id -> id.getName().equals("process.cpu.time")));
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().equals("system.cpu.count") ? id.withName("system.cpus.available") : id;
            }
        });
        this.smtp = new SmtpMetrics(registry);
        this.queue = new QueueMetrics(registry, clock);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        io.micrometer.core.instrument.FunctionCounter.builder(MetricNames.LOG_EVENTS_DROPPED, this,
                        m -> org.twgate.gateway.log.NonBlockingAsyncAppender.droppedEvents())
                .description("log events dropped because the log queue was full (logging never blocks a thread)")
                .register(registry);
        for (Action action : Action.values()) {
            for (DsnDisposition disposition : DsnDisposition.values()) {
                dsnCounter(action, disposition); // every series exists from the start, at zero
            }
        }
    }

    /** For {@code SmtpServer}: sessions, refused connections, refused commands, messages accepted and refused. */
    public SmtpListener smtpListener() {
        return smtp;
    }

    /** For {@code DeliveryQueue}: deliveries by route and outcome, attempt duration, time in queue. */
    public QueueListener queueListener() {
        return queue;
    }

    /** Queue size and oldest message age, read at each scrape (e.g. {@code queue::size}, {@code queue::oldestArrival}). */
    public void watchQueue(IntSupplier size, Supplier<Optional<Instant>> oldestArrival) {
        queue.watch(size, oldestArrival);
    }

    /**
     * {@code twgate_ready} (1 when /health/ready would answer 200, else 0) and
     * {@code twgate_spool_usable_bytes} (usable octets on the spool's file system, NaN when it
     * cannot be read), each read at scrape time: what the alert rules page on.
     */
    public void watchReadiness(Readiness readiness, Readiness.SpaceProbe spoolSpace) {
        Gauge.builder(MetricNames.READY, readiness, r -> r.check().ready() ? 1 : 0)
                .strongReference(true)
                .description("1 when /health/ready answers 200: listening, spool writable with room, configuration loaded")
                .register(registry);
        Gauge.builder(MetricNames.SPOOL_USABLE, spoolSpace, GatewayMetrics::usable)
                .baseUnit("bytes")
                .strongReference(true)
                .description("usable octets on the spool's file system").register(registry);
    }

    private static double usable(Readiness.SpaceProbe space) {
        try {
            return space.usableSpace();
        } catch (java.io.IOException e) {
            return Double.NaN;
        }
    }

    /**
     * One address rewritten by a rule of {@code ruleSet}. The rule set's configured name is the
     * label (a bounded set); never pass an address.
     */
    public void rewrite(String ruleSet) {
        Counter.builder(MetricNames.REWRITES).tag("rule_set", ruleSet)
                .description("addresses rewritten, by rule set").register(registry).increment();
    }

    /** One delivery status notification that was due, and what the policy made of it. */
    public void dsn(Action action, DsnDisposition disposition) {
        dsnCounter(action, disposition).increment();
    }

    private Counter dsnCounter(Action action, DsnDisposition disposition) {
        return Counter.builder(MetricNames.DSNS).tag("action", action.fieldValue()).tag("policy", disposition.label())
                .description("delivery status notifications due, by action and what was done with them")
                .register(registry);
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /** The Prometheus exposition in the format {@code acceptHeader} asks for (text or OpenMetrics). */
    public String scrape(String contentType) {
        return registry.scrape(contentType);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
