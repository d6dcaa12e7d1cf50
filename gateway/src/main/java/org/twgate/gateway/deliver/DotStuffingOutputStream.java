package org.twgate.gateway.deliver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.twgate.gateway.text.LineBreaks;

/**
 * Turns stored message bytes into the DATA stream of RFC 5321 §4.5.2: every line ends in
 * CRLF, a line starting with "." gets another "." in front, and {@link #finish()} writes
 * the terminating {@code .CRLF}.
 *
 * <p>A bare CR or bare LF in the stored message (the accept stage should have refused or
 * normalised it) is written as CRLF, and the line after it is dot-stuffed like any other: so
 * a stored {@code LF . CR LF} can never become an end-of-data on the wire (SMTP smuggling).
 *
 * <p>Built for large messages: a proper CRLF stays inside the run of bytes being copied, so a
 * body without leading dots or bare line endings goes out as a few array copies into one
 * buffer, not as two calls per line on the (synchronised) stream underneath. {@link #close()}
 * does not close the socket stream underneath.
 */
final class DotStuffingOutputStream extends OutputStream {

    private static final int BUFFER = 64 << 10;
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] DOT = {'.'};
    private static final byte[] END = {'.', '\r', '\n'};

    private final OutputStream wire;
    private final byte[] buffer = new byte[BUFFER];
    /** What {@link #writeAll} reads into; allocated on first use. */
    private byte[] input;
    private int count;
    private boolean atLineStart = true;
    /** The previous write ended in CR: the next octet tells whether it was a line break or bare. */
    private boolean pendingCr;

    DotStuffingOutputStream(OutputStream wire) {
        this.wire = wire;
    }

    /** Whether this stream writes to {@code stream} (a connection's wire changes with STARTTLS). */
    boolean writesTo(OutputStream stream) {
        return wire == stream;
    }

    /** Back to the state of a new stream, for the next transaction on the same connection. */
    void reset() {
        count = 0;
        atLineStart = true;
        pendingCr = false;
    }

    /**
     * Writes all of {@code content} in 64 KiB reads: each read of a buffered stream that comes up
     * short asks the stream underneath what is available, for a spool file an fstat and an lseek,
     * which cost a fifth of the delivery CPU of 1 MiB messages with InputStream.transferTo's 8 KiB.
     */
    void writeAll(InputStream content) throws IOException {
        if (input == null) {
            input = new byte[BUFFER];
        }
        for (int n; (n = content.read(input)) > 0; ) {
            write(input, 0, n);
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        int end = offset + length;
        int i = offset;
        if (pendingCr && i < end) {
            pendingCr = false;
            lineBreak();
            if (bytes[i] == '\n') {
                i++; // CR LF split across two writes: one line break
            } // else a bare CR, now a line break; the octet at i starts the next line
        }
        int run = i;
        while (i < end) {
            if (atLineStart) {
                atLineStart = false;
                if (bytes[i] == '.') {
                    emit(bytes, run, i - run);
                    emit(DOT, 0, 1); // the added dot; the line's own dot stays in the run
                    run = i;
                }
            }
            int brk = LineBreaks.next(bytes, i, end);
            if (brk < 0) {
                break;
            }
            if (bytes[brk] == '\r') {
                if (brk + 1 == end) {
                    emit(bytes, run, brk - run);
                    pendingCr = true; // the next write tells whether an LF follows
                    run = end;
                    break;
                }
                if (bytes[brk + 1] == '\n') {
                    i = brk + 2; // a proper line break travels inside the run
                    atLineStart = true;
                    continue;
                }
            }
            emit(bytes, run, brk - run); // a bare CR or bare LF
            lineBreak();
            i = run = brk + 1;
        }
        emit(bytes, run, end - run);
    }

    private void lineBreak() throws IOException {
        emit(CRLF, 0, 2);
        atLineStart = true;
    }

    private void emit(byte[] bytes, int offset, int length) throws IOException {
        if (length <= 0) {
            return;
        }
        if (length > buffer.length - count) {
            drain();
            if (length >= buffer.length) {
                wire.write(bytes, offset, length);
                return;
            }
        }
        System.arraycopy(bytes, offset, buffer, count, length);
        count += length;
    }

    private void drain() throws IOException {
        if (count > 0) {
            wire.write(buffer, 0, count);
            count = 0;
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
        emit(END, 0, END.length);
        flush();
    }

    @Override
    public void flush() throws IOException {
        drain();
        wire.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
