package org.twgate.rewrite.header;

import java.io.IOException;

/** The header block did not end within the size bound; the SMTP answer is 552 5.3.4. */
public final class HeaderTooLargeException extends IOException {
    private final int limit;

    public HeaderTooLargeException(int limit) {
        super("header block longer than " + limit + " octets without an empty line");
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }
}
