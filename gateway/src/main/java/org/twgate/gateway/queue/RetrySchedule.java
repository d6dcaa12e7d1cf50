package org.twgate.gateway.queue;

import java.time.Duration;
import java.time.Instant;

/**
 * When to try again: exponential backoff from {@code initial}, doubling per attempt, capped
 * at {@code max}; nothing is retried past {@code maxLifetime} after arrival.
 */
public record RetrySchedule(Duration initial, Duration max, Duration maxLifetime, Duration delayWarning) {

    public Instant nextAttempt(Instant now, int failedAttempts) {
        long factor = 1L << Math.min(Math.max(failedAttempts - 1, 0), 30);
        Duration wait = initial.multipliedBy(factor);
        return now.plus(wait.compareTo(max) > 0 ? max : wait);
    }

    public boolean expired(Instant arrival, Instant now) {
        return !now.isBefore(arrival.plus(maxLifetime));
    }
}
