package org.twgate.gateway.deliver;

import java.io.IOException;

/**
 * The server said something that is not SMTP (a malformed reply, an over-long line). Treated
 * like any other I/O fault: the connection is dropped and the transaction is retried later.
 */
public final class SmtpProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    public SmtpProtocolException(String message) {
        super(message);
    }
}
