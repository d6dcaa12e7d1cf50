package org.twgate.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.twgate.gateway.outcome.DeliveryStatus;
import org.twgate.gateway.queue.QueueListener;
import org.twgate.gateway.spool.EnvelopeRecipient;
import org.twgate.gateway.spool.StoredMessage;

/**
 * Meters of the delivering side: one count per recipient attempt by route and outcome, the
 * duration of the attempt, and for finished recipients the time from arrival to the outcome.
 * Route labels are the configured route keys (a bounded set), never a domain or an address.
 */
final class QueueMetrics implements QueueListener {
    // Histogram buckets: delivery attempts take milliseconds to minutes (command timeout 5m);
    // a message's time in queue ranges from milliseconds to the 5-day lifetime.
    private static final Duration[] ATTEMPT_BUCKETS = durations("PT0.005S", "PT0.01S", "PT0.025S", "PT0.05S",
            "PT0.1S", "PT0.25S", "PT0.5S", "PT1S", "PT2.5S", "PT5S", "PT10S", "PT30S", "PT1M", "PT5M");
    private static final Duration[] QUEUE_BUCKETS = durations("PT0.1S", "PT0.5S", "PT1S", "PT5S", "PT30S", "PT1M",
            "PT5M", "PT15M", "PT1H", "PT4H", "PT12H", "P1D", "P2D", "P5D");

    private final MeterRegistry registry;
    private final Clock clock;
    // The meters, registered once per label set and looked up here afterwards: building and
    // registering a meter per recipient (tag sorting, the registry's id map, a timer's histogram
    // config merge) cost more CPU than the increment. Labels are route keys and outcome labels, a
    // bounded set, so the maps stay small.
    private final Map<String, Map<String, Counter>> deliveries = new ConcurrentHashMap<>();
    private final Map<String, Timer> attemptDurations = new ConcurrentHashMap<>();
    private final Map<String, Timer> queueTimes = new ConcurrentHashMap<>();

    QueueMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** Gauges read from the queue at scrape time. */
    void watch(IntSupplier size, Supplier<Optional<Instant>> oldestArrival) {
        Gauge.builder(MetricNames.QUEUE_MESSAGES, size, s -> s.getAsInt())
                .strongReference(true) // a method reference would otherwise be collected, and read NaN
                .description("messages in the queue (pending, deferred or held)").register(registry);
        Gauge.builder(MetricNames.QUEUE_OLDEST_AGE, oldestArrival,
                        o -> o.get().map(a -> Duration.between(a, clock.instant()).toMillis() / 1000.0).orElse(0.0))
                .baseUnit("seconds")
                .strongReference(true)
                .description("age of the oldest message in the queue, 0 when empty").register(registry);
    }

    @Override
    public void recipientOutcome(StoredMessage message, EnvelopeRecipient recipient, String route,
            DeliveryStatus status, Duration took) {
        Instant arrival = message.envelope().arrival();
        String outcome = status.result().label();
        deliveries(route, outcome).increment();
        attemptDurations.computeIfAbsent(route, r -> Timer.builder(MetricNames.DELIVERY_DURATION).tag("route", r)
                .serviceLevelObjectives(ATTEMPT_BUCKETS)
                .description("duration of the delivery attempt, observed once per recipient")
                .register(registry)).record(took);
        if (!status.deferred()) {
            finished(outcome, arrival);
        }
    }

    @Override
    public void expired(StoredMessage message, EnvelopeRecipient recipient, String route, DeliveryStatus status) {
        Instant arrival = message.envelope().arrival();
        deliveries(route, "expired").increment();
        finished("expired", arrival);
    }

    private Counter deliveries(String route, String outcome) {
        return deliveries.computeIfAbsent(route, r -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome, o -> Counter.builder(MetricNames.DELIVERIES).tag("route", route).tag("outcome", o)
                        .description("recipient outcomes: delivery attempts by result, and recipients expired in the queue")
                        .register(registry));
    }

    private void finished(String outcome, Instant arrival) {
        queueTimes.computeIfAbsent(outcome, o -> Timer.builder(MetricNames.QUEUE_TIME).tag("outcome", o)
                .serviceLevelObjectives(QUEUE_BUCKETS)
                .description("time from arrival to a recipient's final outcome")
                .register(registry)).record(Duration.between(arrival, clock.instant()));
    }

    private static Duration[] durations(String... iso) {
        Duration[] out = new Duration[iso.length];
        for (int i = 0; i < iso.length; i++) {
            out[i] = Duration.parse(iso[i]);
        }
        return out;
    }
}
