package org.twgate.dsn.qsbmf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads lines (LF or CRLF terminated) while counting the bytes consumed, so the parser can
 * say where in the message the original part starts. Lines longer than {@link #MAX_LINE}
 * are cut there; the rest of the line is consumed and dropped.
 */
final class ByteLineReader {

    static final int MAX_LINE = 64 * 1024;

    private final InputStream in;
    private long offset;

    ByteLineReader(InputStream in) {
        this.in = in;
    }

    /** The next line without its terminator, or null at end of stream. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        boolean any = false;
        while ((b = in.read()) != -1) {
            offset++;
            any = true;
            if (b == '\n') {
                break;
            }
            if (line.size() < MAX_LINE) {
                line.write(b);
            }
        }
        if (!any) {
            return null;
        }
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** Bytes consumed so far: the offset of the next line. */
    long offset() {
        return offset;
    }
}
