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

    /**
     * Settings named one by one: {@code AcceptSettings.builder("gw.test").maxRecipients(100)…build()}.
     * Unset limits are the configuration's defaults (bare line endings refused, DSN offered); no
     * deadlines, rate limits or reverse DNS, and relay clients treated like the others, unless set.
     */
    public static Builder builder(String hostname) {
        return new Builder(hostname);
    }

    /** Named parameters for {@link AcceptSettings}: each limit set by its name, none by its position. */
    public static final class Builder {
        private final String hostname;
        private int maxCommandLine = 1024;
        private int maxRecipients = 100;
        private long maxMessageSize = 50L << 20;
        private long maxDataLine = 1L << 20;
        private int maxReceivedHeaders = 100;
        private boolean rejectBareLineEndings = true;
        private int maxConnections = 200;
        private int maxConnectionsPerIp = 20;
        private Duration idleTimeout = Duration.ofMinutes(5);
        private boolean advertiseDsn = true;
        private Defences defences;

        private Builder(String hostname) {
            this.hostname = hostname;
        }

        /** Octets of a command line, its CRLF included. */
        public Builder maxCommandLine(int octets) {
            this.maxCommandLine = octets;
            return this;
        }

        public Builder maxRecipients(int recipients) {
            this.maxRecipients = recipients;
            return this;
        }

        /** Octets of content; 0 for no limit (also advertised as SIZE). */
        public Builder maxMessageSize(long octets) {
            this.maxMessageSize = octets;
            return this;
        }

        /** Octets of one line of the message, without its CRLF; 0 for no limit. */
        public Builder maxDataLine(long octets) {
            this.maxDataLine = octets;
            return this;
        }

        /** More {@code Received:} fields than this is a mail loop; 0 disables the check. */
        public Builder maxReceivedHeaders(int fields) {
            this.maxReceivedHeaders = fields;
            return this;
        }

        /** Refuse (rather than normalise) a bare CR or LF, from every client unless {@link #defences} says otherwise for relay clients. */
        public Builder rejectBareLineEndings(boolean reject) {
            this.rejectBareLineEndings = reject;
            return this;
        }

        /** Sessions open at once; 0 for no limit. */
        public Builder maxConnections(int sessions) {
            this.maxConnections = sessions;
            return this;
        }

        /** Concurrent sessions of one client (its address, or network prefix). */
        public Builder maxConnectionsPerIp(int sessions) {
            this.maxConnectionsPerIp = sessions;
            return this;
        }

        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = timeout;
            return this;
        }

        /** Offer DSN (RFC 3461: RET, ENVID, NOTIFY, ORCPT) in the EHLO reply. */
        public Builder advertiseDsn(boolean offered) {
            this.advertiseDsn = offered;
            return this;
        }

        /** Deadlines, rate limits, reverse DNS, the rules for relay clients. */
        public Builder defences(Defences next) {
            this.defences = next;
            return this;
        }

        public AcceptSettings build() {
            return new AcceptSettings(hostname, maxCommandLine, maxRecipients, maxMessageSize,
                    new DataLimits(maxMessageSize, maxDataLine, maxReceivedHeaders, rejectBareLineEndings),
                    maxConnections, maxConnectionsPerIp, idleTimeout, advertiseDsn,
                    defences != null ? defences : Defences.none(rejectBareLineEndings));
        }
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
