package org.twgate.dsn.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies an original message into a report with CRLF line endings, in constant memory.
 *
 * <p>Bare CR and bare LF become CRLF, so nothing attached to a report can be read as a
 * different line structure downstream; the copy always ends with CRLF so the boundary that
 * follows starts a line.
 */
final class CrlfCopier {

    private static final int BUFFER = 16 * 1024;

    private CrlfCopier() {
    }

    /** Copies the whole message. */
    static void copyAll(InputStream in, OutputStream out) throws IOException {
        copy(in, out, false);
    }

    /** Copies the header block, stopping at (and not copying) the blank line that ends it. */
    static void copyHeaders(InputStream in, OutputStream out) throws IOException {
        copy(in, out, true);
    }

    private static void copy(InputStream in, OutputStream out, boolean headersOnly) throws IOException {
        byte[] buf = new byte[BUFFER];
        byte[] outBuf = new byte[BUFFER * 2 + 2];
        boolean lineEmpty = true;
        boolean afterCr = false;
        int n;
        while ((n = in.read(buf)) != -1) {
            int o = 0;
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (b == '\n' && afterCr) {
                    afterCr = false;
                    continue;
                }
                afterCr = b == '\r';
                if (b == '\n' || b == '\r') {
                    if (headersOnly && lineEmpty) {
                        out.write(outBuf, 0, o);
                        return;
                    }
                    outBuf[o++] = '\r';
                    outBuf[o++] = '\n';
                    lineEmpty = true;
                } else {
                    outBuf[o++] = b;
                    lineEmpty = false;
                }
            }
            out.write(outBuf, 0, o);
        }
        if (!lineEmpty) {
            out.write(new byte[] {'\r', '\n'});
        }
    }
}
