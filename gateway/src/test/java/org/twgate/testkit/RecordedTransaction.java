package org.twgate.testkit;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One transaction the {@link RecordingSmtpServer} saw through to the end of data.
 *
 * @param connection the server's number for the connection it came on (1, 2, ...)
 * @param greeting   "EHLO name" or "HELO name" as received
 * @param mail       the MAIL command line as received, parameters included
 * @param rcpts      every RCPT command line as received, refused ones included
 * @param rawData    the octets after the 354 up to (not including) the final ".CRLF",
 *                   still dot-stuffed
 * @param data       the same with the dot-stuffing removed: the message as sent
 * @param endReply   what the server answered after "."
 */
public record RecordedTransaction(int connection, String greeting, String mail, List<String> rcpts,
                                  byte[] rawData, byte[] data, String endReply) {

    public RecordedTransaction {
        rcpts = List.copyOf(rcpts);
    }

    /** The message as sent, as ISO-8859-1 text (one char per octet). */
    public String text() {
        return new String(data, StandardCharsets.ISO_8859_1);
    }
}
