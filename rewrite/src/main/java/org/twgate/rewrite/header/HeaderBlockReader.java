package org.twgate.rewrite.header;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the header block of a message from a stream, up to and including the empty line that
 * ends it (CRLF CRLF, or LF LF for a message whose line ends were normalised), and not one
 * byte further: the stream is left at the first byte of the body, to be streamed on as it is.
 * It reads byte by byte, so give it a buffered stream.
 */
public final class HeaderBlockReader {
    private HeaderBlockReader() {
    }

    /**
     * The header block, including its terminating empty line; at end of stream, what there was
     * (a message of headers only).
     *
     * @throws HeaderTooLargeException if {@code maxBytes} bytes were read without reaching the end
     */
    public static byte[] read(InputStream in, int maxBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, 4096));
        int lineLength = 0; // bytes in the current line before its line end
        int b;
        while ((b = in.read()) >= 0) {
            if (out.size() >= maxBytes) {
                throw new HeaderTooLargeException(maxBytes);
            }
            out.write(b);
            if (b == '\n') {
                if (lineLength == 0) {
                    break; // the empty line: the body starts with the next byte
                }
                lineLength = 0;
            } else if (b != '\r' || lineLength > 0) {
                lineLength++;
            } else {
                // a CR at the start of a line is part of its CRLF line end, not content
                lineLength = 0;
            }
        }
        return out.toByteArray();
    }
}
