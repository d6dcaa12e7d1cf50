package org.twgate.gateway.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import org.twgate.gateway.spool.EnvelopeRecipient;
import org.twgate.gateway.spool.QueueId;

/**
 * The queue at one moment, from the queue's memory ({@link DeliveryQueue#snapshot}): what is
 * waiting, in all and per route, and the oldest deferred recipients. Read-only values.
 *
 * @param waiting        messages with a recipient still to deliver, and those recipients
 * @param held           held messages (by {@code twgate queue hold}) and their pending recipients
 * @param routes         per route key, as each recipient was last attempted; recipients not yet
 *                       attempted are under {@link #NOT_YET_ATTEMPTED}
 * @param oldestDeferred the oldest pending recipients that have been deferred at least once,
 *                       oldest arrival first
 */
public record QueueSnapshot(Counts waiting, Counts held, Optional<Instant> oldestArrival, int attemptsUnderWay,
        Map<String, RouteQueue> routes, List<Deferred> oldestDeferred) {
    /** The route column of recipients the queue has not attempted yet (just accepted, or recovered). */
    public static final String NOT_YET_ATTEMPTED = "(not yet attempted)";

    public record Counts(int messages, int recipients) {
    }

    public record RouteQueue(int messages, int recipients, int heldMessages, Optional<Instant> oldestArrival) {
    }

    /** One deferred recipient: every text but the queue id and route came from outside. */
    public record Deferred(QueueId id, String sender, String recipient, String route, Instant arrival, int attempts,
            Instant nextAttempt, boolean held, String lastReply) {
    }

    static final class Builder {
        private static final Comparator<Deferred> OLDEST_FIRST =
                Comparator.comparing(Deferred::arrival).thenComparing(Deferred::id).thenComparing(Deferred::recipient);
        private final int keep;
        /** Newest on top, so the one to drop when over {@code keep} is at hand. */
        private final PriorityQueue<Deferred> oldest;
        private final Map<String, int[]> routeCounts = new TreeMap<>();
        private final Map<String, Instant> routeOldest = new TreeMap<>();
        private int messages;
        private int recipients;
        private int heldMessages;
        private int heldRecipients;
        private int busy;
        private Instant oldestArrival;

        Builder(int keep) {
            this.keep = keep;
            this.oldest = new PriorityQueue<>(Math.max(1, keep + 1), OLDEST_FIRST.reversed());
        }

        /** Called with {@code m}'s monitor held. */
        void add(QueuedMessage m) {
            List<EnvelopeRecipient> pending = m.pending();
            if (pending.isEmpty()) {
                return; // finished, about to be removed
            }
            Instant arrival = m.stored.envelope().arrival();
            messages++;
            recipients += pending.size();
            if (m.held) {
                heldMessages++;
                heldRecipients += pending.size();
            }
            if (m.busy) {
                busy++;
            }
            if (oldestArrival == null || arrival.isBefore(oldestArrival)) {
                oldestArrival = arrival;
            }
            Set<String> routesOfMessage = new HashSet<>(2);
            for (EnvelopeRecipient r : pending) {
                String route = m.lastRoute(r.index());
                route = route == null ? NOT_YET_ATTEMPTED : route;
                int[] c = routeCounts.computeIfAbsent(route, k -> new int[3]);
                c[1]++;
                if (routesOfMessage.add(route)) {
                    c[0]++;
                    if (m.held) {
                        c[2]++;
                    }
                    routeOldest.merge(route, arrival, (a, b) -> a.isBefore(b) ? a : b);
                }
                String reply = m.lastReply(r.index());
                if (reply != null && keep > 0) {
                    offer(new Deferred(m.stored.id(), m.stored.envelope().sender(), r.address(), route, arrival,
                            m.attempts, m.nextAttempt, m.held, reply));
                }
            }
        }

        private void offer(Deferred d) {
            if (oldest.size() < keep) {
                oldest.add(d);
            } else if (OLDEST_FIRST.compare(d, oldest.peek()) < 0) {
                oldest.poll();
                oldest.add(d);
            }
        }

        QueueSnapshot build() {
            Map<String, RouteQueue> routes = new TreeMap<>();
            routeCounts.forEach((route, c) -> routes.put(route,
                    new RouteQueue(c[0], c[1], c[2], Optional.ofNullable(routeOldest.get(route)))));
            List<Deferred> deferred = new ArrayList<>(oldest);
            deferred.sort(OLDEST_FIRST);
            return new QueueSnapshot(new Counts(messages, recipients), new Counts(heldMessages, heldRecipients),
                    Optional.ofNullable(oldestArrival), busy, java.util.Collections.unmodifiableMap(routes),
                    List.copyOf(deferred));
        }
    }
}
