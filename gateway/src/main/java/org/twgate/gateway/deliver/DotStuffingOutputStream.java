package org.twgate.gateway.deliver;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Turns stored message bytes into the DATA stream of RFC 5321 §4.5.2: every line ends in
 * CRLF, a line starting with "." gets another "." in front, and {@link #finish()} writes
 * the terminating {@code .CRLF}.
 *
 * <p>A bare CR or bare LF in the stored message (the accept stage should have refused or
 * normalised it) is written as CRLF, and the line after it is dot-stuffed like any other: so
 * a stored {@code LF . CR LF} can never become an end-of-data on the wire (SMTP smuggling).
 *
 * <p>Ordinary bytes are passed on in runs, not one call per byte. {@link #close()} does not
 * close the socket stream underneath.
 */
final class DotStuffingOutputStream extends FilterOutputStream {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] DOT = {'.'};

    private boolean atLineStart = true;
    private boolean pendingCr;
    private long written;

    DotStuffingOutputStream(OutputStream wire) {
        super(wire);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        int end = offset + length;
        int runStart = offset;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (pendingCr) {
                pendingCr = false;
                if (b == '\n') {
                    lineBreak();
                    runStart = i + 1;
                    continue;
                }
                lineBreak(); // bare CR: end the line here
            }
            if (b == '\r' || b == '\n' || (b == '.' && atLineStart)) {
                emit(bytes, runStart, i - runStart);
                runStart = i + 1;
                if (b == '\r') {
                    pendingCr = true;
                } else if (b == '\n') {
                    lineBreak(); // bare LF
                } else {
                    emit(DOT, 0, 1);
                    emit(DOT, 0, 1);
                    atLineStart = false;
                }
                continue;
            }
            atLineStart = false;
        }
        emit(bytes, runStart, end - runStart);
    }

    private void lineBreak() throws IOException {
        emit(CRLF, 0, 2);
        atLineStart = true;
    }

    private void emit(byte[] bytes, int offset, int length) throws IOException {
        if (length > 0) {
            out.write(bytes, offset, length);
            written += length;
        }
    }

    /** Ends the last line if needed, writes {@code .CRLF} and flushes the wire. */
    void finish() throws IOException {
        if (pendingCr) {
            pendingCr = false;
            lineBreak();
        }
        if (!atLineStart) {
            lineBreak();
        }
        emit(new byte[] {'.', '\r', '\n'}, 0, 3);
        out.flush();
    }

    /** Octets written to the wire so far, stuffing included. */
    long written() {
        return written;
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
