package org.twgate.gateway.deliver;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The stored content being sent, remembering whether reading it failed: a write fault (the hop
 * or program went away) and a read fault (the spool) look alike to the code copying one to the
 * other, but only the second means the other side got a truncated message however it answers.
 */
final class SpoolReading extends FilterInputStream {
    private volatile IOException fault;

    SpoolReading(InputStream stored) {
        super(stored);
    }

    /** The read error met, or null when every read succeeded. */
    IOException fault() {
        return fault;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            fault = e;
            throw e;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return in.read(b, off, len);
        } catch (IOException e) {
            fault = e;
            throw e;
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return super.skip(n);
        } catch (IOException e) {
            fault = e;
            throw e;
        }
    }
}
