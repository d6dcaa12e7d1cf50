package org.twgate.gateway.deliver;

/** What became of one recipient in one delivery attempt. */
public enum Outcome {
    /** The next hop took responsibility (2xx after the end of data). */
    DELIVERED,
    /** Not delivered this time; the spool retries later. */
    DEFERRED,
    /** Not delivered and never will be; a failure notice is due. */
    FAILED
}
