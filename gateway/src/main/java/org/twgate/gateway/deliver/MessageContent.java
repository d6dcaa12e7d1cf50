package org.twgate.gateway.deliver;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The stored message, opened afresh for each delivery attempt: CRLF line endings and NOT
 * dot-stuffed (dot-stuffing is the wire's business, done by the client).
 */
@FunctionalInterface
public interface MessageContent {

    /** Opens the message from its first header byte; the caller closes the stream. */
    InputStream open() throws IOException;

    static MessageContent ofBytes(byte[] message) {
        byte[] copy = message.clone();
        return () -> new ByteArrayInputStream(copy);
    }

    static MessageContent ofFile(Path file) {
        return () -> Files.newInputStream(file);
    }
}
