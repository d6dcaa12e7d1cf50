package org.twgate.gateway.accept;

import java.time.Duration;

/**
 * The SMTP server's settings for a session, taken from the configuration at start and again at
 * each reload; a session keeps the settings in force when it opened.
 *
 * @param maxCommandLine octets of a command line including CRLF
 * @param maxMessageSize octets; 0 for no limit (also advertised as SIZE)
 */
public record AcceptSettings(
        String hostname,
        int maxCommandLine,
        int maxRecipients,
        long maxMessageSize,
        DataLimits dataLimits,
        int maxConnections,
        int maxConnectionsPerIp,
        Duration idleTimeout,
        boolean advertiseDsn) {

    public static AcceptSettings of(String hostname, int maxCommandLine, int maxRecipients, long maxMessageSize,
            long maxDataLine, int maxReceivedHeaders, boolean rejectBareLineEndings, int maxConnections,
            int maxConnectionsPerIp, Duration idleTimeout, boolean advertiseDsn) {
        return new AcceptSettings(hostname, maxCommandLine, maxRecipients, maxMessageSize,
                new DataLimits(maxMessageSize, maxDataLine, maxReceivedHeaders, rejectBareLineEndings),
                maxConnections, maxConnectionsPerIp, idleTimeout, advertiseDsn);
    }
}
