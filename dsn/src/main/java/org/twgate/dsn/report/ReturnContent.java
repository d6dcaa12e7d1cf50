package org.twgate.dsn.report;

/** What of the original message a report carries (RFC 3461 §4.3 RET, RFC 3462 §3). */
public enum ReturnContent {
    /** {@code text/rfc822-headers}: the header block only (RET=HDRS, relayed notices). */
    HEADERS,
    /** {@code message/rfc822}: the whole message (RET=FULL). */
    FULL,
    /** Nothing of the original. */
    NONE
}
