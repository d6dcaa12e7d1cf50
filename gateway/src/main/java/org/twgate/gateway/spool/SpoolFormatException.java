package org.twgate.gateway.spool;

import java.io.IOException;

/** A spool file that cannot be read back; the message names the file and, where known, the line. */
public final class SpoolFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public SpoolFormatException(String message) {
        super(message);
    }
}
