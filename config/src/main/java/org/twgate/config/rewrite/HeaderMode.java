package org.twgate.config.rewrite;

/** Which header addresses a route's recipient rule set rewrites along with the envelope. */
public enum HeaderMode {
    /**
     * Every matching address in To, Cc, Resent-To, Resent-Cc: qmail delivers one copy per
     * recipient, so every copy must carry the same headers (the default).
     */
    ALL,
    /** Only the addresses that are envelope recipients of this transaction. */
    ENVELOPE,
    /**
     * None: the envelope alone is rewritten, as qmail's {@code forward} does. The connector then
     * sees every recipient as Bcc; useful only to show that defect.
     */
    NONE
}
