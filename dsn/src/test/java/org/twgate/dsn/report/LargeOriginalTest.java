package org.twgate.dsn.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twgate.dsn.status.Action;
import org.twgate.dsn.status.EnhancedStatus;

/** The original is streamed: RET=FULL copies 64 MiB through, headers-only stops at the header block. */
class LargeOriginalTest {

    private static final long BODY = 64L * 1024 * 1024;
    private static final byte[] HEADER = "Subject: big\r\nFrom: a@b.example\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void returnsAWholeLargeMessageWithoutHoldingIt() throws IOException {
        CountingInput in = new CountingInput();
        CountingOutput out = new CountingOutput();
        DsnWriter.write(report(ReturnContent.FULL), ReportFixtures.headers(), in, out);
        assertThat(in.read).isEqualTo(HEADER.length + BODY);
        assertThat(out.count).isGreaterThan(HEADER.length + BODY).isLessThan(HEADER.length + BODY + 4096);
    }

    @Test
    void readsOnlyTheHeaderBlockForAHeadersOnlyReport() throws IOException {
        CountingInput in = new CountingInput();
        CountingOutput out = new CountingOutput();
        DsnWriter.write(report(ReturnContent.HEADERS), ReportFixtures.headers(), in, out);
        assertThat(in.read).isLessThanOrEqualTo(64 * 1024);
        assertThat(out.count).isLessThan(4096);
    }

    private static DsnReport report(ReturnContent content) {
        return DsnReport.of("gw.example", List.of(
                DsnRecipient.of("a@x.example", Action.FAILED, EnhancedStatus.PERMANENT)), content);
    }

    /** A message of HEADER then BODY bytes of 76-character CRLF lines, generated on the fly. */
    private static final class CountingInput extends InputStream {
        long read;

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            long total = HEADER.length + BODY;
            if (read >= total) {
                return -1;
            }
            int n = (int) Math.min(len, total - read);
            for (int i = 0; i < n; i++) {
                long pos = read + i;
                if (pos < HEADER.length) {
                    b[off + i] = HEADER[(int) pos];
                } else {
                    long col = (pos - HEADER.length) % 78;
                    b[off + i] = (byte) (col == 76 ? '\r' : col == 77 ? '\n' : 'x');
                }
            }
            read += n;
            return n;
        }
    }

    private static final class CountingOutput extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
