/**
 * Route: picks the configured route of each recipient (qmail smtproutes semantics, from
 * {@link org.twgate.config.route.RouteTable}) and carries a spooled message to the route's
 * next hop through the deliver stage.
 *
 * <p>Takes a {@link org.twgate.gateway.spool.StoredMessage} and the recipients of one route;
 * hands back one {@link org.twgate.gateway.queue.RecipientOutcome} (a
 * {@link org.twgate.gateway.outcome.DeliveryStatus}) per recipient. A domain no
 * route matches is delivered to its MX hosts, as qmail-remote does.
 */
package org.twgate.gateway.route;
