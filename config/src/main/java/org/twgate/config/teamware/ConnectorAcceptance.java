package org.twgate.config.teamware;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the Teamware Connector for MIME will accept, from the {@code [MIME]} section of
 * {@code to.ini}, so that twgate can refuse at RCPT time what the connector would bounce.
 *
 * @param noRelay {@code no_relay = 1}: only the server's own base addresses (and {@code
 *                allow} domains) are accepted, nothing is relayed onwards
 * @param mode    {@code mode}: {@code any} domain, those on {@code allow} lines ({@code
 *                list}), or only the server's own base addresses ({@code strict})
 * @param allow   the {@code allow =} domains, lower case, in file order
 */
public record ConnectorAcceptance(boolean noRelay, Mode mode, List<String> allow) {

    /** The connector's {@code mode} option. */
    public enum Mode {
        ANY,
        LIST,
        STRICT
    }

    public ConnectorAcceptance {
        Objects.requireNonNull(mode, "mode");
        allow = List.copyOf(allow);
    }

    /** The connector's defaults: {@code mode = any}, relaying allowed. */
    public static ConnectorAcceptance acceptAll() {
        return new ConnectorAcceptance(false, Mode.ANY, List.of());
    }

    /**
     * Whether the connector would accept a recipient in {@code domain}, given the
     * server's own base addresses and aliases. Its own domains are always accepted.
     */
    public boolean accepts(String domain, OwnNodes own) {
        String d = domain.toLowerCase(Locale.ROOT);
        boolean ownDomain = own.contains(d);
        // no_relay: the connector forwards nothing that is neither its own nor a domain it
        // is explicitly a gateway for
        if (noRelay && !ownDomain && !allow.contains(d)) {
            return false;
        }
        return switch (mode) {
            case ANY -> true;
            case LIST -> ownDomain || allow.contains(d);
            case STRICT -> ownDomain;
        };
    }
}
