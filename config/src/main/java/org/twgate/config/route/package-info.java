/**
 * Routing with qmail smtproutes semantics.
 *
 * <p>Takes route definitions from the configuration and imported smtproutes files
 * ({@link org.twgate.config.route.SmtpRoutes}); hands on an immutable
 * {@link org.twgate.config.route.RouteTable} whose {@code lookup(domain)} gives the
 * {@link org.twgate.config.route.Route} for a recipient domain, with its relay,
 * transport, final-delivery flag, TLS mode and the {@code file:line} it came from.
 *
 * <p>Failure: malformed smtproutes lines are reported as {@code file:line: message},
 * all at once, at load time; a lookup never fails (no match is an empty result).
 */
package org.twgate.config.route;
