package org.twgate.gateway.queue;

/** Chooses the route for a recipient; the queue only needs its name (a bounded set). */
@FunctionalInterface
public interface Router {
    String routeFor(String recipientAddress);
}
