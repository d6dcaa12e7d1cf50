package org.twgate.gateway.deliver;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads SMTP replies from a server's byte stream: lines ending in CRLF (a bare LF is
 * tolerated, as old servers send it), grouped into multiline replies.
 */
final class ReplyReader {

    /** RFC 5321 says 512; generous so that chatty servers are not cut off. */
    static final int MAX_LINE = 8192;
    /** A reply with more lines than this is not a server talking SMTP. */
    static final int MAX_LINES = 1000;

    private final InputStream in;
    private final byte[] line = new byte[MAX_LINE];

    ReplyReader(InputStream in) {
        this.in = in;
    }

    /** Reads one complete reply, blocking up to the socket's read timeout per read. */
    SmtpReply read() throws IOException {
        List<String> raw = new ArrayList<>(1);
        while (true) {
            String text = readLine();
            raw.add(text);
            SmtpReply.codeOf(text);
            if (!SmtpReply.continues(text)) {
                return SmtpReply.parse(raw);
            }
            if (raw.size() >= MAX_LINES) {
                throw new SmtpProtocolException("reply longer than " + MAX_LINES + " lines, starting '" + raw.get(0) + "'");
            }
        }
    }

    private String readLine() throws IOException {
        int length = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException(length == 0 ? "connection closed by server"
                        : "connection closed inside reply line '" + text(length) + "'");
            }
            if (b == '\n') {
                if (length > 0 && line[length - 1] == '\r') {
                    length--;
                }
                return text(length);
            }
            if (length == MAX_LINE) {
                throw new SmtpProtocolException("reply line longer than " + MAX_LINE + " octets, starting '"
                        + text(60) + "'");
            }
            line[length++] = (byte) b;
        }
    }

    private String text(int length) {
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }
}
