package org.twgate.dsn.report;

import java.util.Optional;
import org.twgate.dsn.param.Ret;
import org.twgate.dsn.status.Action;

/** What of the original message a report carries (RFC 3461 §4.3 RET, RFC 3462 §3). */
public enum ReturnContent {
    /** {@code text/rfc822-headers}: the header block only (RET=HDRS, relayed notices). */
    HEADERS,
    /** {@code message/rfc822}: the whole message (RET=FULL). */
    FULL,
    /** Nothing of the original. */
    NONE;

    /**
     * The content for a report whose headline is {@code action}, given the sender's RET.
     * Only a failure returns the whole message: it is the sender's only copy of what did not
     * arrive. Success, relay and delay notices return headers, enough to identify the
     * message (RFC 3461 §4.3 lets RET govern failures; a 50 MiB "relayed" notice helps no one).
     * A failure without RET returns the whole message, as qmail and Postfix do.
     */
    public static ReturnContent forOutcome(Optional<Ret> ret, Action action) {
        if (action != Action.FAILED) {
            return HEADERS;
        }
        return ret.orElse(Ret.FULL) == Ret.FULL ? FULL : HEADERS;
    }
}
