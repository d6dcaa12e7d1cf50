package org.twgate.gateway.text;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the next CR or LF in a byte array eight octets at a time (the "has a zero byte" test
 * of two XORed words). Decoding DATA on the way in and dot-stuffing on the way out only act at
 * line breaks, so finding them fast is most of their work on a large message.
 */
public final class LineBreaks {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long CRS = 0x0D0D0D0D0D0D0D0DL;
    private static final long LFS = 0x0A0A0A0A0A0A0A0AL;

    private LineBreaks() {
    }

    /** Index of the first CR or LF in {@code bytes[from, to)}, or -1. */
    public static int next(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i);
            long cr = word ^ CRS;
            long lf = word ^ LFS;
            // Per word, a high bit marks a zero byte of cr or lf; the lowest mark is always exact.
            long marks = (((cr - ONES) & ~cr) | ((lf - ONES) & ~lf)) & HIGHS;
            if (marks != 0) {
                return i + (Long.numberOfTrailingZeros(marks) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == '\r' || bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
