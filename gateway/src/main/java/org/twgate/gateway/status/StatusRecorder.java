package org.twgate.gateway.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import org.twgate.dsn.status.Action;
import org.twgate.gateway.metrics.DsnDisposition;
import org.twgate.gateway.outcome.DeliveryStatus;
import org.twgate.gateway.spool.QueueId;

/**
 * What the status page knows beyond the queue's own state: the last hour in per-minute buckets,
 * each route's last success and failure, the last {@link #EVENTS} events and the configuration
 * in force. Memory only, bounded (60 buckets, one small record per configured route key, 50
 * events), lost at a restart.
 *
 * <p>Its input is one method per fact, so whatever reports the facts (today the listener
 * adapters of {@link StatusListeners}) can be replaced without touching what is kept. Every
 * method may be called from any thread, event loops included: each holds the recorder's monitor
 * for a few array writes and never waits on anything else.
 */
public final class StatusRecorder {
    /** How many events the page lists, newest first. */
    public static final int EVENTS = 50;
    static final int MINUTES = 60;

    private final Clock clock;
    private final Minute[] ring = new Minute[MINUTES];
    private final Map<String, RouteRecord> routes = new TreeMap<>();
    private final ArrayDeque<StatusEvent> events = new ArrayDeque<>(EVENTS);
    private volatile IntSupplier queueSize = () -> 0;
    private String configSource;
    private Instant configLoaded;
    private Instant lastReloadRefused;
    private String lastReloadError;

    public StatusRecorder(Clock clock) {
        this.clock = clock;
        for (int i = 0; i < MINUTES; i++) {
            ring[i] = new Minute();
        }
    }

    /** Where the queue size of each minute is read (e.g. {@code queue::size}), sampled with every fact. */
    public void watchQueue(IntSupplier size) {
        this.queueSize = size;
        Instant now = clock.instant();
        int queued = size.getAsInt();
        synchronized (this) {
            minute(now).queue = queued; // the chart starts at the size found (recovered) at start
        }
    }

    // The facts ------------------------------------------------------------------------------

    /** The configuration the process started with. */
    public synchronized void started(String source) {
        configSource = source;
        configLoaded = clock.instant();
    }

    /** A message was committed and answered 250. */
    public void accepted(QueueId id, String sender, int recipients) {
        record(Kind.ACCEPTED, id.value(), null, sender, recipients + (recipients == 1 ? " recipient" : " recipients"));
    }

    /**
     * A message was refused at the end of its data ({@code id} is the id it would have had).
     *
     * @param reason the refusal's label, as {@code twgate_messages_refused_total} counts it
     */
    public void messageRefused(String id, String sender, String reason, String reply) {
        record(Kind.REFUSED, id, null, sender, "end of data (" + reason + "): " + reply);
    }

    /**
     * A command was answered 4xx/5xx ({@code command} is the server's verb, never client text).
     *
     * @param reason the refusal's label, as {@code twgate_commands_refused_total} counts it
     */
    public void commandRefused(String command, String reason, String reply) {
        record(Kind.REFUSED, null, null, null, command + " (" + reason + "): " + reply);
    }

    /** A connection got one refusal and was closed before its session. */
    public void connectionRefused(String reason) {
        record(Kind.REFUSED, null, null, null, "connection: " + reason);
    }

    /** What one attempt (or expiry) did for one recipient. */
    public void recipientOutcome(QueueId id, String recipient, String route, DeliveryStatus.Result result,
            String reply) {
        Kind kind = switch (result) {
            case DELIVERED -> Kind.DELIVERED;
            case DEFERRED -> Kind.DEFERRED;
            case FAILED -> Kind.FAILED;
        };
        Instant now = clock.instant();
        int size = queueSize.getAsInt();
        synchronized (this) {
            routes.computeIfAbsent(route, k -> new RouteRecord()).count(now, kind, reply);
            add(now, size, kind, id.value(), route, recipient, reply);
        }
    }

