package org.twgate.gateway.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
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
        private final Map<String, RouteTally> routes = new HashMap<>();
        private int messages;
        private int recipients;
        private int heldMessages;
        private int heldRecipients;
        private int busy;
        private Instant oldestArrival;

        /** One route's counts; {@code last} is the message counted last, so each message counts once. */
        private static final class RouteTally {
            int messages;
            int recipients;
            int held;
            Instant oldest;
            QueuedMessage last;
        }

        Builder(int keep) {
            this.keep = keep;
            this.oldest = new PriorityQueue<>(Math.max(1, keep + 1), OLDEST_FIRST.reversed());
        }

        /**
         * Called with {@code m}'s monitor held, once per queued message: no allocation for a
         * message unless one of its recipients makes the oldest deferred so far (10,000 queued
         * messages take about a millisecond).
         */
        void add(QueuedMessage m) {
            if (m.removed) {
                return; // deleted while an attempt runs: gone for list and show too
            }
            List<EnvelopeRecipient> all = m.stored.envelope().recipients();
            int pending = 0;
            for (EnvelopeRecipient r : all) {
                if (m.state.recipient(r.index()).progress() == MessageState.Progress.PENDING) {
                    pending++;
                }
            }
            if (pending == 0) {
                return; // finished, about to be removed
            }
            Instant arrival = m.stored.envelope().arrival();
            messages++;
            recipients += pending;
            if (m.state.held()) {
                heldMessages++;
                heldRecipients += pending;
            }
            if (m.busy) {
                busy++;
            }
            if (oldestArrival == null || arrival.isBefore(oldestArrival)) {
                oldestArrival = arrival;
            }
            for (EnvelopeRecipient r : all) {
                if (m.state.recipient(r.index()).progress() != MessageState.Progress.PENDING) {
                    continue;
                }
                String route = m.lastRoute(r.index());
                route = route == null ? NOT_YET_ATTEMPTED : route;
                RouteTally t = routes.computeIfAbsent(route, k -> new RouteTally());
                t.recipients++;
                if (t.last != m) {
                    t.last = m;
                    t.messages++;
                    if (m.state.held()) {
                        t.held++;
                    }
                    if (t.oldest == null || arrival.isBefore(t.oldest)) {
                        t.oldest = arrival;
                    }
                }
                String reply = m.state.lastReply(r.index());
                if (reply != null && keep > 0
                        && (oldest.size() < keep || !arrival.isAfter(oldest.peek().arrival()))) {
                    offer(new Deferred(m.stored.id(), m.stored.envelope().sender(), r.address(), route, arrival,
                            m.state.attempts(), m.state.nextAttempt(), m.state.held(), reply));
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
            Map<String, RouteQueue> byRoute = new TreeMap<>();
            routes.forEach((route, t) -> byRoute.put(route,
                    new RouteQueue(t.messages, t.recipients, t.held, Optional.ofNullable(t.oldest))));
            List<Deferred> deferred = new ArrayList<>(oldest);
            deferred.sort(OLDEST_FIRST);
            return new QueueSnapshot(new Counts(messages, recipients), new Counts(heldMessages, heldRecipients),
                    Optional.ofNullable(oldestArrival), busy, java.util.Collections.unmodifiableMap(byRoute),
                    List.copyOf(deferred));
        }
    }
}
