package org.twgate.gateway.queue;

import java.util.List;
import java.util.function.Function;
import org.twgate.gateway.spool.EnvelopeRecipient;
import org.twgate.gateway.spool.StoredMessage;

/**
 * The queue's one view of the routing in force: which route each recipient takes, and the
 * carrying of a route's recipients to its next hop. The queue reads it once per attempt, so
 * grouping by route and delivering use the same table even if a reload swaps the table in the
 * middle of the attempt. Route keys are a bounded set (journal, metrics labels).
 */
public interface Courier {

    /** The key of the route {@code recipientAddress} takes now. */
    String routeFor(String recipientAddress);

    /**
     * Makes one delivery attempt. Blocks (network I/O); called on a delivery thread.
     *
     * @return one outcome per recipient given, in any order
     */
    List<RecipientOutcome> deliver(String route, StoredMessage message, List<EnvelopeRecipient> recipients);

    /** The carrying alone, for couriers made of a lookup and a function (tests, tools). */
    @FunctionalInterface
    interface Leg {
        List<RecipientOutcome> deliver(String route, StoredMessage message, List<EnvelopeRecipient> recipients);
    }

    static Courier of(Function<String, String> routeFor, Leg leg) {
        return new Courier() {
            @Override
            public String routeFor(String recipientAddress) {
                return routeFor.apply(recipientAddress);
            }

            @Override
            public List<RecipientOutcome> deliver(String route, StoredMessage message,
                    List<EnvelopeRecipient> recipients) {
                return leg.deliver(route, message, recipients);
            }
        };
    }
}
