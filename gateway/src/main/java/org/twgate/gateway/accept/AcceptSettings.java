package org.twgate.gateway.accept;

import java.time.Duration;

/**
 * The SMTP server's settings for a session, taken from the configuration at start and again at
 * each reload; a session keeps the settings in force when it opened.
 *
 * @param maxCommandLine      octets of a command line including CRLF
 * @param maxMessageSize      octets; 0 for no limit (also advertised as SIZE)
 * @param dataLimits          what a client that is not a relay client may send after DATA
 * @param maxConnectionsPerIp concurrent sessions of one client (its address or network prefix)
 * @param defences            deadlines, rate limits, reverse DNS, the rules for relay clients
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
        boolean advertiseDsn,
        Defences defences) {

    /** Settings without deadlines, rate limits or reverse DNS; bare line endings alike for every client. */
    public static AcceptSettings of(String hostname, int maxCommandLine, int maxRecipients, long maxMessageSize,
            long maxDataLine, int maxReceivedHeaders, boolean rejectBareLineEndings, int maxConnections,
            int maxConnectionsPerIp, Duration idleTimeout, boolean advertiseDsn) {
        return new AcceptSettings(hostname, maxCommandLine, maxRecipients, maxMessageSize,
                new DataLimits(maxMessageSize, maxDataLine, maxReceivedHeaders, rejectBareLineEndings),
                maxConnections, maxConnectionsPerIp, idleTimeout, advertiseDsn, Defences.none(rejectBareLineEndings));
    }

    public AcceptSettings with(Defences next) {
        return new AcceptSettings(hostname, maxCommandLine, maxRecipients, maxMessageSize, dataLimits, maxConnections,
                maxConnectionsPerIp, idleTimeout, advertiseDsn, next);
    }

    /** What a session may send after DATA: relay clients have their own rule for bare line endings. */
    DataLimits dataLimits(boolean relayClient) {
        if (!relayClient || defences.relayClientsRejectBareLineEndings() == dataLimits.rejectBareLineEndings()) {
            return dataLimits;
        }
        return new DataLimits(dataLimits.maxMessageSize(), dataLimits.maxLineLength(), dataLimits.maxReceivedHeaders(),
                defences.relayClientsRejectBareLineEndings());
    }
}
