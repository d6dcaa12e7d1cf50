/**
 * Queue: decides when each spooled message is attempted, and records what came of it.
 *
 * <p>Takes {@link org.twgate.gateway.spool.StoredMessage}s from the SMTP server (at commit) and
 * from the spool (at start-up); groups each message's pending recipients by route and hands
 * each group to the {@link org.twgate.gateway.queue.Courier} on a delivery thread, and journals
 * the outcome per recipient. The courier (which route, and the carrying) is read once per
 * attempt: routes are chosen afresh at every attempt, so after a configuration reload a
 * queued message follows the new routes (the route in the journal is a record, never read back).
 * What an attempt's outcomes make of the message is the pure
 * {@link org.twgate.gateway.queue.QueueTransitions} (state, outcomes, time and retry schedule
 * in; new {@link org.twgate.gateway.queue.MessageState}, journal records, notices and next
 * attempt out); the queue only schedules and applies it, under the message's one guard that
 * {@code list}, {@code show}, {@code hold}, {@code retry}, {@code delete} and a running attempt
 * all take. Transient failures are retried with exponential backoff until the maximum queue
 * lifetime; permanent failures and expiries produce a failure notice to the sender (never for
 * a null-sender message). A message leaves the spool once nothing is pending and every failure
 * notice it owes is queued. Every decision is an event to {@link org.twgate.gateway.queue.QueueListener}s:
 * the log lines ({@link org.twgate.gateway.queue.DeliveryLog}) and the metrics are two of them.
 *
 * <p>Failure (the rules are {@link org.twgate.gateway.outcome.DeliveryPolicy}'s): a courier
 * exception is logged at ERROR with its stack trace and defers its recipients, and three attempts
 * in a row ending so hold the message; a failure notice that cannot be queued keeps the original
 * until it is; a journal that cannot be written is logged and the message stays queued (worst
 * case: a recipient delivered twice, never one lost). A message deleted while an attempt runs
 * keeps nothing of that attempt.
 */
package org.twgate.gateway.queue;
