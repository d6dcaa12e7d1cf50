/**
 * Configuration reload (SIGHUP): takes a fresh load of the configuration file and its imports,
 * hands the new relay policy to the running SMTP server, and reports the changed sections that
 * need a restart. Fails safe: an invalid configuration is a {@code Refused} outcome, logged, and
 * the running configuration stays in force.
 */
package org.twgate.gateway.reload;
