package org.twgate.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The durable queue. Retries back off exponentially: {@code retryInitial}, doubling, up
 * to {@code retryMax}; after {@code maxLifetime} the message fails; after
 * {@code delayWarning} a delay notice is due. The queue keeps each message's envelope on the
 * heap, so {@code maxQueuedMessages} bounds how many it holds before the SMTP server refuses new
 * mail with a temporary error (the client keeps it and retries).
 *
 * @param directory absolute, resolved against the working directory (or the config
 *                  file's directory when it came from a file)
 * @param maxQueuedMessages the bound, or {@link #AUTO} (0): derived from the heap at start
 */
public record SpoolConfig(Path directory, Duration retryInitial, Duration retryMax, Duration maxLifetime,
                          Duration delayWarning, int maxQueuedMessages) {
    /** {@code max_queued_messages: auto}: the gateway derives the bound from its heap. */
    public static final int AUTO = 0;

    public SpoolConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(retryInitial, "retryInitial");
        Objects.requireNonNull(retryMax, "retryMax");
        Objects.requireNonNull(maxLifetime, "maxLifetime");
        Objects.requireNonNull(delayWarning, "delayWarning");
        if (maxQueuedMessages < 0) {
            throw new IllegalArgumentException("maxQueuedMessages " + maxQueuedMessages);
        }
    }
}
