package org.twgate.gateway.queue;

import java.util.function.Supplier;

/**
 * Where each recipient goes and who carries it there, as one pair: the queue reads it once per
 * attempt, so grouping by route and delivering use the same routing table even if a reload
 * swaps the table in the middle of the attempt.
 */
public record Dispatch(Router router, Courier courier) {

    /** A routing that never changes (tests, tools). */
    public static Supplier<Dispatch> fixed(Router router, Courier courier) {
        Dispatch dispatch = new Dispatch(router, courier);
        return () -> dispatch;
    }
}
