/**
 * The status page: {@code GET /} and {@code GET /status.json} on the metrics listener (or on
 * {@code metrics.status_listen}), for sites that run no Prometheus.
 *
 * <p>Takes facts one method per fact ({@link org.twgate.gateway.status.StatusRecorder}), fed by
 * {@link org.twgate.gateway.status.StatusListeners} from the stages' listener interfaces, plus
 * the queue's in-memory snapshot, the routes in force, the outbound sessions in use and the
 * readiness checks ({@link org.twgate.gateway.status.StatusBoard}). Hands on HTML rendered and
 * escaped on the server ({@link org.twgate.gateway.status.StatusPage}) and JSON
 * ({@link org.twgate.gateway.status.StatusJson}); the browser gets same-origin assets only, under
 * a Content-Security-Policy without inline script. Read-only: no request changes anything.
 */
package org.twgate.gateway.status;
