package org.twgate.gateway.metrics;

import java.util.Locale;

/** What twgate did with a delivery status notification it had due (the {@code policy} label). */
public enum DsnDisposition {
    /** Sent as an RFC 3464 {@code multipart/report} (and, for relayed, {@code deliver_relayed_dsn: 0}). */
    REPORT,
    /** Sent as an ordinary message carrying the same facts ({@code deliver_relayed_dsn: 1}). */
    MESSAGE,
    /** Dropped by the route's policy ({@code deliver_relayed_dsn: 2}). */
    DISCARDED,
    /** Not sent because none may be: NOTIFY=NEVER, or the message had a null sender. */
    SUPPRESSED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
