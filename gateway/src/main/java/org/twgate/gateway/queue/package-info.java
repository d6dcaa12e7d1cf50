/**
 * Queue: decides when each spooled message is attempted, and records what came of it.
 *
 * <p>Takes {@link org.twgate.gateway.spool.StoredMessage}s from the SMTP server (at commit) and
 * from the spool (at start-up); groups each message's pending recipients by route
 * ({@link org.twgate.gateway.queue.Router}), hands each group to a
 * {@link org.twgate.gateway.queue.Courier} on a delivery thread, and journals the outcome per
 * recipient. The router and courier come as one {@link org.twgate.gateway.queue.Dispatch}, read
 * once per attempt: routes are chosen afresh at every attempt, so after a configuration reload a
 * queued message follows the new routes (the route in the journal is a record, never read back).
 * Transient failures are retried with exponential backoff until the maximum queue
 * lifetime; permanent failures and expiries produce a failure notice to the sender (never for
 * a null-sender message). A finished message is removed from the spool.
 *
 * <p>Failure: an exception from a courier counts as a transient failure of its recipients; a
 * journal that cannot be written is logged and the message stays queued (worst case: a
 * recipient delivered twice, never one lost).
 */
package org.twgate.gateway.queue;
