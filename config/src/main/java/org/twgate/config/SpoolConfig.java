package org.twgate.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The durable queue. Retries back off exponentially: {@code retryInitial}, doubling, up
 * to {@code retryMax}; after {@code maxLifetime} the message fails; after
 * {@code delayWarning} a delay notice is due.
 *
 * @param directory absolute, resolved against the working directory (or the config
 *                  file's directory when it came from a file)
 */
public record SpoolConfig(Path directory, Duration retryInitial, Duration retryMax, Duration maxLifetime,
                          Duration delayWarning) {

    public SpoolConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(retryInitial, "retryInitial");
        Objects.requireNonNull(retryMax, "retryMax");
        Objects.requireNonNull(maxLifetime, "maxLifetime");
        Objects.requireNonNull(delayWarning, "delayWarning");
    }
}
