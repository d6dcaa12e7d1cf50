package org.twgate.gateway.deliver;

import java.io.IOException;

/** The stored message has no end of header section within the configured bound. */
public final class HeaderTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    public HeaderTooLargeException(int maxBytes) {
        super("header section longer than " + maxBytes + " octets (no empty line found)");
    }
}
