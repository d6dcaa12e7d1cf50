package org.twgate.gateway.deliver;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the SMTP client, immutable once built.
 *
 * @param heloName           our name in EHLO/HELO
 * @param connectTimeout     TCP connect, per address tried
 * @param commandTimeout     wait for each reply (RFC 5321 §4.5.3.2 suggests minutes)
 * @param dataTimeout        wait for the reply after the final "." (RFC 5321: 10 minutes)
 * @param transactionTimeout a whole transaction, content included; guards writes that block
 * @param idleTimeout        how long an unused connection is kept open for reuse
 * @param acquireTimeout     how long a caller waits for a free connection slot to a hop
 * @param maxHeaderBytes     the most octets read as header section for header transforms
 */
public record SmtpClientConfig(String heloName, Duration connectTimeout, Duration commandTimeout,
                               Duration dataTimeout, Duration transactionTimeout, Duration idleTimeout,
                               Duration acquireTimeout, int maxHeaderBytes) {

    public SmtpClientConfig {
        Objects.requireNonNull(heloName, "heloName");
        WireText.requireSingleLine(heloName, "HELO name");
        if (heloName.isBlank() || heloName.contains(" ")) {
            throw new IllegalArgumentException("HELO name '" + heloName + "' must be one non-empty word");
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(commandTimeout, "commandTimeout");
        requirePositive(dataTimeout, "dataTimeout");
        requirePositive(transactionTimeout, "transactionTimeout");
        requirePositive(idleTimeout, "idleTimeout");
        requirePositive(acquireTimeout, "acquireTimeout");
        if (maxHeaderBytes < 1024) {
            throw new IllegalArgumentException("maxHeaderBytes " + maxHeaderBytes + " < 1024");
        }
    }

    /** Production defaults: the RFC 5321 §4.5.3.2 timeouts, shortened where a gateway can. */
    public static SmtpClientConfig defaults(String heloName) {
        return new SmtpClientConfig(heloName, Duration.ofSeconds(30), Duration.ofMinutes(5),
                Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofSeconds(30),
                Duration.ofMinutes(1), 1 << 20);
    }

    public SmtpClientConfig withTimeouts(Duration command, Duration data, Duration transaction) {
        return new SmtpClientConfig(heloName, connectTimeout, command, data, transaction, idleTimeout,
                acquireTimeout, maxHeaderBytes);
    }

    public SmtpClientConfig withIdleTimeout(Duration idle) {
        return new SmtpClientConfig(heloName, connectTimeout, commandTimeout, dataTimeout, transactionTimeout,
                idle, acquireTimeout, maxHeaderBytes);
    }

    public SmtpClientConfig withAcquireTimeout(Duration acquire) {
        return new SmtpClientConfig(heloName, connectTimeout, commandTimeout, dataTimeout, transactionTimeout,
                idleTimeout, acquire, maxHeaderBytes);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " " + d + " must be positive");
        }
    }
}
