/**
 * Notify: RFC 3464 delivery status notifications, and what happens to reports on their way to
 * the connector.
 *
 * <p>Takes from the queue the outcomes a sender may be owed a report for ({@link
 * org.twgate.gateway.notify.DsnNotifier}: failed, delayed, relayed to a hop without DSN) and
 * decides per recipient NOTIFY and per route {@code deliver_relayed_dsn}; hands a new
 * null-sender message to the spool and the queue ({@link org.twgate.gateway.notify.LocalSubmission}).
 * Takes from the route courier a message about to go to a final route and says what to send
 * instead ({@link org.twgate.gateway.notify.FinalRouteReports}: relayed-only reports per
 * policy, qmail bounces as reports), and records what was relayed to non-final routes
 * ({@link org.twgate.gateway.notify.RelayedMessages}) so a bounce can get its ENVID/ORCPT back.
 *
 * <p>Reports give each recipient the status its {@link org.twgate.gateway.outcome.DeliveryStatus}
 * carries: the next hop's enhanced code, or the local cause's (5.1.3 rewrite refusal, 5.1.2 no
 * such domain, 5.4.7 expired…).
 *
 * <p>Fails with an IOException when a report cannot be stored; for a failure report the queue
 * keeps the original and tries again (delay and relayed notices are logged and dropped). A report that cannot be converted is delivered as it came: conversion never holds back
 * or loses a message. Never writes a report about a report.
 */
package org.twgate.gateway.notify;
