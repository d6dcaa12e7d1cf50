package org.twgate.gateway.deliver;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The stored message, opened afresh for each delivery attempt: CRLF line endings and NOT
 * dot-stuffed (dot-stuffing is the wire's business, done by the client).
 */
@FunctionalInterface
public interface MessageContent {

    /**
     * Opens the message from its first header byte; the caller closes the stream. The stream is
     * buffered (header readers take it an octet at a time): callers do not wrap it again.
     */
    InputStream open() throws IOException;

    static MessageContent ofBytes(byte[] message) {
        byte[] copy = message.clone();
        return () -> new ByteArrayInputStream(copy);
    }
}
