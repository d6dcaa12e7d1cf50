package org.twgate.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.twgate.gateway.accept.ConnectionRefusal;
import org.twgate.gateway.accept.RefusalReason;
import org.twgate.gateway.accept.SessionClosure;
import org.twgate.gateway.accept.SmtpListener;

/**
 * Meters of the accepting side: sessions, refused connections, refused commands and the fate of
 * each message after DATA, counted from the server's {@link SmtpListener} events (the log lines
 * are another listener of the same events), each refusal once, under the reason it carries.
 * Every label value comes from an enum or a fixed verb list, so the number of series is bounded
 * whatever clients send. Counters for every reason exist from the
 * start (at zero), so a dashboard's {@code rate()} has a series before the first refusal.
 */
final class SmtpMetrics implements SmtpListener {
    /** Verbs that get their own label value; anything else is counted as {@code other}. */
    private static final Set<String> VERBS = Set.of("HELO", "EHLO", "MAIL", "RCPT", "DATA", "RSET", "NOOP", "QUIT",
            "VRFY", "EXPN", "HELP", "STARTTLS", SmtpListener.UNREAD_LINE);

    /** The refusals that can happen at the end of DATA: their series exist from the start. */
    private static final Set<RefusalReason> DATA_REFUSALS = Set.of(RefusalReason.SIZE, RefusalReason.LOOP,
            RefusalReason.LINE_LENGTH, RefusalReason.BARE_LINE_ENDING, RefusalReason.NUL_CHARACTER,
            RefusalReason.UNAUTH_PIPELINING, RefusalReason.SPOOL_FULL, RefusalReason.SPOOL_ERROR);

    private final MeterRegistry registry;
    private final AtomicInteger active = new AtomicInteger();
    private final Counter opened;
    private final Map<ConnectionRefusal, Counter> connectionsRefused = new EnumMap<>(ConnectionRefusal.class);
    private final Map<SessionClosure, Counter> closedByServer = new EnumMap<>(SessionClosure.class);
    private final Counter accepted;
    private final Counter acceptedBytes;

    SmtpMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(MetricNames.SESSIONS_ACTIVE, active, AtomicInteger::get)
                .description("SMTP sessions open now").register(registry);
        opened = Counter.builder(MetricNames.SESSIONS).description("SMTP sessions admitted").register(registry);
        for (ConnectionRefusal r : ConnectionRefusal.values()) {
            connectionsRefused.put(r, Counter.builder(MetricNames.SESSIONS_REFUSED).tag("reason", r.label())
                    .description("connections refused before the session began").register(registry));
        }
        for (SessionClosure c : SessionClosure.values()) {
            closedByServer.put(c, Counter.builder(MetricNames.SESSIONS_CLOSED_BY_SERVER).tag("reason", c.label())
                    .description("sessions the server ended with 421 (idle timeout, deadlines, shutdown)")
                    .register(registry));
        }
        accepted = Counter.builder(MetricNames.MESSAGES_ACCEPTED)
                .description("messages committed to the spool and acknowledged with 250").register(registry);
        acceptedBytes = Counter.builder(MetricNames.MESSAGES_ACCEPTED_BYTES)
                .description("octets of message content committed to the spool").register(registry);
        DATA_REFUSALS.forEach(this::messagesRefused);
    }

    @Override
    public void sessionOpened() {
        active.incrementAndGet();
        opened.increment();
    }

    @Override
    public void sessionClosed() {
        active.decrementAndGet();
    }

    @Override
    public void sessionClosedByServer(SessionClosure reason) {
        closedByServer.get(reason).increment();
    }

    @Override
    public void connectionRefused(ConnectionRefusal reason) {
        connectionsRefused.get(reason).increment();
    }

    @Override
    public void commandRefused(CommandRefused refusal) {
        String command = refusal.command();
        String verb = VERBS.contains(command) ? command.toLowerCase(Locale.ROOT) : "other";
        Counter.builder(MetricNames.COMMANDS_REFUSED)
                .tag("command", verb)
                .tag("reason", refusal.reason().label())
                .description("SMTP commands answered with 4xx or 5xx")
                .register(registry)
                .increment();
    }

    private Counter messagesRefused(RefusalReason reason) {
        return Counter.builder(MetricNames.MESSAGES_REFUSED).tag("reason", reason.label())
                .description("messages refused at the end of DATA").register(registry);
    }

    @Override
    public void messageAccepted(MessageAccepted message) {
        accepted.increment();
        acceptedBytes.increment(message.stored().contentSize());
    }

    @Override
    public void messageRefused(MessageRefused message) {
        messagesRefused(message.reason()).increment();
    }
}
