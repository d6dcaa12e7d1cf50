package org.twgate.gateway.metrics;

/**
 * twgate's meter names in Micrometer's dotted form. The Prometheus registry renders them with
 * {@code _} and adds the base unit and {@code _total}: {@code twgate.sessions} is exported as
 * {@code twgate_sessions_total}. The exported names are listed in the README.
 */
final class MetricNames {
    static final String SESSIONS = "twgate.sessions";
    static final String SESSIONS_ACTIVE = "twgate.sessions.active";
    static final String SESSIONS_REFUSED = "twgate.sessions.refused";
    static final String SESSIONS_CLOSED_BY_SERVER = "twgate.sessions.closed.by.server";
    static final String COMMANDS_REFUSED = "twgate.commands.refused";
    static final String MESSAGES_ACCEPTED = "twgate.messages.accepted";
    static final String MESSAGES_ACCEPTED_BYTES = "twgate.messages.accepted.bytes";
    static final String MESSAGES_REFUSED = "twgate.messages.refused";
    static final String DELIVERIES = "twgate.deliveries";
    static final String DELIVERY_DURATION = "twgate.delivery.duration";
    static final String QUEUE_TIME = "twgate.queue.time";
    static final String QUEUE_MESSAGES = "twgate.queue.messages";
    static final String QUEUE_CAPACITY = "twgate.queue.capacity.messages";
    static final String QUEUE_INTAKE_PAUSED = "twgate.queue.intake.paused";
    static final String QUEUE_OLDEST_AGE = "twgate.queue.oldest.age";
    static final String REWRITES = "twgate.rewrites";
    static final String DSNS = "twgate.dsns";
    static final String LOG_EVENTS_DROPPED = "twgate.log.events.dropped";
    static final String READY = "twgate.ready";
    static final String SPOOL_USABLE = "twgate.spool.usable";

    private MetricNames() {
    }
}
