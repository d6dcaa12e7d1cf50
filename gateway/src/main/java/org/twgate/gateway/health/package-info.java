/**
 * Health: whether the gateway is alive (it answers at all) and ready (it can take mail now).
 *
 * <p>Takes the SMTP server's bound addresses, the spool directory and its free space, and the
 * configuration's source; hands on a {@link org.twgate.gateway.health.HealthReport} whose text is
 * the plain-text body of {@code /health/ready}. A failing condition is a value with a message
 * saying what is wrong, never an exception.
 */
package org.twgate.gateway.health;