    /**
     * A delivery status notification that was due, and what the policy made of it.
     *
     * @param notice the queue id of the notice written and queued, or null when none was
     */
    public void dsn(Action action, DsnDisposition disposition, QueueId notice) {
        Instant now = clock.instant();
        int size = queueSize.getAsInt();
        String detail = action.name().toLowerCase(java.util.Locale.ROOT) + " " + disposition.label();
        synchronized (this) {
            minute(now).dsn[action.ordinal() * DsnDisposition.values().length + disposition.ordinal()]++;
            add(now, size, Kind.DSN, notice == null ? null : notice.value(), null, null, detail);
        }
    }

    /** A reload put {@code source} in force. */
    public void reloaded(String source) {
        Instant now = clock.instant();
        synchronized (this) {
            configSource = source;
            configLoaded = now;
        }
        record(Kind.RELOAD, null, null, null, "reloaded " + source);
    }

    /** A reload was refused; the running configuration stays. */
    public void reloadRefused(String error) {
        Instant now = clock.instant();
        synchronized (this) {
            lastReloadRefused = now;
            lastReloadError = error;
        }
        record(Kind.RELOAD, null, null, null, "refused, the running configuration stays: " + error);
    }

    private void record(Kind kind, String id, String route, String address, String detail) {
        Instant now = clock.instant();
        int size = queueSize.getAsInt();
        synchronized (this) {
            add(now, size, kind, id, route, address, detail);
        }
    }

    /** With the monitor held. */
    private void add(Instant now, int queue, Kind kind, String id, String route, String address, String detail) {
        Minute m = minute(now);
        m.queue = queue;
        switch (kind) {
            case ACCEPTED -> m.accepted++;
            case DELIVERED -> m.delivered++;
            case DEFERRED -> m.deferred++;
            case FAILED -> m.failed++;
            case REFUSED -> m.refused++;
            default -> {
            }
        }
        if (events.size() == EVENTS) {
            events.removeLast();
        }
        events.addFirst(new StatusEvent(now, kind, id, route, address, detail));
    }

    private Minute minute(Instant now) {
        long minute = Math.floorDiv(now.getEpochSecond(), 60);
        Minute m = ring[(int) Math.floorMod(minute, MINUTES)];
        if (m.minute != minute) {
            m.reset(minute);
        }
        return m;
    }

    // What is read ---------------------------------------------------------------------------

    /** A copy of everything kept, with the queue size sampled now. */
    public Recorded read() {
        Instant now = clock.instant();
        int size = queueSize.getAsInt();
        synchronized (this) {
            minute(now).queue = size;
            long current = Math.floorDiv(now.getEpochSecond(), 60);
            List<MinuteFigures> hour = new ArrayList<>(MINUTES);
            Integer carried = null;
            for (long minute = current - MINUTES + 1; minute <= current; minute++) {
                Minute m = ring[(int) Math.floorMod(minute, MINUTES)];
                boolean kept = m.minute == minute;
                // The queue size changes only with the facts recorded, so a minute without one had the size of the last.
                Integer queue = kept && m.queue >= 0 ? Integer.valueOf(m.queue) : carried;
                carried = queue;
                hour.add(kept ? new MinuteFigures(Instant.ofEpochSecond(minute * 60), m.accepted, m.delivered, m.deferred,
                        m.failed, m.refused, m.dsn.clone(), queue)
                        : new MinuteFigures(Instant.ofEpochSecond(minute * 60), 0, 0, 0, 0, 0,
                                new int[m.dsn.length], queue));
            }
            Map<String, RouteFigures> byRoute = new TreeMap<>();
            routes.forEach((key, r) -> byRoute.put(key, r.figures(current)));
            return new Recorded(now, List.copyOf(hour), byRoute, List.copyOf(events), configSource, configLoaded,
                    lastReloadRefused, lastReloadError);
        }
    }

