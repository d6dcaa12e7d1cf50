/**
 * Outcome: the one vocabulary for what became of a recipient, and the one policy that decides it.
 *
 * <p>{@link org.twgate.gateway.outcome.DeliveryStatus} (result, RFC 3463 status, a
 * {@link org.twgate.gateway.outcome.Reason} from a closed set, the next hop's reply and name, a
 * diagnostic) is what deliver hands on, the queue decides with, the spool journal records, notify
 * reports and the log lines and metrics show. {@link org.twgate.gateway.outcome.DeliveryPolicy}
 * holds every rule: SMTP replies per stage, next MX host after a refused session, DNS answers,
 * TLS, local checks, pipe exit codes (qmail-command(8)), spool read errors, rewrite refusals,
 * queue lifetime, internal errors, notices that cannot be queued. No I/O here.
 */
package org.twgate.gateway.outcome;
