package org.twgate.gateway.spool;

import java.io.IOException;
import java.io.UncheckedIOException;

/** An I/O failure inside a chained spool task; the cause says what the file system answered. */
public final class SpoolIoException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    public SpoolIoException(String message, IOException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }

    /** True when the file system is out of space (the client should hear {@code 452 4.3.1}). */
    public boolean isOutOfSpace() {
        String text = getCause().getMessage();
        return text != null && text.contains("No space left");
    }
}
