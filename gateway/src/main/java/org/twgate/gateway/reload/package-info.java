/**
 * Configuration reload (SIGHUP, {@code twgate reload}): takes a fresh load of the configuration
 * file and its imports, builds the new {@link org.twgate.gateway.reload.Routing} (routes,
 * rewriting, DSN policy, relay policy, connector rules) and swaps it in one write; hands the new
 * per-session limits to the SMTP server for its next sessions; reports the changed keys that
 * need a restart. Fails safe: an invalid configuration is a {@code Refused} outcome, logged, and
 * the running configuration stays in force.
 */
package org.twgate.gateway.reload;
