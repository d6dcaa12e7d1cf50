/**
 * Metrics: Micrometer meters in a Prometheus registry, and the HTTP endpoint that serves them
 * with the health checks.
 *
 * <p>Takes events from the stages through their listener interfaces ({@code accept.SmtpListener},
 * {@code queue.QueueListener}) and direct calls
 * ({@link org.twgate.gateway.metrics.GatewayMetrics#rewrite}, {@link org.twgate.gateway.metrics.GatewayMetrics#dsn}).
 * Hands on the Prometheus text exposition at {@code /metrics}. Label values come only from enums,
 * command verbs and configured names (routes, rule sets), never from addresses or queue ids.
 *
 * <p>Fails loudly only at start (the HTTP port cannot be bound); counting never throws into the
 * mail flow.
 */
package org.twgate.gateway.metrics;
