package org.twgate.gateway.spool;

import java.nio.file.Path;

/**
 * A message committed to {@code queue/}: its envelope and where its content lies in the file.
 *
 * @param contentOffset where the message starts in {@code file} (after the envelope section)
 * @param contentSize   octets of message, CRLF line endings, not dot-stuffed
 */
public record StoredMessage(QueueId id, Envelope envelope, Path file, long contentOffset, long contentSize) {
}
