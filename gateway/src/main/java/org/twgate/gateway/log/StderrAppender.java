package org.twgate.gateway.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Standard error behind a buffer of {@link #BUFFER_OCTETS}. logback's console appender writes
 * through {@code System.err}, which flushes every write: one {@code write(2)} per line, on a
 * relay that logs two lines a message. With {@code immediateFlush} off (as {@code logback.xml}
 * sets it), the lines wait in the buffer until whoever drives this appender flushes it:
 * {@link NonBlockingAsyncAppender} does after every batch it takes from its queue, so a batch
 * leaves in one write. With {@code immediateFlush} on (the default), every line is flushed.
 */
public final class StderrAppender extends OutputStreamAppender<ILoggingEvent> {
    static final int BUFFER_OCTETS = 64 << 10;

    @Override
    public void start() {
        if (getOutputStream() == null) {
            writeTo(new FileOutputStream(FileDescriptor.err));
        }
        super.start();
    }

    /** Writes through the same buffer to {@code raw} instead of descriptor 2: for tests. */
    void writeTo(OutputStream raw) {
        setOutputStream(new BufferedOutputStream(new KeptOpen(raw), BUFFER_OCTETS));
    }

    /** Writes out what the buffer holds; called by the thread that drives this appender, after a batch. */
    public void flush() {
        streamWriteLock.lock();
        try {
            OutputStream out = getOutputStream();
            if (out != null) {
                out.flush();
            }
        } catch (IOException e) {
            addWarn("cannot flush standard error", e);
        } finally {
            streamWriteLock.unlock();
        }
    }

    /** Closing the appender (a reconfiguration, a test swapping the stream) must not close descriptor 2. */
    private static final class KeptOpen extends FilterOutputStream {
        KeptOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len); // FilterOutputStream would write byte by byte
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
