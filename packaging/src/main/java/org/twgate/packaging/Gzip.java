package org.twgate.packaging;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * gzip as {@code gzip -9n} writes it, which Debian policy (12.3) asks of man pages and
 * changelogs: best compression flagged in the header, no file name, no time stamp, so the
 * same input gives the same octets. ({@link java.util.zip.GZIPOutputStream} has no level and
 * leaves the flag unset.)
 */
final class Gzip {
    private Gzip() {
    }

    static byte[] best(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 3 + 64);
        // ID1 ID2, CM=deflate, FLG=0, MTIME=0 (4 octets), XFL=2 (maximum compression), OS=3 (Unix)
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, 3});
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        CRC32 crc = new CRC32();
        crc.update(data);
        littleEndian(out, crc.getValue());
        littleEndian(out, data.length & 0xffffffffL);
        return out.toByteArray();
    }

    private static void littleEndian(ByteArrayOutputStream out, long value) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (value >>> (8 * i)) & 0xff);
        }
    }
}