    /** What kind of event: the first column of the events table. */
    public enum Kind {
        ACCEPTED, REFUSED, DELIVERED, DEFERRED, FAILED, DSN, RELOAD;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One event. {@code address} (a sender or recipient) and {@code detail} (a reply, a reason)
     * may hold anything a client or a next hop sent: they are escaped wherever they are shown.
     */
    public record StatusEvent(Instant time, Kind kind, String queueId, String route, String address, String detail) {
    }

    /**
     * One minute of the last hour. {@code dsn} is indexed by
     * {@code action.ordinal() * DsnDisposition.values().length + disposition.ordinal()}.
     * {@code queue} is null before anything was sampled.
     */
    public record MinuteFigures(Instant start, int accepted, int delivered, int deferred, int failed, int refused,
            int[] dsn, Integer queue) {
        public int dsn(Action action, DsnDisposition disposition) {
            return dsn[action.ordinal() * DsnDisposition.values().length + disposition.ordinal()];
        }
    }

    /** A route's last hour and its last success and failure (deferred or failed). */
    public record RouteFigures(int delivered, int deferred, int failed, Instant lastSuccess, String lastSuccessReply,
            Instant lastFailure, Kind lastFailureKind, String lastFailureReply) {
    }

    /** Everything the recorder holds, copied at {@code now}. */
    public record Recorded(Instant now, List<MinuteFigures> hour, Map<String, RouteFigures> routes,
            List<StatusEvent> events, String configSource, Instant configLoaded, Instant lastReloadRefused,
            String lastReloadError) {
    }

    private static final class Minute {
        long minute = Long.MIN_VALUE;
        int accepted;
        int delivered;
        int deferred;
        int failed;
        int refused;
        int queue = -1;
        final int[] dsn = new int[Action.values().length * DsnDisposition.values().length];

        void reset(long to) {
            minute = to;
            accepted = delivered = deferred = failed = refused = 0;
            queue = -1;
            java.util.Arrays.fill(dsn, 0);
        }
    }

    /** Per route key: counts per minute (delivered, deferred, failed) and the last success and failure. */
    private static final class RouteRecord {
        final long[] minutes = new long[MINUTES];
        final int[][] counts = new int[MINUTES][3];
        Instant lastSuccess;
        String lastSuccessReply;
        Instant lastFailure;
        Kind lastFailureKind;
        String lastFailureReply;

        RouteRecord() {
            java.util.Arrays.fill(minutes, Long.MIN_VALUE);
        }

        void count(Instant now, Kind kind, String reply) {
            long minute = Math.floorDiv(now.getEpochSecond(), 60);
            int i = (int) Math.floorMod(minute, MINUTES);
            if (minutes[i] != minute) {
                minutes[i] = minute;
                java.util.Arrays.fill(counts[i], 0);
            }
            switch (kind) {
                case DELIVERED -> {
                    counts[i][0]++;
                    lastSuccess = now;
                    lastSuccessReply = reply;
                }
                case DEFERRED, FAILED -> {
                    counts[i][kind == Kind.DEFERRED ? 1 : 2]++;
                    lastFailure = now;
                    lastFailureKind = kind;
                    lastFailureReply = reply;
                }
                default -> throw new IllegalArgumentException(kind.name());
            }
        }

        RouteFigures figures(long current) {
            int[] sum = new int[3];
            for (int i = 0; i < MINUTES; i++) {
                if (minutes[i] > current - MINUTES && minutes[i] <= current) {
                    for (int k = 0; k < 3; k++) {
                        sum[k] += counts[i][k];
                    }
                }
            }
            return new RouteFigures(sum[0], sum[1], sum[2], lastSuccess, lastSuccessReply, lastFailure,
                    lastFailureKind, lastFailureReply);
        }
    }

    /** For the page's "last hour" caption. */
    static Duration window() {
        return Duration.ofMinutes(MINUTES);
    }
}
