package org.twgate.dsn.param;

/** The conditions a RCPT {@code NOTIFY=} list may name (RFC 3461 §4.1). */
public enum NotifyCondition {
    SUCCESS, FAILURE, DELAY
}
